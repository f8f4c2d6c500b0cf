package dev.rein.tensor.tornado;

import static dev.rein.tensor.tornado.DeviceComparison.assertClose;
import static dev.rein.tensor.tornado.DeviceComparison.device;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.rein.formats.init.RandomCheckpoint;
import dev.rein.models.LanguageModel;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.models.transformer.Transformer;
import dev.rein.tensor.Backend;
import dev.rein.tensor.Backends;
import dev.rein.tensor.DType;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whole models on the device against the CPU backend: the logits at every position of a prompt (absolute 1e-3
 * plus relative 1e-3: a few layers of float sums in another order), and 12 greedy tokens through the KV cache, the
 * same on both unless the CPU's choice was a near-tie (margin below 1e-3). Checkpoints: stories260K and the random
 * ones of ../shared/reference (GPT-2, Llama with GQA and llama3 rope scaling, Mistral's sliding window, Qwen2's
 * biases, Qwen3's q/k norms, Gemma 2's softcaps, Gemma 3), memory-mapped so their weights stay on the device, and a
 * BF16 checkpoint written here.
 */
class ModelOnDeviceTest {
    private static final int[] PROMPT = {1, 34, 7, 91, 12, 5, 48, 3, 77, 20, 9};
    private static final int STEPS = 12;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"models/stories260K", "reference/models/random-gpt2-tiny",
            "reference/models/random-llama-gqa-rope-llama3", "reference/models/random-mistral-swa",
            "reference/models/random-qwen2-bias", "reference/models/random-qwen3-tiny",
            "reference/models/random-gemma2", "reference/models/random-gemma3-swa"})
    void sharedCheckpointMatchesCpu(String folder) throws IOException {
        compare(folder, SharedData.path(folder));
    }

    @Test
    void bf16CheckpointMatchesCpu(@TempDir Path dir) throws IOException {
        Path config = SharedData.path("models/stories260K/config.json");
        RandomCheckpoint.forConfig(config).write(dir, 7, DType.BF16);
        compare("random BF16 stories260K", dir);
    }

    private static void compare(String what, Path folder) throws IOException {
        Backend gpu = device();
        try (LanguageModel model = LanguageModel.load(folder)) {
            Transformer transformer = model.transformer();
            Tensor expected = transformer.forward(TokenBatch.of(PROMPT)).value();
            Tensor actual = onDevice(gpu, () -> transformer.forward(TokenBatch.of(PROMPT)).value());
            assertClose(what + " logits", expected, actual, 1e-3, 1e-3);

            GreedyTokens cpuTokens = GreedyTokens.throughCache(transformer, PROMPT, STEPS);
            GreedyTokens deviceTokens = onDevice(gpu, () -> GreedyTokens.throughCache(transformer, PROMPT, STEPS));
            String difference = cpuTokens.difference(deviceTokens, 1e-3f);
            assertNull(difference, what + " greedy through the KV cache");
            System.out.printf("tornado vs cpu | %-40s | greedy ids equal | %s%n", what + " decode", deviceTokens.ids());
        }
    }

    private interface Work<T> {
        T run();
    }

    private static <T> T onDevice(Backend backend, Work<T> work) {
        Backend before = Backends.current();
        Backends.use(backend);
        try {
            return work.run();
        } finally {
            Backends.use(before);
        }
    }
}
