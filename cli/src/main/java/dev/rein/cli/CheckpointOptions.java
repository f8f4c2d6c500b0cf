package dev.rein.cli;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How a training command checkpoints and resumes: {@code --save-every}, {@code --keep} and {@code --resume}, declared
 * and checked once for {@code rein train lm}, {@code cie train} and {@code ctrl train}. Commands hold it as a
 * {@code @Mixin}.
 */
final class CheckpointOptions {
    @Option(names = "--save-every", paramLabel = "N", defaultValue = "500",
            description = "Write a checkpoint every N steps and after the last; 0: none (default: ${DEFAULT-VALUE}).")
    int saveEvery;

    @Option(names = "--keep", paramLabel = "K", defaultValue = "2",
            description = "Checkpoints to keep (default: ${DEFAULT-VALUE}).")
    int keep;

    @Option(names = "--resume", description = "Continue from the newest checkpoint in --out (same data and settings).")
    boolean resume;

    /**
     * Checks the values and that {@code out} (the command's {@code --out}) is empty unless the run resumes in it.
     *
     * @throws UserError for {@code --keep} under 1, a negative {@code --save-every}, or files in {@code out}
     */
    void check(Path out) throws IOException {
        if (keep < 1) {
            throw new UserError("--keep must be at least 1, not " + keep);
        }
        if (saveEvery < 0) {
            throw new UserError("--save-every must not be negative, not " + saveEvery);
        }
        if (!resume) {
            OutputFile.requireEmptyFolder("--out", out, "pass --resume to continue the run in it, or choose "
                    + "another --out");
        }
    }
}
