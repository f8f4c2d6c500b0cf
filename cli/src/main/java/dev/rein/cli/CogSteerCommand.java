package dev.rein.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code rein cogsteer}: CogSteer's stages, one subcommand each. Steered generation is {@code rein generate
 * --cogsteer DIR}.
 */
@Command(name = "cogsteer", description = {"CogSteer: pick a layer by eye-tracking correlation, train an adapter at "
        + "that one layer on text to steer away from, and subtract its effect on the next layer's attention heads "
        + "while decoding.",
        "layers, then train, then rein generate --cogsteer DIR, or eval to compare with the plain model; classify "
                + "for single-layer prefix tuning on a classification task."},
        subcommands = {CogSteerLayersCommand.class, CogSteerTrainCommand.class, CogSteerEvalCommand.class,
                CogSteerClassifyCommand.class})
final class CogSteerCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
