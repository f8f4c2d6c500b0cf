package dev.rein.training.checkpoints;

import dev.rein.formats.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A folder written whole or not at all: its files go into a hidden sibling {@code .<name>.partial}, which is then
 * renamed to {@code <name>} in one atomic step ({@link AtomicFiles#publishFolder}). A process killed at any moment
 * leaves either the previous state or the complete folder, plus perhaps a partial sibling that
 * {@link #deletePartial} removes. Replacing an existing folder deletes it just before the rename.
 */
public final class AtomicFolder {
    private static final Pattern PARTIAL = Pattern.compile("\\..+\\.partial");

    /** Writes a folder's files into the folder it is given (which exists and is empty). */
    @FunctionalInterface
    public interface Content {
        void writeInto(Path folder) throws IOException;
    }

    private AtomicFolder() {
    }

    /** Writes {@code target} through a partial sibling, replacing a folder already there. */
    public static void write(Path target, Content content) throws IOException {
        Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
        deleteTree(partial);
        Files.createDirectories(partial);
        content.writeInto(partial);
        deleteTree(target);
        AtomicFiles.publishFolder(partial, target);
    }

    /** Deletes the partial folders that interrupted writes left in {@code parent}. */
    static void deletePartial(Path parent) throws IOException {
        if (!Files.isDirectory(parent)) {
            return;
        }
        try (Stream<Path> children = Files.list(parent)) {
            for (Path partial : children.filter(p -> PARTIAL.matcher(p.getFileName().toString()).matches()).toList()) {
                deleteTree(partial);
            }
        }
    }

    /** Deletes a folder and everything in it; nothing when it does not exist. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
