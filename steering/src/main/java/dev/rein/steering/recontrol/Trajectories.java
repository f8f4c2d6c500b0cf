package dev.rein.steering.recontrol;

import dev.rein.formats.FormatException;
import dev.rein.formats.safetensors.SafetensorsFile;
import dev.rein.formats.safetensors.SafetensorsWriter;
import dev.rein.tensor.DType;
import dev.rein.tensor.Indexing;
import dev.rein.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The states a model passed through while generating N responses, as RE-Control's value function learns from them:
 * {@code states} [N, T, H] holds s_0 … s_{T-1} of each response at one hook point, where s_t is the state (at the
 * last position of its pass) whose LM-head output produced generated token t+1 (s_0 is the last prompt token's
 * state); {@code mask} [N, T] is true for the steps a response really took, s_0 up to and including the step that
 * produced its last token (EOS, or the token limit's last token). Later steps of shorter rows are zero and false.
 *
 * <p>File ({@code states.safetensors}): {@code states} F32 [N, T, H] and {@code mask} BOOL [N, T], with the hook
 * point in the metadata as {@code hook_point}.
 *
 * @param hookPoint where the states were read, e.g. {@code ln_final.hook_normalized}
 * @param states    [N, T, H] F32
 * @param mask      [N, T] BOOL, each row a non-empty run of true from step 0
 */
public record Trajectories(String hookPoint, Tensor states, Tensor mask) {
    private static final String STATES = "states";
    private static final String MASK = "mask";
    private static final String HOOK_POINT = "hook_point";

    /** @throws IllegalArgumentException when the shapes disagree or a row's valid steps are not a non-empty prefix */
    public Trajectories {
        if (states.rank() != 3 || mask.rank() != 2 || mask.size(0) != states.size(0)
                || mask.size(1) != states.size(1)) {
            throw new IllegalArgumentException("trajectories need states [N, T, H] and a mask [N, T], got "
                    + Arrays.toString(states.shape()) + " and " + Arrays.toString(mask.shape()));
        }
        String problem = prefixProblem(mask);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** N, the number of responses. */
    public int rows() {
        return states.size(0);
    }

    /** T, the steps of the longest response. */
    public int steps() {
        return states.size(1);
    }

    /** H, the width of a state. */
    public int width() {
        return states.size(2);
    }

    /** The steps response {@code row} took (its generated tokens). */
    public int validSteps(int row) {
        float[] valid = mask.select(0, row).toFloatArray();
        int n = 0;
        while (n < valid.length && valid[n] != 0) {
            n++;
        }
        return n;
    }

    /** The given rows, in that order: states [rows, T, H] and mask [rows, T]. */
    public Trajectories select(int[] rows) {
        long[] index = Arrays.stream(rows).asLongStream().toArray();
        Tensor ids = Tensor.ofLongs(index, index.length);
        return new Trajectories(hookPoint, Indexing.indexSelect(states, 0, ids),
                Indexing.indexSelect(mask, 0, ids).to(DType.BOOL));
    }

    /** Writes {@code states.safetensors} (or any file name) atomically. */
    public void write(Path file) throws IOException {
        SafetensorsWriter.write(file, Map.of(STATES, states.to(DType.F32), MASK, mask.to(DType.BOOL)),
                Map.of("format", "pt", HOOK_POINT, hookPoint));
    }

    /**
     * Reads a file written by {@link #write}; the states become F32 copies that outlive the file.
     *
     * @throws FormatException when a tensor or the hook point is missing, the shapes disagree, the states are not
     *                         floating point or a row's valid steps are not a non-empty prefix
     */
    public static Trajectories read(Path file) throws IOException {
        try (SafetensorsFile tensors = SafetensorsFile.open(file)) {
            for (String name : new String[] {STATES, MASK}) {
                if (!tensors.contains(name)) {
                    throw new FormatException(file, name, "missing: expected " + STATES + " [N, T, H] and " + MASK
                            + " [N, T]");
                }
            }
            String hookPoint = tensors.metadata().get(HOOK_POINT);
            if (hookPoint == null) {
                throw new FormatException(file, "__metadata__." + HOOK_POINT, "missing: expected the hook point the "
                        + "states were read at, e.g. ln_final.hook_normalized");
            }
            Tensor states = tensors.tensor(STATES);
            Tensor mask = tensors.tensor(MASK);
            if (!states.dtype().isFloatingPoint() || states.rank() != 3) {
                throw new FormatException(file, STATES, "expected floating-point states [N, T, H], found "
                        + states.dtype() + " " + Arrays.toString(states.shape()));
            }
            if (mask.rank() != 2 || mask.size(0) != states.size(0) || mask.size(1) != states.size(1)) {
                throw new FormatException(file, MASK, "expected shape [" + states.size(0) + ", " + states.size(1)
                        + "] to match the states, found " + Arrays.toString(mask.shape()));
            }
            String problem = prefixProblem(mask);
            if (problem != null) {
                throw new FormatException(file, MASK, problem);
            }
            return new Trajectories(hookPoint, states.to(DType.F32).copy(), mask.to(DType.BOOL).copy());
        }
    }

    /** Why {@code mask} is not a non-empty run of valid steps from step 0 in every row, or null when it is. */
    private static String prefixProblem(Tensor mask) {
        int t = mask.size(1);
        if (t == 0 && mask.size(0) > 0) {
            return "the trajectories have no steps; every response has at least its first step";
        }
        float[] valid = mask.toFloatArray();
        for (int row = 0; row < mask.size(0); row++) {
            if (valid[row * t] == 0) {
                return "row " + row + " has no valid step 0; every response starts at its prompt's last state";
            }
            for (int step = 1; step < t; step++) {
                if (valid[row * t + step] != 0 && valid[row * t + step - 1] == 0) {
                    return "row " + row + " has a valid step " + step + " after an invalid one; valid steps must "
                            + "run from step 0 without gaps";
                }
            }
        }
        return null;
    }
}
