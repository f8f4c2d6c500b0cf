package dev.rein.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code rein train}: the training commands; {@code rein train lm} trains a causal language model. */
@Command(name = "train", description = {"Train models.", "rein train lm trains or fine-tunes a causal language model."},
        subcommands = TrainLmCommand.class)
final class TrainCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
