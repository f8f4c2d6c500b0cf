package dev.rein.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Checks on a file a command is about to write, made before any work so that a mistake costs nothing. */
final class OutputFile {
    private OutputFile() {
    }

    /**
     * The file beside {@code file} that names it with {@code ending} replaced by {@code replacement}, or with
     * {@code replacement} added when its name does not end so: {@code NAME.val.jsonl} beside {@code NAME.jsonl}.
     */
    static Path beside(Path file, String ending, String replacement) {
        String name = file.getFileName().toString();
        String stem = name.endsWith(ending) ? name.substring(0, name.length() - ending.length()) : name;
        return file.resolveSibling(stem + replacement);
    }

    /** A user error naming {@code option} when the folder that would hold {@code file} does not exist. */
    static void requireFolder(String option, Path file) {
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new UserError(option + " " + file + ": folder " + folder + " does not exist");
        }
    }

    /**
     * A user error naming {@code option} when {@code folder} exists and holds anything: a run writes a new or empty
     * folder ({@code remedy} says what to do instead, e.g. pass --resume).
     */
    static void requireEmptyFolder(String option, Path folder, String remedy) throws IOException {
        if (Files.isDirectory(folder)) {
            try (Stream<Path> children = Files.list(folder)) {
                if (children.findAny().isPresent()) {
                    throw new UserError(option + " " + folder + " is not empty: " + remedy);
                }
            }
        }
    }
}
