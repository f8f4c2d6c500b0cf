package dev.rein.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code rein corpus}: the procedural story corpus that Rein's embedded default model is trained on, and its
 * tokenizer (see {@link dev.rein.data.stories}).
 */
@Command(name = "corpus", description = {"Write the procedural story corpus and its tokenizer.",
        "rein corpus stories writes tales as JSONL; rein corpus tokenizer writes the tokenizer they are trained with."},
        subcommands = {CorpusStoriesCommand.class, CorpusTokenizerCommand.class})
final class CorpusCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
