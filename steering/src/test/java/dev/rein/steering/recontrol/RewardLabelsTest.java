package dev.rein.steering.recontrol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.eval.length.LengthReward;
import dev.rein.eval.length.LengthTarget;
import dev.rein.formats.FormatException;
import dev.rein.formats.safetensors.SafetensorsFile;
import dev.rein.formats.safetensors.SafetensorsWriter;
import dev.rein.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RewardLabelsTest {
    private static final List<String> PROMPTS = List.of("Once upon", "Hi");
    private static final List<String> RESPONSES = List.of(" a time there", "!");
    private static final LengthReward TWO_WORDS = new LengthReward(new LengthTarget.Exact(2));

    @Test
    void theScorerReadsTheResponseOrTheWholeText() {
        assertArrayEquals(new float[] {-1, -2},
                RewardLabels.score(PROMPTS, RESPONSES, TWO_WORDS, RewardLabels.Text.RESPONSE));
        // "Once upon a time there" has 5 words, "Hi!" one
        assertArrayEquals(new float[] {-3, -1},
                RewardLabels.score(PROMPTS, RESPONSES, TWO_WORDS, RewardLabels.Text.PROMPT_AND_RESPONSE));
        assertThrows(IllegalArgumentException.class, () -> RewardLabels.score(PROMPTS, List.of("x"), TWO_WORDS,
                RewardLabels.Text.RESPONSE));
        assertThrows(IllegalArgumentException.class, () -> RewardLabels.score(PROMPTS, RESPONSES, text -> Double.NaN,
                RewardLabels.Text.RESPONSE));
    }

    @Test
    void rewardsReadBackAndNameTheirScorer(@TempDir Path folder) throws IOException {
        Path file = folder.resolve(RewardLabels.FILE);
        RewardLabels.write(file, new float[] {-1, 0.5f}, "length: -|words - 2|", RewardLabels.Text.RESPONSE);
        assertArrayEquals(new float[] {-1, 0.5f}, RewardLabels.read(file, 2).toFloatArray());
        try (SafetensorsFile tensors = SafetensorsFile.open(file)) {
            assertTrue(tensors.metadata().get("scorer").startsWith("length"));
        }
        FormatException count = assertThrows(FormatException.class, () -> RewardLabels.read(file, 3));
        assertTrue(count.getMessage().contains("rewards") && count.getMessage().contains("[3]"), count.getMessage());
    }

    @Test
    void nonFiniteOrMissingRewardsAreFormatErrors(@TempDir Path folder) throws IOException {
        Path nan = folder.resolve("nan.safetensors");
        SafetensorsWriter.write(nan, Map.of("rewards", Tensor.of(1f, Float.NaN)), Map.of());
        assertTrue(assertThrows(FormatException.class, () -> RewardLabels.read(nan, 2)).getMessage()
                .contains("row 1"));
        Path missing = folder.resolve("missing.safetensors");
        SafetensorsWriter.write(missing, Map.of("reward", Tensor.of(1f, 2f)), Map.of());
        assertTrue(assertThrows(FormatException.class, () -> RewardLabels.read(missing, 2)).getMessage()
                .contains("rewards"));
    }
}
