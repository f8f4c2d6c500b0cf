package dev.rein.training.checkpoints;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rein.formats.FormatException;
import dev.rein.formats.io.AtomicFiles;
import dev.rein.data.batch.DataPosition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The trainer's side of a checkpoint ({@code trainer_state.json}): how far training went and what it depends on.
 * The learning-rate schedule is a function of the step, and the data order a function of the seed and the data
 * position, so nothing else is needed to continue exactly.
 *
 * @param step            optimizer updates done
 * @param data            where the training batches continue
 * @param seed            the seed of the data order
 * @param accumulation    micro-batches per update
 * @param batchesPerEpoch training batches in one epoch, to tell that the data is the same
 * @param steps           updates the run was set to take in all
 * @param optimizer       the optimizer's kind ({@code adamw}, ...)
 * @param schedule        the learning-rate schedule, as described when training started
 */
public record TrainerState(long step, DataPosition data, long seed, int accumulation, int batchesPerEpoch,
                           long steps, String optimizer, String schedule) {
    /** The file name in a checkpoint folder. */
    public static final String FILE_NAME = "trainer_state.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Writes the state into {@code folder}, atomically. */
    public void write(Path folder) throws IOException {
        AtomicFiles.write(folder.resolve(FILE_NAME),
                (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads the state of the checkpoint in {@code folder}.
     *
     * @throws FormatException when the file is missing or is not such a state
     */
    public static TrainerState read(Path folder) throws IOException {
        Path file = folder.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new FormatException(file, null, "missing: not a training checkpoint");
        }
        try {
            TrainerState state = JSON.readValue(file.toFile(), TrainerState.class);
            if (state.data() == null) {
                throw new FormatException(file, "data", "missing (required)");
            }
            return state;
        } catch (JacksonException e) {
            throw new FormatException(file, null, "not a trainer state: " + e.getOriginalMessage(), e);
        }
    }
}
