package dev.rein.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code rein recontrol}: RE-Control's stages, one subcommand each. Steering itself is {@code rein generate
 * --recontrol VALUE_MODEL}.
 */
@Command(name = "recontrol", description = {"RE-Control: learn a value function on a model's final hidden states and "
        + "steer generation by gradient ascent on it.",
        "collect -> label -> train, then rein generate --recontrol OUT --steps N --step-size A, or eval to compare "
        + "steered with plain generation."},
        subcommands = {RecontrolCollectCommand.class, RecontrolLabelCommand.class, RecontrolTrainCommand.class,
                RecontrolEvalCommand.class})
final class RecontrolCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
