package dev.rein.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.formats.config.ModelConfig;
import dev.rein.formats.gguf.GgufExport;
import dev.rein.formats.gguf.GgufQuantType;
import dev.rein.formats.safetensors.Checkpoint;
import dev.rein.models.generation.Sampling;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.testing.SharedData;
import dev.rein.text.tokenizer.GgufVocabulary;
import dev.rein.text.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A GGUF file written from a model runs as that model: the same tokens, the same logits from F32 weights, logits
 * within each format's rounding from F16, BF16 and Q8_0 weights, and hooks working on it.
 */
class GgufModelTest {
    private static final String TEXT = "Once upon a time, there was a little girl named Lily. She loved to play";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = GgufQuantType.class, names = {"F32", "F16", "BF16", "Q8_0", "Q4_0"})
    void theDefaultModelAsGgufGivesItsLogits(GgufQuantType type) throws IOException {
        Path folder = DefaultModel.unpacked();
        Path file = write(folder, type);
        try (LanguageModel original = LanguageModel.load(folder); LanguageModel gguf = LanguageModel.load(file)) {
            assertArrayEquals(original.tokenizer().encode(TEXT), gguf.tokenizer().encode(TEXT));
            float[] expected = original.logits(TEXT).toFloatArray();
            float[] actual = gguf.logits(TEXT).toFloatArray();
            double relative = maxDifference(expected, actual) / maxAbs(expected);
            System.out.printf(Locale.ROOT, "default model %s: max |logit difference| / max |logit| = %.3g%n", type,
                    relative);
            switch (type) {
                case F32 -> assertArrayEquals(expected, actual);
                case F16 -> assertTrue(relative < 2e-3, "F16: " + relative);
                case BF16 -> assertTrue(relative < 2e-2, "BF16: " + relative);
                case Q8_0 -> assertTrue(relative < 2e-2, "Q8_0: " + relative);
                default -> assertTrue(relative < 1.5e-1, type + ": " + relative);
            }
        }
    }

    @Test
    void stories260KAsGgufGivesItsLogitsAndGreedyText() throws IOException {
        Path folder = SharedData.path("models/stories260K");
        Path file = write(folder, GgufQuantType.F32);
        try (LanguageModel original = LanguageModel.load(folder); LanguageModel gguf = LanguageModel.load(file)) {
            assertArrayEquals(original.logits(TEXT).toFloatArray(), gguf.logits(TEXT).toFloatArray());
            Sampling greedy = Sampling.greedy().maxNewTokens(20);
            assertEquals(original.generate("Once upon a time", greedy), gguf.generate("Once upon a time", greedy));
        }
    }

    @Test
    void hooksSeeTheGgufModelsActivations() throws IOException {
        Path folder = DefaultModel.unpacked();
        Path file = write(folder, GgufQuantType.F32);
        try (LanguageModel original = LanguageModel.load(folder); LanguageModel gguf = LanguageModel.load(file)) {
            String point = "blocks.2.hook_resid_post";
            Tensor expected = original.runWithCache(TEXT, point::equals).cache().get(point);
            Tensor actual = gguf.runWithCache(TEXT, point::equals).cache().get(point);
            assertArrayEquals(expected.toFloatArray(), actual.toFloatArray());
        }
    }

    private Path write(Path folder, GgufQuantType type) throws IOException {
        Path file = dir.resolve(folder.getFileName() + "-" + type.cliName() + ".gguf");
        ModelConfig config = ModelConfig.readFolder(folder);
        try (Checkpoint checkpoint = Checkpoint.open(folder)) {
            GgufExport.write(file, config, checkpoint, type, "test", GgufVocabulary.of(folder, Tokenizer.load(folder),
                    config.vocabSize()));
        }
        return file;
    }

    private static double maxDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
        return max;
    }

    private static double maxAbs(float[] values) {
        double max = 0;
        for (float value : values) max = Math.max(max, Math.abs(value));
        return max;
    }
}
