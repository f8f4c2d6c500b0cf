package dev.rein.steering.dph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.formats.FormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreferenceFileTest {
    @TempDir
    Path folder;

    @Test
    void readsTextsMessageListsAndMultipleChoiceRows() throws Exception {
        Path file = write("""
                {"prompt": "Say hi", "chosen": "Hi!", "rejected": "No."}
                {"chosen": [{"role": "user", "content": "Q?"}, {"role": "assistant", "content": "Good"}], \
                "rejected": [{"role": "user", "content": "Q?"}, {"role": "assistant", "content": "Bad"}]}
                {"question": "2+2?", "choices": ["3", "4", "5"], "answer": 1}
                {"prompt": "Same", "chosen": "x", "rejected": "x"}
                """);
        PreferenceFile.Result result = PreferenceFile.read(file, 1);
        List<PreferencePair> pairs = result.pairs();
        assertEquals(3, pairs.size());
        assertEquals(new PreferencePair("Say hi", "Hi!", "No.", 1), pairs.get(0));
        assertEquals(new PreferencePair("Q?", "Good", "Bad", 2), pairs.get(1), "the assistant turns, not element 0");
        assertEquals("4", pairs.get(2).chosen());
        assertTrue(List.of("3", "5").contains(pairs.get(2).rejected()));
        assertEquals(List.of(4), result.identicalLines());
        assertEquals(pairs.get(2), PreferenceFile.read(file, 1).pairs().get(2), "the same seed, the same distractor");
    }

    @Test
    void aMissingFieldNamesTheFileLineAndField() throws Exception {
        Path file = write("""
                {"prompt": "a", "chosen": "b", "rejected": "c"}
                {"prompt": "a", "chosen": "b"}
                """);
        String message = assertThrows(FormatException.class, () -> PreferenceFile.read(file, 1)).getMessage();
        assertTrue(message.contains("pairs.jsonl") && message.contains("line 2") && message.contains("rejected"),
                message);
        Path badAnswer = write("{\"question\": \"q\", \"choices\": [\"a\", \"b\"], \"answer\": 2}\n");
        assertTrue(assertThrows(FormatException.class, () -> PreferenceFile.read(badAnswer, 1)).getMessage()
                .contains("answer"));
    }

    private Path write(String text) throws Exception {
        return Files.writeString(folder.resolve("pairs.jsonl"), text);
    }
}
