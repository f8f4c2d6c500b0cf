package dev.rein.models.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.formats.config.GenerationConfig;
import dev.rein.formats.config.SpecialTokens;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class SamplingSettingsTest {
    private static final SpecialTokens MODEL_TOKENS = new SpecialTokens(List.of(1), List.of(2), List.of());

    private static String rejection(UnaryOperator<SamplingSettings.Builder> change) {
        return assertThrows(IllegalArgumentException.class, () -> change.apply(SamplingSettings.builder()).build())
                .getMessage();
    }

    @Test
    void defaultsAreHuggingFaces() {
        SamplingSettings defaults = SamplingSettings.builder().build();
        assertFalse(defaults.doSample());
        assertEquals(1.0, defaults.temperature());
        assertEquals(50, defaults.topK());
        assertEquals(1.0, defaults.topP());
        assertEquals(0.0, defaults.minP());
        assertEquals(1.0, defaults.typicalP());
        assertEquals(1.0, defaults.repetitionPenalty());
        assertEquals(0, defaults.noRepeatNgramSize());
        assertEquals(Set.of(), defaults.stopTokenIds());
        assertEquals(1, defaults.numReturnSequences());
        assertEquals(20, defaults.newTokenLimit(500));
    }

    @Test
    void rejectsInvalidValuesNamingTheSetting() {
        assertEquals("top_p must be in (0, 1], got 0.0", rejection(b -> b.topP(0)));
        assertEquals("top_p must be in (0, 1], got 1.5", rejection(b -> b.topP(1.5)));
        assertEquals("temperature must be a finite number of at least 0 (0 means greedy decoding), got -0.5",
                rejection(b -> b.temperature(-0.5)));
        assertTrue(rejection(b -> b.temperature(Double.NaN)).startsWith("temperature"));
        assertEquals("top_k must not be negative (0 turns it off), got -1", rejection(b -> b.topK(-1)));
        assertTrue(rejection(b -> b.minP(1.5)).startsWith("min_p"));
        assertTrue(rejection(b -> b.typicalP(0)).startsWith("typical_p"));
        assertTrue(rejection(b -> b.repetitionPenalty(0)).startsWith("repetition_penalty"));
        assertTrue(rejection(b -> b.noRepeatNgramSize(-2)).startsWith("no_repeat_ngram_size"));
        assertTrue(rejection(b -> b.minNewTokens(-1)).startsWith("min_new_tokens"));
        assertTrue(rejection(b -> b.maxNewTokens(0)).startsWith("max_new_tokens"));
        assertTrue(rejection(b -> b.maxLength(0)).startsWith("max_length"));
        assertTrue(rejection(b -> b.stopTokenIds(List.of(-1))).startsWith("stop token ids"));
        assertTrue(rejection(b -> b.stopStrings(List.of(""))).startsWith("stop strings"));
        assertTrue(rejection(b -> b.numReturnSequences(0)).startsWith("num_return_sequences"));
    }

    @Test
    void severalSequencesNeedSampling() {
        assertTrue(rejection(b -> b.numReturnSequences(2)).contains("needs sampling"));
        assertTrue(rejection(b -> b.sample().temperature(0).numReturnSequences(2)).contains("needs sampling"));
        assertEquals(3, SamplingSettings.builder().sample().numReturnSequences(3).build().numReturnSequences());
    }

    @Test
    void temperatureZeroMeansGreedy() {
        assertFalse(SamplingSettings.builder().sample().temperature(0).build().samples());
        assertTrue(SamplingSettings.builder().sample().temperature(0.1).build().samples());
        assertFalse(SamplingSettings.builder().temperature(0.7).build().samples());
    }

    @Test
    void maxNewTokensWinsOverMaxLengthWhichCountsThePrompt() {
        assertEquals(7, SamplingSettings.builder().maxLength(100).maxNewTokens(7).build().newTokenLimit(10));
        assertEquals(90, SamplingSettings.builder().maxLength(100).build().newTokenLimit(10));
        IllegalArgumentException full = assertThrows(IllegalArgumentException.class,
                () -> SamplingSettings.builder().maxLength(100).build().newTokenLimit(100));
        assertEquals("the prompt has 100 tokens but max_length is 100; set max_new_tokens to generate after it",
                full.getMessage());
    }

    @Test
    void aCheckpointsGenerationConfigSuppliesDefaultsThatExplicitCallsOverride() {
        GenerationConfig llama3Like = new GenerationConfig(new SpecialTokens(List.of(), List.of(128001, 128009),
                List.of()), OptionalInt.empty(), OptionalInt.of(256), OptionalInt.empty(), OptionalInt.empty(),
                Optional.of(true), OptionalDouble.of(0.6), OptionalInt.empty(), OptionalDouble.of(0.9),
                OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.of(1.05), OptionalInt.empty());
        SamplingSettings fromFile = SamplingSettings.builder(llama3Like, MODEL_TOKENS).build();
        assertTrue(fromFile.doSample());
        assertEquals(0.6, fromFile.temperature());
        assertEquals(50, fromFile.topK()); // not in the file: Hugging Face's default
        assertEquals(0.9, fromFile.topP());
        assertEquals(1.05, fromFile.repetitionPenalty());
        assertEquals(256, fromFile.newTokenLimit(3));
        assertEquals(Set.of(128001, 128009), fromFile.stopTokenIds());

        SamplingSettings overridden = SamplingSettings.builder(llama3Like, MODEL_TOKENS).temperature(1.2).topK(0)
                .addStopTokenIds(List.of(5)).build();
        assertEquals(1.2, overridden.temperature());
        assertEquals(0, overridden.topK());
        assertEquals(0.9, overridden.topP());
        assertEquals(Set.of(128001, 128009, 5), overridden.stopTokenIds());
    }

    @Test
    void withoutEosInGenerationConfigTheModelConfigsEosStops() {
        SamplingSettings settings = SamplingSettings.builder(GenerationConfig.EMPTY, MODEL_TOKENS).build();
        assertEquals(Set.of(2), settings.stopTokenIds());
        assertFalse(settings.doSample());
    }
}
