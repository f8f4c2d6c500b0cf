package dev.rein.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code rein steer}: steering vectors. {@code build} makes one from contrast pairs; {@code rein serve
 * --steering-vector NAME=FILE} serves it as a request option.
 */
@Command(name = "steer", description = {"Steering vectors: build one from contrast pairs (rein steer build), then",
        "serve it (rein serve --steering-vector NAME=FILE)."},
        subcommands = {SteerBuildCommand.class})
final class SteerCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
