package dev.rein.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code rein ctrl}: the control-token method's stages (METHODS.md section 2), one subcommand each. */
@Command(name = "ctrl", description = "Control tokens: train a model on sentences with <|toxic|>/<|nontoxic|> and "
        + "<|pos|>/<|neu|>/<|neg|> in front, so that the tokens steer what it writes (METHODS.md section 2).",
        subcommands = {CtrlTrainCommand.class})
final class CtrlCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
