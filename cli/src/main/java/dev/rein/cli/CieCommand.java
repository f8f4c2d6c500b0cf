package dev.rein.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code rein cie}: CIE's stages, one subcommand each. Generating with the tables is {@code rein generate --cie DIR
 * --control length=N}.
 */
@Command(name = "cie", description = {"CIE: control a continuous property of the response (its length in words) "
        + "through an input embedding interpolated between the two rows of a trained table.",
        "rows writes rows of known length from generated tales; train, then rein generate --cie DIR --control "
                + "length=N, or eval to compare with the plain model and the baselines."},
        subcommands = {CieRowsCommand.class, CieTrainCommand.class, CieEvalCommand.class})
final class CieCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
