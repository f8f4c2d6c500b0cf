package dev.rein.cli;

import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns a mistake in the command line itself (an unknown command or option, a missing or malformed option value)
 * into one line on stderr, {@code rein: error: <what> (see rein COMMAND --help)}, and exit code 2, so that a script
 * can tell a usage error from bad input (exit 1). An unknown command or option is named first even when picocli
 * stopped at a missing required option: it is usually the cause (a misspelt {@code --model}).
 */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        List<String> unknown = ex instanceof UnmatchedArgumentException unmatched
                ? unmatched.getUnmatched() : cmd.getUnmatchedArguments();
        String problem = unknown.isEmpty() ? oneLine(ex.getMessage()) : unknown(cmd, unknown, suggestions(ex));
        cmd.getErr().println("rein: error: " + problem + " (see " + cmd.getCommandSpec().qualifiedName()
                + " --help)");
        cmd.getErr().flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** {@code unknown command 'quantize'; did you mean tokenize?}, or the same for options and other arguments. */
    static String unknown(CommandLine cmd, List<String> arguments, List<String> suggestions) {
        String first = arguments.getFirst();
        String kind = first.startsWith("-") ? "option"
                : cmd.getSubcommands().isEmpty() ? "argument" : "command";
        String quoted = arguments.stream().map(arg -> "'" + arg + "'").collect(Collectors.joining(", "));
        String problem = "unknown " + kind + (arguments.size() > 1 ? "s " : " ") + quoted;
        return suggestions.isEmpty() ? problem : problem + "; did you mean " + String.join(" or ", suggestions) + "?";
    }

    private static List<String> suggestions(ParameterException ex) {
        return ex instanceof UnmatchedArgumentException unmatched ? unmatched.getSuggestions() : List.of();
    }

    private static String oneLine(String message) {
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
