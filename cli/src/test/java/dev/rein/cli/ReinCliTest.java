package dev.rein.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Exit codes of the command line: success 0, usage mistakes 2, bad input 1. */
class ReinCliTest {
    @Test
    void versionAndInfoSucceed() {
        assertEquals(0, Rein.run("--version"));
        assertEquals(0, Rein.run("info"));
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertEquals(2, Rein.run("no-such-command"));
    }

    @Test
    void jsonIntoMissingFolderIsAUserError() {
        assertEquals(1, Rein.run("bench", "--quick", "--json", "/no/such/folder/bench.json"));
    }
}
