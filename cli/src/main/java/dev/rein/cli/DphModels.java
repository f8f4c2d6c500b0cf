package dev.rein.cli;

import dev.rein.models.LanguageModel;
import dev.rein.steering.dph.DphHeads;
import dev.rein.steering.dph.DphModel;
import dev.rein.steering.dph.ReplyFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** DPH heads put on a loaded model for the command line, with the mistakes a user can make as one-line errors. */
final class DphModels {
    private DphModels() {
    }

    /** The reply format of {@code model}, pooling at {@code poolToken} (null: its end-of-turn token). */
    static ReplyFormat format(LanguageModel model, String poolToken) {
        if (!model.hasTokenizer()) throw new UserError("--model: the model has no tokenizer.json to write replies with");
        try {
            return ReplyFormat.of(model.tokenizer(), eos(model), poolToken);
        } catch (IllegalArgumentException e) {
            throw new UserError((poolToken != null ? "--pool-token " + poolToken + ": " : "") + e.getMessage());
        }
    }

    /** The heads saved in {@code folder} on {@code model}, in the format they were trained with. */
    static DphModel load(LanguageModel model, String option, Path folder) throws IOException {
        if (!Files.isRegularFile(folder.resolve(DphHeads.FILE_NAME))) {
            throw new UserError(option + " " + folder + ": no " + DphHeads.FILE_NAME + " there; rein dph train "
                    + "writes OUT/heads");
        }
        DphHeads heads = DphHeads.load(folder);
        return of(model, heads, format(model, heads.poolToken()));
    }

    /** {@code heads} on {@code model}; heads made for another model are a user error. */
    static DphModel of(LanguageModel model, DphHeads heads, ReplyFormat format) {
        try {
            return new DphModel(model.transformer(), heads, format, eos(model));
        } catch (IllegalArgumentException e) {
            throw new UserError("the heads do not fit the model: " + e.getMessage());
        }
    }

    private static int eos(LanguageModel model) {
        return model.config().specialTokens().eos().getFirst();
    }
}
