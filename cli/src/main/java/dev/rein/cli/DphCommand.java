package dev.rein.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code rein dph}: Direct Preference Heads, one subcommand per stage. Inference-time alignment is {@code rein
 * generate --best-of N --reward-head DIR}.
 */
@Command(name = "dph", description = {"Direct Preference Heads: train reward heads on a model's final normed state "
        + "from preference pairs, with the backbone frozen (wrapped) or trained (with optional cDPO).",
        "pairs -> train -> eval, then rein generate --best-of N --reward-head OUT/heads to keep the best of N samples."},
        subcommands = {DphPairsCommand.class, DphTrainCommand.class, DphEvalCommand.class})
final class DphCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
