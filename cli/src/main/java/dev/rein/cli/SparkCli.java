package dev.rein.cli;

import dev.rein.formats.FormatException;
import dev.rein.models.LanguageModel;
import dev.rein.spark.ExecutorModels;
import dev.rein.spark.ModelRef;
import java.io.IOException;

/** What the {@code rein spark} commands share on the driver before Spark starts. */
final class SparkCli {
    /** A Spark job, run by a command. */
    interface Job {
        void run() throws IOException;
    }

    private SparkCli() {
    }

    /**
     * The model on the driver (cached for the executors of local mode), for its defaults and checks; a reference that
     * names nothing is a user error.
     */
    static LanguageModel model(ModelRef model) throws IOException {
        try {
            return ExecutorModels.get(model);
        } catch (FormatException e) {
            throw new UserError("--model " + e.getMessage());
        }
    }

    /** Runs {@code job}; without Spark's classes on the class path, says how to get them. */
    static void run(Job job) throws IOException {
        try {
            job.run();
        } catch (NoClassDefFoundError e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("org/apache/spark")) {
                throw e;
            }
            throw new UserError("rein spark needs Apache Spark's jars on the class path: run it through ./rein, or "
                    + "submit rein.jar with spark-submit (docs/spark.md)");
        }
    }
}
