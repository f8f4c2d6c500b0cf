package dev.rein.cli;

import dev.rein.models.LanguageModel;
import dev.rein.text.tokenizer.Tokenizer;
import java.io.IOException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of every command that runs a model on some tokens: the model ({@link ModelOption}, the embedded one
 * by default), and the tokens as ids or as text for the model's tokenizer. Checks what the user gave (the model
 * exists, ids are numbers in the vocabulary, text needs a tokenizer) so that each mistake is one line naming the
 * option.
 */
final class ModelInput {
    @Mixin
    private ModelOption model;

    @ArgGroup(multiplicity = "1", heading = "The tokens (one of):%n")
    private Tokens tokens;

    static final class Tokens {
        @Option(names = "--ids", required = true, paramLabel = "IDS",
                description = "Token ids, separated by commas or spaces, e.g. 1,403,407.")
        private String ids;

        @Option(names = {"--text", "--prompt"}, required = true, paramLabel = "TEXT",
                description = "Text, encoded by the model's tokenizer with the special tokens it adds (e.g. BOS).")
        private String text;
    }

    /** Loads the model (close it when done). */
    LanguageModel load() throws IOException {
        return model.load();
    }

    /** The tokens to run, each within the model's vocabulary. */
    int[] ids(LanguageModel loaded) {
        int vocabSize = loaded.config().vocabSize();
        int[] ids;
        if (tokens.ids != null) {
            ids = TokenIds.parse("--ids", tokens.ids, vocabSize);
        } else {
            if (!loaded.hasTokenizer()) {
                throw new UserError("--model " + model.name() + " has no " + Tokenizer.FILE_NAME
                        + ", so text cannot be encoded; give token ids with --ids");
            }
            Tokenizer tokenizer = loaded.tokenizer();
            ids = tokenizer.encode(tokens.text);
            for (int id : ids) {
                TokenIds.checked("--text", id, vocabSize);
            }
        }
        if (ids.length == 0) {
            throw new UserError(tokens.ids != null ? "--ids: no token ids given" : "--text: the text encodes to no tokens");
        }
        return ids;
    }
}
