package dev.rein.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code rein spark}: Rein's work over a dataset on Apache Spark, one subcommand each (docs/spark.md). Spark is not
 * in rein.jar: ./rein adds its jars for this command, and spark-submit brings a cluster's.
 */
@Command(name = "spark", description = {"Generate, score, collect RE-Control states or evaluate a method over a "
        + "dataset with Apache Spark (local mode or a cluster; docs/spark.md).",
        "Each row gets a seed of its own from --seed and its key: a row's output equals rein generate --seed <its "
                + "seed>, however the job is split or retried."},
        subcommands = {SparkGenerateCommand.class, SparkScoreCommand.class, SparkCollectCommand.class,
                SparkEvalCommand.class})
final class SparkCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
