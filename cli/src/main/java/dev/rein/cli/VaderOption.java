package dev.rein.cli;

import dev.rein.eval.sentiment.Vader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --vader DIR} option of the commands that score sentiment with VADER (picocli mixin). */
final class VaderOption {
    private static final String DEFAULT = "data/vader";

    @Option(names = "--vader", paramLabel = "DIR",
            description = "Folder with VADER's vader_lexicon.txt and emoji_utf8_lexicon.txt (vaderSentiment 3.3.2, "
                    + "MIT; Rein does not ship them; default: $REIN_SHARED/" + DEFAULT + ", else ../shared/" + DEFAULT
                    + ").")
    private Path folder;

    /** Whether --vader was given. */
    boolean given() {
        return folder != null;
    }

    /** VADER with the lexicon of {@code --vader}; a missing folder is a user error saying what it must hold. */
    Vader load() throws IOException {
        return Vader.load(folder());
    }

    /** The lexicon folder of {@code --vader}, or the default; a missing folder is a user error as for {@link #load}. */
    Path folder() {
        Path lexicon = folder != null ? folder : SharedDataFolder.resolve(DEFAULT);
        if (!Files.isDirectory(lexicon)) {
            throw new UserError("--vader " + lexicon + ": no such folder; pass the folder holding VADER's "
                    + "vader_lexicon.txt and emoji_utf8_lexicon.txt (from vaderSentiment 3.3.2)");
        }
        return lexicon;
    }
}
