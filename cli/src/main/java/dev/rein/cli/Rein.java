package dev.rein.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code rein} command line. Each subcommand is its own class; user mistakes end with a one-line
 * message and exit code 2 (usage: {@link UsageErrorHandler}) or 1 (bad input: {@link UserErrorHandler}), never a
 * stack trace.
 */
@Command(name = "rein",
        mixinStandardHelpOptions = true,
        scope = CommandLine.ScopeType.INHERIT,   // -h/--help (and -V) work after every subcommand too
        versionProvider = VersionProvider.class,
        description = "Load language models and control what they generate, on the JVM.",
        subcommands = {InfoCommand.class, TokenizeCommand.class, InitCommand.class, LogitsCommand.class,
                GenerateCommand.class, InspectCommand.class, TrainCommand.class, DemoCommand.class,
                CorpusCommand.class, EvalCommand.class, RecontrolCommand.class, CieCommand.class, CtrlCommand.class,
                DphCommand.class, CogSteerCommand.class, SteerCommand.class, ServeCommand.class, LabCommand.class,
                SparkCommand.class, BenchCommand.class,
                QuantizeCommand.class, CommandLine.HelpCommand.class})
public final class Rein implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (tests call this instead of main). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Rein());
        cli.setExecutionExceptionHandler(new UserErrorHandler());
        cli.setParameterExceptionHandler(new UsageErrorHandler());
        cli.setExecutionStrategy(new UnknownArgumentCheck(new CommandLine.RunLast()));
        cli.setCaseInsensitiveEnumValuesAllowed(true); // --family llama, --dtype bf16
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
