package dev.rein.cli;

import picocli.CommandLine.Option;

/**
 * How long a training command runs: {@code --steps N} or {@code --epochs N}, one of them; one epoch when neither is
 * given. Commands hold it as an exclusive {@code @ArgGroup}.
 */
final class TrainingLength {
    @Option(names = "--steps", required = true, paramLabel = "N", description = "Optimizer steps in all.")
    Long steps;

    @Option(names = "--epochs", required = true, paramLabel = "N", description = "Passes over the data.")
    int epochs = 1;
}
