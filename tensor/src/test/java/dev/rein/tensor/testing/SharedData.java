package dev.rein.tensor.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the project's shared material (../shared beside the checkout: real checkpoints, references, data).
 * Tests that need it call {@link #path}; when it is absent they are skipped with a message saying so, unless
 * the environment variable {@code REIN_REQUIRE_SHARED=1} is set (CI sets it), in which case they fail.
 * {@code REIN_SHARED} may point at the folder explicitly.
 */
public final class SharedData {
    public static final String REQUIRE_VARIABLE = "REIN_REQUIRE_SHARED";

    private SharedData() {
    }

    /** The shared folder, or a skip (or failure under REIN_REQUIRE_SHARED=1) when it cannot be found. */
    public static Path root() {
        String explicit = System.getenv("REIN_SHARED");
        if (explicit != null && Files.isDirectory(Path.of(explicit))) {
            return Path.of(explicit).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared");
            if (Files.isDirectory(candidate.resolve("reference"))) {
                return candidate;
            }
        }
        unavailable("../shared (the folder beside the checkout with references and checkpoints) was not found");
        return null;
    }

    /** A file or folder inside the shared folder, which must exist. */
    public static Path path(String relative) {
        Path p = root().resolve(relative);
        if (!Files.exists(p)) {
            unavailable("../shared/" + relative + " does not exist");
        }
        return p;
    }

    /**
     * Skips the calling test because {@code why} (something it needs, e.g. a browser, is missing), or fails it under
     * REIN_REQUIRE_SHARED=1, where CI provides everything.
     */
    public static void unavailable(String why) {
        String message = why + "; this test needs it";
        if ("1".equals(System.getenv(REQUIRE_VARIABLE))) {
            Assertions.fail(message + " and " + REQUIRE_VARIABLE + "=1 forbids skipping");
        }
        String skip = message + " (skipped; set " + REQUIRE_VARIABLE + "=1 to make this a failure)";
        System.err.println("SKIPPED: " + skip); // Surefire keeps skip reasons only in its reports
        Assumptions.abort(skip);
    }
}
