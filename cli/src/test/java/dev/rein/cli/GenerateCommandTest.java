package dev.rein.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rein.tensor.testing.SharedData;
import dev.rein.text.tokenizer.Tokenizer;
import org.junit.jupiter.api.Test;

class GenerateCommandTest {
    private static final String MODEL = SharedData.path("models/stories260K").toString();

    @Test
    void greedyGenerationStreamsThePromptAndItsContinuation() {
        CliRun run = CliRun.of("generate", "-m", MODEL, "-p", "Once upon a time", "--max-new-tokens", "20");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("Once upon a time, there was a little girl"), run.out());
        assertTrue(run.err().contains("20 generated"), run.err());
    }

    @Test
    void jsonHasEverySequenceAndTheSameSeedRepeats() throws Exception {
        String[] args = {"generate", "-m", MODEL, "-p", "The dog", "--max-new-tokens", "12", "--temperature", "0.9",
                "-n", "3", "--seed", "5", "--json"};
        CliRun first = CliRun.of(args);
        assertEquals(0, first.exitCode(), first.err());
        JsonNode json = new ObjectMapper().readTree(first.out());
        assertEquals(3, json.get("sequences").size());
        assertEquals(12, json.get("sequences").get(0).get("ids").size());
        assertEquals(first.out().replaceAll("\"seconds\":[^}]*", ""),
                CliRun.of(args).out().replaceAll("\"seconds\":[^}]*", ""));
    }

    @Test
    void aStopStringCutsTheText() throws Exception {
        CliRun run = CliRun.of("generate", "-m", MODEL, "-p", "Once upon a time", "--max-new-tokens", "60",
                "--stop", "Lily", "--json");
        JsonNode sequence = new ObjectMapper().readTree(run.out()).get("sequences").get(0);
        assertEquals("stop string \"Lily\"", sequence.get("finish_reason").asText());
        assertEquals(", there was a little girl named ", sequence.get("text").asText());
    }

    @Test
    void aLlama2cFileTakesATokenizerFromElsewhere() {
        CliRun missing = CliRun.of("generate", "-m", SharedData.path("models/llama2c/stories260K.bin").toString(),
                "-p", "Hi");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("--tokenizer"), missing.err());
        CliRun run = CliRun.of("generate", "-m", SharedData.path("models/llama2c/stories260K.bin").toString(),
                "-t", MODEL, "-p", "Once upon a time", "--max-new-tokens", "20");
        assertEquals(CliRun.of("generate", "-m", MODEL, "-p", "Once upon a time", "--max-new-tokens", "20").out(),
                run.out());
    }

    @Test
    void chatPromptsGoThroughTheTokenizersTemplate() throws Exception {
        // a random-weight checkpoint with Qwen3's real vocabulary, and Qwen3's tokenizer and chat template
        String model = SharedData.path("reference/models/random-qwen3-tiny").toString();
        String tokenizerDir = SharedData.path("tokenizers/qwen3").toString();
        CliRun run = CliRun.of("generate", "-m", model, "-t", tokenizerDir, "-p", "Hi there", "--chat", "--system",
                "Be brief.", "--max-new-tokens", "3", "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        Tokenizer tokenizer = Tokenizer.load(SharedData.path("tokenizers/qwen3"));
        int[] ids = new ObjectMapper().convertValue(json.get("prompt_ids"), int[].class);
        assertEquals("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi there<|im_end|>\n"
                + "<|im_start|>assistant\n", tokenizer.decode(ids));
        assertEquals(tokenizer.pieceToId("<|im_start|>"), ids[0], "special tokens are matched as single tokens");
        assertEquals(3, json.get("sequences").get(0).get("ids").size());
    }

    @Test
    void badFlagsAreOneLineErrors() {
        CliRun topP = CliRun.of("generate", "-m", MODEL, "-p", "Hi", "--top-p", "1.5");
        assertEquals(1, topP.exitCode());
        assertTrue(topP.err().startsWith("rein: error:") && topP.err().contains("top_p"), topP.err());
        CliRun both = CliRun.of("generate", "-m", MODEL, "-p", "Hi", "--sample", "--greedy");
        assertEquals(1, both.exitCode());
        CliRun noTemplate = CliRun.of("generate", "-m", MODEL, "-p", "Hi", "--chat");
        assertEquals(1, noTemplate.exitCode());
        assertTrue(noTemplate.err().contains("no chat template"), noTemplate.err());
        CliRun noModel = CliRun.of("generate", "-m", "/nonexistent", "-p", "Hi");
        assertEquals(1, noModel.exitCode());
        assertTrue(noModel.err().contains("/nonexistent"), noModel.err());
    }
}
