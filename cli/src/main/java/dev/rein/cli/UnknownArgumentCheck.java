package dev.rein.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Refuses unknown commands and options before anything runs, {@code --help} included: picocli lets
 * {@code rein quantize --help} print the top-level help and exit 0, so a script could not tell that the command does
 * not exist. The refusal goes to {@link UsageErrorHandler} (one line, exit code 2); a known command with
 * {@code --help} still prints its help.
 */
final class UnknownArgumentCheck implements CommandLine.IExecutionStrategy {
    private final CommandLine.IExecutionStrategy next;

    UnknownArgumentCheck(CommandLine.IExecutionStrategy next) {
        this.next = next;
    }

    @Override
    public int execute(ParseResult parseResult) {
        for (ParseResult level = parseResult; level != null; level = level.subcommand()) {
            List<String> unmatched = level.unmatched();
            if (!unmatched.isEmpty()) {
                throw new UnmatchedArgumentException(level.commandSpec().commandLine(), unmatched);
            }
        }
        return next.execute(parseResult);
    }
}
