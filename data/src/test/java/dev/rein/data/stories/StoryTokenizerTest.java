package dev.rein.data.stories;

import dev.rein.text.tokenizer.DecodeOption;
import dev.rein.text.tokenizer.EncodeOption;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rein.text.tokenizer.Tokenizer;
import dev.rein.text.tokenizer.TokenizerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The story tokenizer, as Rein's Tokenizer loads it: one token per word and punctuation run, any text encodes. */
class StoryTokenizerTest {
    /** GPT-2's pre-tokenizer pieces in the corpus: a word or a punctuation run, with the space before it. */
    private static final Pattern PIECE = Pattern.compile(" ?\\p{L}+| ?[^\\p{L}\\s]+");

    @TempDir
    static Path folder;
    private static Tokenizer tokenizer;

    @BeforeAll
    static void write() throws IOException {
        StoryTokenizer.write(folder);
        tokenizer = Tokenizer.load(folder);
    }

    @Test
    void everyWordAndPunctuationRunIsOneTokenWithAndWithoutASpace() {
        for (String piece : StoryGrammar.words()) assertOneToken(piece);
        for (String piece : StoryGrammar.punctuation()) assertOneToken(piece);
    }

    private static void assertOneToken(String piece) {
        assertEquals(1, tokenizer.encode(piece, EncodeOption.WITHOUT_SPECIAL_TOKENS).length, piece);
        assertEquals(1, tokenizer.encode(" " + piece, EncodeOption.WITHOUT_SPECIAL_TOKENS).length, " " + piece);
    }

    @Test
    void storiesRoundTripAndTakeOneTokenPerWordOrMark() {
        for (Story story : StoryGenerator.stories(3, 0, 500)) {
            int[] ids = tokenizer.encode(story.text());
            assertEquals(tokenizer.pieceToId(StoryTokenizer.END_OF_TEXT), ids[0], "BOS first");
            assertEquals(story.text(), tokenizer.decode(ids, DecodeOption.SKIP_SPECIAL_TOKENS));
            Matcher pieces = PIECE.matcher(story.text());
            int expected = 0;
            while (pieces.find()) expected++;
            assertEquals(expected, ids.length - 1, story.text());
        }
    }

    @Test
    void anyTextStillEncodesThroughTheByteSymbols() {
        String text = "Zürich, 2024 — naïve 🙂\n\ttabs & a xylophone";
        assertEquals(text, tokenizer.decode(tokenizer.encode(text, EncodeOption.WITHOUT_SPECIAL_TOKENS)));
    }

    @Test
    void theVocabularyIsBytesThenMergesThenTheSpecialToken() throws IOException {
        JsonNode json = new ObjectMapper().readTree(folder.resolve(Tokenizer.FILE_NAME).toFile());
        int merged = json.at("/model/vocab").size() - 256 - 1;
        assertTrue(merged > 0 && merged <= json.at("/model/merges").size());
        int size = tokenizer.vocabSize();
        assertTrue(size < 2000, size + " tokens");
        assertEquals(size - 1, tokenizer.pieceToId(StoryTokenizer.END_OF_TEXT));
        assertTrue(tokenizer.isSpecial(size - 1));
        assertEquals(0, tokenizer.pieceToId("\u0100"), "byte 0 is spelled U+0100 and has id 0");
        assertEquals((int) 'A', tokenizer.pieceToId("A"));
    }

    @Test
    void theConfigNamesTheSpecialTokenForEveryRole() {
        TokenizerConfig config = tokenizer.tokenizerConfig();
        assertEquals(StoryTokenizer.END_OF_TEXT, config.bosToken());
        assertEquals(StoryTokenizer.END_OF_TEXT, config.eosToken());
        assertEquals(StoryTokenizer.END_OF_TEXT, config.padToken());
        assertEquals(Boolean.TRUE, config.addBosToken());
    }

    @Test
    void writingAgainGivesTheSameBytes(@TempDir Path again) throws IOException {
        StoryTokenizer.write(again);
        for (String name : new String[] {Tokenizer.FILE_NAME, TokenizerConfig.FILE_NAME}) {
            assertArrayEquals(Files.readAllBytes(folder.resolve(name)), Files.readAllBytes(again.resolve(name)), name);
        }
    }
}
