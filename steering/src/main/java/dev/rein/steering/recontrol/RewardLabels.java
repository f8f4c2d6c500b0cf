package dev.rein.steering.recontrol;

import dev.rein.eval.TextScorer;
import dev.rein.formats.FormatException;
import dev.rein.formats.safetensors.SafetensorsFile;
import dev.rein.formats.safetensors.SafetensorsWriter;
import dev.rein.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * RE-Control's second stage: the terminal reward r of each collected response, from any {@link TextScorer} (a
 * length target, VADER's compound sentiment, a toxicity probability negated, a reward head). RE-Control scores
 * prompt and response together with a reward model (UltraRM); scorers of a property of the reply alone read the
 * response only ({@link Text}).
 *
 * <p>File ({@value #FILE}, beside the states): {@code rewards} F32 [N], row for row with the states, and in the
 * metadata the {@code scorer} and the {@code text} it read.
 */
public final class RewardLabels {
    public static final String FILE = "rewards.safetensors";
    private static final String REWARDS = "rewards";

    /** Which text of a (prompt, response) pair the scorer reads. */
    public enum Text {
        /** The generated text alone. */
        RESPONSE,
        /** The prompt followed directly by the response, the whole text the model produced. */
        PROMPT_AND_RESPONSE
    }

    private RewardLabels() {
    }

    /** The reward of each pair, in order. */
    public static float[] score(List<String> prompts, List<String> responses, TextScorer scorer, Text text) {
        if (prompts.size() != responses.size()) {
            throw new IllegalArgumentException(prompts.size() + " prompts but " + responses.size() + " responses");
        }
        List<String> scored = new ArrayList<>(responses.size());
        for (int i = 0; i < responses.size(); i++) {
            scored.add(text == Text.RESPONSE ? responses.get(i) : prompts.get(i) + responses.get(i));
        }
        double[] scores = scorer.scoreAll(scored);
        float[] rewards = new float[scores.length];
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException("the scorer gave response " + i + " the reward " + scores[i]);
            }
            rewards[i] = (float) scores[i];
        }
        return rewards;
    }

    /** Writes {@code rewards} to {@code file} atomically, naming the scorer and the text it read. */
    public static void write(Path file, float[] rewards, String scorer, Text text) throws IOException {
        SafetensorsWriter.write(file, Map.of(REWARDS, Tensor.of(rewards, rewards.length)),
                Map.of("format", "pt", "scorer", scorer, "text", text.name().toLowerCase(Locale.ROOT)));
    }

    /**
     * The rewards [rows] F32 of a file written by {@link #write}.
     *
     * @throws FormatException when the tensor is missing, not floating point, not of {@code rows} values or holds
     *                         a NaN or infinite value
     */
    public static Tensor read(Path file, int rows) throws IOException {
        try (SafetensorsFile tensors = SafetensorsFile.open(file)) {
            if (!tensors.contains(REWARDS)) {
                throw new FormatException(file, REWARDS, "missing: expected the rewards [" + rows + "]");
            }
            Tensor rewards = tensors.tensor(REWARDS);
            if (!rewards.dtype().isFloatingPoint() || !Arrays.equals(rewards.shape(), new int[] {rows})) {
                throw new FormatException(file, REWARDS, "expected floating-point rewards [" + rows + "], one per "
                        + "collected response, found " + rewards.dtype() + " " + Arrays.toString(rewards.shape()));
            }
            float[] values = rewards.toFloatArray();
            for (int i = 0; i < values.length; i++) {
                if (!Float.isFinite(values[i])) {
                    throw new FormatException(file, REWARDS, "row " + i + " holds " + values[i]
                            + "; expected a finite reward");
                }
            }
            return Tensor.of(values, rows);
        }
    }
}
