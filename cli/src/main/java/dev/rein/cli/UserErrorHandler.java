package dev.rein.cli;

import dev.rein.formats.FormatException;
import picocli.CommandLine;

/**
 * Turns exceptions from a subcommand into exit codes: a {@link UserError}, a malformed file ({@link FormatException},
 * whose message names the file and field) or an invalid argument prints {@code rein: error: <message>} and exits 1;
 * anything else is a bug in Rein and keeps its stack trace.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) throws Exception {
        if (ex instanceof UserError || ex instanceof FormatException || ex instanceof IllegalArgumentException) {
            cmd.getErr().println("rein: error: " + ex.getMessage());
            return 1;
        }
        throw ex;
    }
}
