package dev.rein.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Unknown commands and options end with one line on stderr and exit code 2, whatever follows them ({@code --help}
 * included); known commands with {@code --help} print their help and exit 0.
 */
class UsageErrorsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "compress --help               | unknown command 'compress'          | rein --help",
            "compress -h                   | unknown command 'compress'          | rein --help",
            "compress                      | unknown command 'compress'          | rein --help",
            "--help compress               | unknown command 'compress'          | rein --help",
            "generate --no-such-flag --help | unknown option '--no-such-flag'    | rein generate --help",
            "generate --help --no-such-flag | unknown option '--no-such-flag'    | rein generate --help",
            "generate --no-such-flag       | unknown option '--no-such-flag'     | rein generate --help",
            "eval compress --help          | unknown command 'compress'          | rein eval --help",
            "eval length --nope --help     | unknown option '--nope'             | rein eval length --help",
            "info --nope -h                | unknown option '--nope'             | rein info --help",
            "generate --modle x -p y       | unknown options '--modle', 'x'      | rein generate --help",
            "generate -p                   | Missing required parameter          | rein generate --help"})
    void unknownCommandsAndOptionsAreOneLineUsageErrors(String args, String problem, String help) {
        CliRun run = CliRun.of(args.split(" "));
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.out().isEmpty(), "no help on stdout: " + run.out());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("rein: error: " + problem), run.err());
        assertTrue(run.err().strip().endsWith("(see " + help + ")"), run.err());
    }

    @ParameterizedTest
    @CsvSource({"--help, Usage: rein ", "generate --help, Usage: rein generate",
            "eval length -h, Usage: rein eval length", "help generate, Usage: rein generate",
            "eval --help, Usage: rein eval"})
    void knownCommandsPrintTheirHelp(String args, String usage) {
        CliRun run = CliRun.of(args.split(" "));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith(usage), run.out());
        assertTrue(run.err().isEmpty(), run.err());
    }

    @ParameterizedTest
    @CsvSource({"tokenise, tokenize", "quantise, quantize", "genrate, generate"})
    void aMisspeltCommandGetsSuggestions(String command, String suggestion) {
        CliRun run = CliRun.of(command);
        assertTrue(run.err().contains("did you mean " + suggestion) || run.err().contains(" or " + suggestion),
                run.err());
    }
}
