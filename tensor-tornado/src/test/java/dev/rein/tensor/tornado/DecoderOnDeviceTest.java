package dev.rein.tensor.tornado;

import static dev.rein.tensor.tornado.DeviceComparison.assertClose;
import static dev.rein.tensor.tornado.DeviceComparison.device;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rein.formats.init.RandomCheckpoint;
import dev.rein.models.LanguageModel;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.models.transformer.Transformer;
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
 * {@link TornadoDecoder} (one execution plan per block, weights, KV cache and activations on the device) against the
 * CPU backend's forward: the logits at every prompt position fed one token at a time (absolute 1e-3 plus relative
 * 1e-3), then 12 greedy tokens, the same unless the CPU's choice was a near-tie (margin below 1e-3). The same
 * checkpoints as {@link ModelOnDeviceTest}: every family's layout of weights, norms, rope and attention.
 */
class DecoderOnDeviceTest {
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
        RandomCheckpoint.forConfig(SharedData.path("models/stories260K/config.json")).write(dir, 7, DType.BF16);
        compare("random BF16 stories260K", dir);
    }

    private static void compare(String what, Path folder) throws IOException {
        device();
        try (LanguageModel model = LanguageModel.load(folder);
                TornadoDecoder decoder = new TornadoDecoder(model.transformer(), PROMPT.length + STEPS)) {
            Transformer transformer = model.transformer();
            int vocab = model.config().vocabSize();
            Tensor actual = Tensor.zeros(1, PROMPT.length, vocab);
            for (int t = 0; t < PROMPT.length; t++) {
                actual.select(1, t).copyFrom(Tensor.of(decoder.next(PROMPT[t]), 1, vocab));
            }
            Tensor expected = transformer.forward(TokenBatch.of(PROMPT)).value();
            assertClose(what + " decoder logits", expected, actual, 1e-3, 1e-3);

            float[] last = actual.select(1, PROMPT.length - 1).reshape(-1).toFloatArray();
            GreedyTokens onDevice = GreedyTokens.of(last, STEPS, decoder::next);
            GreedyTokens onCpu = GreedyTokens.throughCache(transformer, PROMPT, STEPS);
            assertNull(onCpu.difference(onDevice, 1e-3f), what + " decoder greedy");
            System.out.printf("tornado vs cpu | %-40s | greedy ids equal | %s%n", what + " decoder", onDevice.ids());
        }
    }

    @Test
    void aFullCacheAndABadTokenAreErrors() throws IOException {
        device();
        try (LanguageModel model = LanguageModel.load(SharedData.path("models/stories260K"));
                TornadoDecoder decoder = new TornadoDecoder(model.transformer(), 2)) {
            assertThrows(IllegalArgumentException.class, () -> decoder.next(512));
            decoder.next(1);
            decoder.next(2);
            assertEquals(2, decoder.position());
            assertThrows(IllegalStateException.class, () -> decoder.next(3));
        }
    }
}
