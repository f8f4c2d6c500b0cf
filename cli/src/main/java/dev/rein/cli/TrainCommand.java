package dev.rein.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code rein train}: the training commands; {@code rein train lm} trains a causal language model, {@code rein train
 * toxicity} a toxicity scorer.
 */
@Command(name = "train", description = {"Train models.", "rein train lm trains or fine-tunes a causal language model; "
        + "rein train toxicity trains a toxicity scorer on a model."},
        subcommands = {TrainLmCommand.class, TrainToxicityCommand.class})
final class TrainCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
