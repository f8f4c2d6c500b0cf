package dev.rein.training.checkpoints;

import dev.rein.models.transformer.Transformer;
import dev.rein.training.optim.Optimizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The checkpoints of a training run in its output folder, named {@code checkpoint-<step>} as Hugging Face's
 * Trainer names them. Each is written through a hidden partial sibling and renamed into place in one atomic step
 * ({@link AtomicFolder}), so a folder with the final name is always complete, whenever the process dies. Only the
 * newest {@code keep} are kept.
 */
public final class CheckpointStore {
    private static final Pattern COMPLETE = Pattern.compile("checkpoint-(\\d+)");

    private final Path folder;
    private final int keep;

    /**
     * @param folder the run's output folder
     * @param keep   how many of the newest checkpoints to keep (at least 1)
     */
    public CheckpointStore(Path folder, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep at least one checkpoint, got " + keep);
        }
        this.folder = folder;
        this.keep = keep;
    }

    /** The folder of the checkpoint after step {@code step}. */
    public Path folderOf(long step) {
        return folder.resolve("checkpoint-" + step);
    }

    /** The complete checkpoints, oldest first. */
    public List<Path> checkpoints() throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(p -> Files.isDirectory(p) && COMPLETE.matcher(name(p)).matches())
                    .sorted(Comparator.comparingLong(CheckpointStore::stepOf)).toList();
        }
    }

    /** The newest complete checkpoint, if any. */
    public Optional<Path> latest() throws IOException {
        List<Path> all = checkpoints();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
    }

    /** The step a checkpoint folder was written after. */
    public static long stepOf(Path checkpoint) {
        Matcher m = COMPLETE.matcher(name(checkpoint));
        if (!m.matches()) {
            throw new IllegalArgumentException(checkpoint + " is not a checkpoint folder (checkpoint-<step>)");
        }
        return Long.parseLong(m.group(1));
    }

    /**
     * Writes the checkpoint of step {@code step} and publishes it, replacing one of the same step, then deletes
     * checkpoints beyond the newest {@code keep}. Returns its folder.
     */
    public Path save(long step, Transformer model, Path filesFrom, Optimizer optimizer, TrainerState state)
            throws IOException {
        Path target = folderOf(step);
        AtomicFolder.write(target, partial -> TrainingCheckpoint.write(partial, model, filesFrom, optimizer, state));
        List<Path> all = checkpoints();
        for (Path old : all.subList(0, Math.max(0, all.size() - keep))) {
            AtomicFolder.deleteTree(old);
        }
        return target;
    }

    /** Deletes what interrupted checkpoint writes left behind. */
    public void deletePartial() throws IOException {
        AtomicFolder.deletePartial(folder);
    }

    private static String name(Path path) {
        return path.getFileName().toString();
    }
}
