package dev.rein.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code rein ctrl}: the control-token method's stages (METHODS.md section 2), one subcommand each. Generating with
 * the tokens is {@code rein generate --control-tokens nontoxic,pos --preset ctrl}.
 */
@Command(name = "ctrl", description = {"Control tokens: label sentences with toxicity and sentiment tokens, train a "
        + "model on them, and measure how far <|nontoxic|> and <|pos|> (before the prompt, or after it) steer what "
        + "it writes.",
        "label, then train, then eval; rein generate --control-tokens nontoxic,pos --preset ctrl samples as the "
                + "evaluation does."},
        subcommands = {CtrlLabelCommand.class, CtrlTrainCommand.class, CtrlEvalCommand.class})
final class CtrlCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
