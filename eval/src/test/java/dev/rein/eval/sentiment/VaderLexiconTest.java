package dev.rein.eval.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.formats.FormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaderLexiconTest {
    @TempDir
    Path folder;

    private void write(String lexicon, String emoji) throws IOException {
        Files.writeString(folder.resolve("vader_lexicon.txt"), lexicon);
        Files.writeString(folder.resolve("emoji_utf8_lexicon.txt"), emoji);
    }

    @Test
    void readsValencesAndDescriptionsAndTheLastOfRepeatedWords() throws IOException {
        write("good\t1.9\t0.9\t[2, 2]\nlol\t2.9\t0.8\t[3]\n\nlol\t1.8\t1.4\t[1]\n", "☺\tsmiling face");
        VaderLexicon lexicon = VaderLexicon.read(folder);
        assertEquals(1.9, lexicon.valence("good"));
        assertEquals(1.8, lexicon.valence("lol"));
        assertEquals("smiling face", lexicon.emojiDescription("☺"));
        // with a two-word lexicon, "☺ lol" is "smiling face lol": only lol counts, 1.8 / sqrt(1.8² + 15)
        assertEquals(0.4215, Vader.load(folder).scores("☺ lol").compound());
    }

    @Test
    void aLineWithoutTabOrWithABadValenceIsNamed() throws IOException {
        write("good\t1.9\nbad -2.5\n", "☺\tsmiling face\n");
        FormatException noTab = assertThrows(FormatException.class, () -> Vader.load(folder));
        assertEquals(folder.resolve("vader_lexicon.txt"), noTab.file());
        assertEquals("line 2", noTab.field());
        assertTrue(noTab.getMessage().contains("expected at least two tab-separated fields, found \"bad -2.5\""),
                noTab.getMessage());

        write("good\tvery\n", "☺\tsmiling face\n");
        FormatException badValence = assertThrows(FormatException.class, () -> Vader.load(folder));
        assertTrue(badValence.getMessage().endsWith("vader_lexicon.txt: line 1: expected a finite decimal valence in "
                + "the second field, found \"very\""), badValence.getMessage());

        write("good\t1.9\n", "☺\tsmiling face\n🙂\n");
        FormatException emoji = assertThrows(FormatException.class, () -> Vader.load(folder));
        assertEquals(folder.resolve("emoji_utf8_lexicon.txt"), emoji.file());
        assertEquals("line 2", emoji.field());
    }

    @Test
    void aMissingOrNonUtf8FileIsNamed() throws IOException {
        Files.writeString(folder.resolve("vader_lexicon.txt"), "good\t1.9\n");
        FormatException missing = assertThrows(FormatException.class, () -> Vader.load(folder));
        assertEquals(folder.resolve("emoji_utf8_lexicon.txt"), missing.file());
        assertTrue(missing.getMessage().endsWith("no such file"), missing.getMessage());

        Files.write(folder.resolve("emoji_utf8_lexicon.txt"), new byte[] {(byte) 0xff, '\t', 'x'});
        FormatException notUtf8 = assertThrows(FormatException.class, () -> Vader.load(folder));
        assertTrue(notUtf8.getMessage().endsWith("emoji_utf8_lexicon.txt: is not UTF-8 text"), notUtf8.getMessage());
    }
}
