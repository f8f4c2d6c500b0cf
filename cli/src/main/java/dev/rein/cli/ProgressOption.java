package dev.rein.cli;

import picocli.CommandLine.Option;

/** {@code --no-progress}: a training command's progress bar off (there is none when stderr is not a terminal). */
final class ProgressOption {
    @Option(names = "--no-progress", description = "No progress bar (there is none when stderr is not a terminal).")
    boolean noProgress;
}
