package dev.rein.cli;

import dev.rein.eval.sentiment.Vader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --vader} option of the commands that score with VADER (picocli mixin): the folder of its lexicon files,
 * which Rein does not ship, by default the shared data's.
 */
final class VaderOption {
    @Option(names = "--vader", paramLabel = "DIR",
            description = "Folder with VADER's vader_lexicon.txt and emoji_utf8_lexicon.txt (vaderSentiment 3.3.2, "
                    + "MIT; default: $REIN_SHARED/data/vader, else ../shared/data/vader).")
    private Path folder;

    /** Whether --vader was given. */
    boolean given() {
        return folder != null;
    }

    /** VADER with the lexicon of the chosen folder; a missing folder is a user error. */
    Vader load() throws IOException {
        Path chosen = folder != null ? folder : defaultFolder();
        if (!Files.isDirectory(chosen)) {
            throw new UserError("--vader " + chosen + ": no such folder; pass the folder holding VADER's "
                    + "vader_lexicon.txt and emoji_utf8_lexicon.txt (from vaderSentiment 3.3.2)");
        }
        return Vader.load(chosen);
    }

    private static Path defaultFolder() {
        String shared = System.getenv("REIN_SHARED");
        return (shared != null ? Path.of(shared) : Path.of("..", "shared")).resolve("data").resolve("vader");
    }
}
