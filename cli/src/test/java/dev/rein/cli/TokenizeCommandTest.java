package dev.rein.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rein tokenize}: ids, pieces and offsets of real tokenizers, decoding, and one-line errors. */
class TokenizeCommandTest {
    @TempDir
    Path dir;

    private static String gpt2() {
        return SharedData.path("tokenizers/gpt2").toString();
    }

    @Test
    void printsIdsPiecesAndCoveredText() {
        CliRun run = CliRun.of("tokenize", "-t", gpt2(), "Hello world");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("2 tokens, 11 characters"), run.out());
        assertTrue(run.out().matches("(?s).*\\n +1 +995 +\"Ġworld\" +\" world\"\\n.*"), run.out());
        assertEquals("15496 995", CliRun.of("tokenize", "-t", gpt2(), "--ids", "Hello world").out().strip());
    }

    @Test
    void jsonHasIdsPiecesAndOffsets() {
        CliRun run = CliRun.of("tokenize", "-t", SharedData.path("models/stories260K").toString(), "--json",
                "Once upon");
        assertEquals("{\"ids\":[1,403,407],\"pieces\":[\"<s>\",\"▁Once\",\"▁upon\"],"
                + "\"offsets\":[[0,0],[0,4],[4,9]]}", run.out().strip());
        CliRun plain = CliRun.of("tokenize", "-t", SharedData.path("models/stories260K").toString(), "--ids",
                "--no-special", "Once upon");
        assertEquals("403 407", plain.out().strip());
    }

    @Test
    void decodesIds() {
        assertEquals("Hello world", CliRun.of("tokenize", "-t", gpt2(), "--decode", "15496", "995").out().strip());
        CliRun llama = CliRun.of("tokenize", "-t", SharedData.path("tokenizers/llama2").toString(), "--decode",
                "--skip-special", "[1, 15043]");
        assertEquals("Hello", llama.out().strip());
    }

    @Test
    void readsTheTextFromAFile() throws IOException {
        Path text = Files.writeString(dir.resolve("text.txt"), "Hello world");
        assertEquals("15496 995", CliRun.of("tokenize", "-t", gpt2(), "--ids", "--file", text.toString()).out().strip());
    }

    @Test
    void badIdsAreUserErrors() {
        CliRun word = CliRun.of("tokenize", "-t", gpt2(), "--decode", "hello");
        assertEquals(1, word.exitCode());
        assertEquals("rein: error: --decode: expected token ids, found \"hello\"", word.err().strip());
        CliRun outside = CliRun.of("tokenize", "-t", gpt2(), "--decode", "50257");
        assertEquals(1, outside.exitCode());
        assertTrue(outside.err().contains("outside the vocabulary (0..50256)"), outside.err());
    }

    @Test
    void missingOrMalformedTokenizersAreUserErrors() throws IOException {
        assertEquals(1, CliRun.of("tokenize", "-t", dir.resolve("absent").toString(), "x").exitCode());

        Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": ");
        CliRun broken = CliRun.of("tokenize", "-t", dir.toString(), "x");
        assertEquals(1, broken.exitCode());
        assertTrue(broken.err().startsWith("rein: error: " + dir.resolve("tokenizer.json")), broken.err());
        assertEquals(1, broken.err().lines().count(), broken.err());

        Path legacy = Files.createDirectory(dir.resolve("legacy"));
        Files.write(legacy.resolve("tokenizer.model"), new byte[] {10, 3});
        CliRun sentencePiece = CliRun.of("tokenize", "-t", legacy.toString(), "x");
        assertEquals(1, sentencePiece.exitCode());
        assertTrue(sentencePiece.err().contains("tokenizer.json is required"), sentencePiece.err());
    }

    @Test
    void unknownModelTypeIsAUserError() throws IOException {
        Files.writeString(dir.resolve("tokenizer.json"), """
                {"model": {"type": "Unigram", "vocab": []}, "added_tokens": []}""");
        CliRun run = CliRun.of("tokenize", "-t", dir.toString(), "x");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("Unigram"), run.err());
    }

    private Path conversation(String json) throws IOException {
        return Files.writeString(dir.resolve("conversation.json"), json);
    }

    private static final String TURNS = """
            [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi!"},
             {"role": "assistant", "content": "Hello."}, {"role": "user", "content": "Bye"}]""";

    @Test
    void chatMarksTheAssistantReply() throws IOException {
        CliRun run = CliRun.of("tokenize", "-t", SharedData.path("tokenizers/qwen3").toString(), "--json",
                "--chat", conversation(TURNS).toString());
        assertEquals(0, run.exitCode(), run.err());
        String expectedText = "<|im_start|>system\\nBe brief.<|im_end|>\\n<|im_start|>user\\nHi!<|im_end|>\\n"
                + "<|im_start|>assistant\\nHello.<|im_end|>\\n<|im_start|>user\\nBye<|im_end|>\\n";
        assertTrue(run.out().contains("\"text\":\"" + expectedText + "\""), run.out());
        // "Hello" "." "<|im_end|>" are the reply; the newline after it and everything else are not.
        assertTrue(run.out().contains("\"assistant_mask\":[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,1,1,0,0,0,0,0,0,0,0]"),
                run.out());
    }

    @Test
    void chatWithTheWrongEndOfTurnSaysHowToFixIt() throws IOException {
        String llama3 = SharedData.path("tokenizers/llama3").toString();
        Path file = conversation(TURNS);
        CliRun eos = CliRun.of("tokenize", "-t", llama3, "--chat", file.toString());
        assertEquals(1, eos.exitCode());
        assertTrue(eos.err().contains("give another with --end-of-turn"), eos.err());
        CliRun eot = CliRun.of("tokenize", "-t", llama3, "--chat", file.toString(), "--end-of-turn", "<|eot_id|>");
        assertEquals(0, eot.exitCode(), eot.err());
        assertTrue(eot.out().matches("(?s).*\"<\\|eot_id\\|>\" +\"<\\|eot_id\\|>\"  assistant\n.*"), eot.out());
    }

    @Test
    void chatErrorsAreUserErrors() throws IOException {
        CliRun noTemplate = CliRun.of("tokenize", "-t", gpt2(), "--chat", conversation(TURNS).toString());
        assertEquals(1, noTemplate.exitCode());
        assertTrue(noTemplate.err().contains("chat_template: missing"), noTemplate.err());

        String gemma3 = SharedData.path("tokenizers/gemma3").toString();
        Path twoUsers = conversation("[{\"role\": \"user\", \"content\": \"a\"}, {\"role\": \"user\", \"content\": \"b\"}]");
        CliRun refused = CliRun.of("tokenize", "-t", gemma3, "--chat", twoUsers.toString());
        assertEquals(1, refused.exitCode());
        assertTrue(refused.err().contains("Conversation roles must alternate"), refused.err());

        Path noRole = conversation("[{\"content\": \"a\"}]");
        CliRun malformed = CliRun.of("tokenize", "-t", gemma3, "--chat", noRole.toString());
        assertEquals(1, malformed.exitCode());
        assertEquals("rein: error: " + noRole + ": [0].role: missing (required)", malformed.err().strip());
    }
}
