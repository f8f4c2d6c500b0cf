package dev.rein.cli;

import dev.rein.data.stories.StoryTokenizer;
import dev.rein.text.tokenizer.Tokenizer;
import dev.rein.text.tokenizer.TokenizerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rein corpus tokenizer}: writes the story corpus's tokenizer (see {@link StoryTokenizer}). */
@Command(name = "tokenizer", description = {"Write the story corpus's tokenizer: tokenizer.json and tokenizer_config.json.",
        "GPT-2 style byte-level BPE in which every word of the tales, with or without the space before it, is one "
                + "token; " + StoryTokenizer.END_OF_TEXT + " is BOS, EOS and padding."})
final class CorpusTokenizerCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "The folder to write into (created if needed; its tokenizer files are replaced).")
    private Path out;

    @Override
    public Integer call() throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) throw new UserError("--out " + out + ": is not a folder");
        Files.createDirectories(out);
        StoryTokenizer.write(out);
        int size = Tokenizer.load(out).vocabSize();
        System.out.printf(Locale.ROOT, "wrote %s: %s (%,d tokens: 256 bytes, %,d merged, 1 special %s) and %s%n", out,
                Tokenizer.FILE_NAME, size, size - 257, StoryTokenizer.END_OF_TEXT, TokenizerConfig.FILE_NAME);
        return 0;
    }
}
