package dev.rein.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks on a file a command is about to write, made before any work so that a mistake costs nothing. */
final class OutputFile {
    private OutputFile() {
    }

    /** A user error naming {@code option} when the folder that would hold {@code file} does not exist. */
    static void requireFolder(String option, Path file) {
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new UserError(option + " " + file + ": folder " + folder + " does not exist");
        }
    }
}
