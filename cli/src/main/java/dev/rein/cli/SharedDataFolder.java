package dev.rein.cli;

import java.nio.file.Path;

/**
 * Where scorer files that Rein does not ship (VADER's lexicon, profanity-check's model) are looked for when no option
 * names them: under {@code $REIN_SHARED}, else {@code ../shared}, the layout of Rein's development checkouts.
 */
final class SharedDataFolder {
    private SharedDataFolder() {
    }

    /** {@code relative} under the shared folder, e.g. {@code data/vader}. */
    static Path resolve(String relative) {
        String shared = System.getenv("REIN_SHARED");
        return (shared != null ? Path.of(shared) : Path.of("..", "shared")).resolve(relative);
    }
}
