package dev.rein.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code rein eval}: score a JSON Lines file of predictions with one metric, writing the report and each row's scores;
 * each subcommand is a metric.
 */
@Command(name = "eval", description = {"Score predictions with a metric: prints a table and writes the values as JSON,",
        "and each row's own scores as JSON Lines beside them (NAME.METRIC.rows.jsonl, or --rows FILE).",
        "Each metric reads a JSON Lines file (--input); rows that lack a field it needs are reported by line number."},
        subcommands = {EvalLengthCommand.class, EvalSentimentCommand.class, EvalToxicityCommand.class,
                EvalMisalignmentCommand.class, EvalDiversityCommand.class, EvalPerplexityCommand.class,
                EvalCoherenceCommand.class, EvalRewardCommand.class, EvalChoiceCommand.class,
                EvalGlueCommand.class})
final class EvalCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
