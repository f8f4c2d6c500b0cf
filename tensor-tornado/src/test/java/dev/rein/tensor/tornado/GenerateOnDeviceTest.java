package dev.rein.tensor.tornado;

import static dev.rein.tensor.tornado.DeviceComparison.device;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.rein.models.LanguageModel;
import dev.rein.models.generation.GeneratedSequence;
import dev.rein.models.generation.GenerationOptions;
import dev.rein.models.generation.Generator;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.models.generation.StepDecoders;
import dev.rein.tensor.Backend;
import dev.rein.tensor.Backends;
import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Generator} under the TornadoVM backend decodes through {@link TornadoDecoder} (found by
 * {@link StepDecoders}), one prompt after the other on one decoder, and its greedy tokens are the CPU backend's.
 */
class GenerateOnDeviceTest {
    private static final List<int[]> PROMPTS = List.of(new int[] {1, 34, 7, 91, 12}, new int[] {1, 403, 18});

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"models/stories260K", "reference/models/random-llama-gqa-rope-llama3"})
    void greedyTokensEqualTheCpuBackends(String folder) throws IOException {
        Backend tornado = device();
        SamplingSettings greedy = SamplingSettings.builder().maxNewTokens(10).build();
        try (LanguageModel model = LanguageModel.load(SharedData.path(folder))) {
            List<GeneratedSequence> onCpu = new Generator(model.transformer(), Optional.empty())
                    .generate(PROMPTS, greedy, GenerationOptions.NONE);
            Backend before = Backends.current();
            Backends.use(tornado);
            try {
                assertInstanceOf(TornadoDecoderProvider.class, StepDecoders.forCurrentBackend().orElseThrow());
                List<GeneratedSequence> onDevice = new Generator(model.transformer())
                        .generate(PROMPTS, greedy, GenerationOptions.NONE);
                assertEquals(onCpu.size(), onDevice.size());
                for (int i = 0; i < onCpu.size(); i++) {
                    assertArrayEquals(onCpu.get(i).newIds(), onDevice.get(i).newIds(), folder + " prompt " + i);
                }
            } finally {
                Backends.use(before);
            }
        }
    }
}
