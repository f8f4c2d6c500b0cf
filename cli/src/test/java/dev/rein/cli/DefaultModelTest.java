package dev.rein.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Every command that takes {@code --model} runs the embedded default model when the option is left out or given as
 * {@code default}, the same model either way.
 */
class DefaultModelTest {
    private static final String PROMPT = "Once upon a time";

    @Test
    void generateWithoutModelOrWithDefaultContinuesThePrompt() {
        CliRun implicit = CliRun.of("generate", "-p", PROMPT, "--max-new-tokens", "12", "--greedy");
        assertEquals(0, implicit.exitCode(), implicit.err());
        assertTrue(implicit.out().startsWith(PROMPT) && implicit.out().strip().length() > PROMPT.length() + 10,
                implicit.out());
        CliRun named = CliRun.of("generate", "-m", "default", "-p", PROMPT, "--max-new-tokens", "12", "--greedy");
        assertEquals(0, named.exitCode(), named.err());
        assertEquals(implicit.out(), named.out());
        CliRun longName = CliRun.of("generate", "--model", "default", "-p", PROMPT, "--max-new-tokens", "12",
                "--greedy");
        assertEquals(implicit.out(), longName.out());
    }

    @Test
    void logitsInspectAndInfoReadTheDefaultModel() {
        CliRun logits = CliRun.of("logits", "--text", PROMPT);
        assertEquals(0, logits.exitCode(), logits.err());
        assertEquals(logits.out(), CliRun.of("logits", "-m", "default", "--text", PROMPT).out());
        assertTrue(logits.out().contains("time"), logits.out());

        CliRun inspect = CliRun.of("inspect", "--model", "default", "--prompt", PROMPT);
        assertEquals(0, inspect.exitCode(), inspect.err());
        assertEquals(inspect.out(), CliRun.of("inspect", "--prompt", PROMPT).out());

        CliRun info = CliRun.of("info", "default");
        assertEquals(0, info.exitCode(), info.err());
        assertTrue(info.out().contains("llama: 4 layers, hidden 128, vocab 1367"), info.out());
    }

    @Test
    void aModelThatIsNotThereIsOneLineNamingTheOption() {
        CliRun run = CliRun.of("generate", "-m", "/no/such/model", "-p", PROMPT);
        assertEquals(1, run.exitCode(), run.out());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("rein: error: --model /no/such/model: no such file or folder"), run.err());
        assertTrue(run.err().contains("'default'"), "the message says how else a model is named: " + run.err());
    }

    @Test
    void everyModelOptionIsOptionalAndSaysSo() {
        for (String[] command : new String[][] {{"generate"}, {"logits"}, {"inspect"}, {"bench", "decode"},
                {"bench", "train"}, {"train", "lm"}, {"train", "toxicity"}, {"recontrol", "collect"},
                {"recontrol", "eval"}, {"eval", "perplexity"}, {"eval", "coherence"}, {"eval", "reward"},
                {"eval", "choice"}}) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            CliRun help = CliRun.of(args);
            assertEquals(0, help.exitCode(), help.err());
            String usage = help.out().replaceAll("\\s+", " ");
            assertTrue(usage.contains("[-m=MODEL]") || usage.contains("[-m=MODEL |"), String.join(" ", command)
                    + ": --model is optional: " + usage);
            assertTrue(usage.contains("`default` (the embedded model, the default)"), String.join(" ", command)
                    + ": " + usage);
        }
    }
}
