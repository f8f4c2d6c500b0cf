package dev.rein.formats.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.formats.FormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** generation_config.json: every setting read when present, empty when absent or null. */
class GenerationConfigTest {
    @TempDir
    Path dir;

    private GenerationConfig read(String json) throws IOException {
        ConfigFiles.write(dir, GenerationConfig.FILE_NAME, json);
        return GenerationConfig.readIfPresent(dir);
    }

    @Test
    void readsEverySetting() throws IOException {
        GenerationConfig config = read("""
                {"bos_token_id": 128000, "eos_token_id": [128001, 128009], "pad_token_id": 128004,
                 "max_length": 4096, "max_new_tokens": 256, "min_length": 2, "min_new_tokens": 1,
                 "do_sample": true, "temperature": 0.6, "top_k": 40, "top_p": 0.9, "min_p": 0.05,
                 "typical_p": 0.95, "repetition_penalty": 1.1, "no_repeat_ngram_size": 3,
                 "transformers_version": "4.45.0"}""");
        assertEquals(new SpecialTokens(List.of(128000), List.of(128001, 128009), List.of(128004)),
                config.specialTokens());
        assertEquals(List.of(OptionalInt.of(4096), OptionalInt.of(256), OptionalInt.of(2), OptionalInt.of(1),
                        OptionalInt.of(40), OptionalInt.of(3)),
                List.of(config.maxLength(), config.maxNewTokens(), config.minLength(), config.minNewTokens(),
                        config.topK(), config.noRepeatNgramSize()));
        assertEquals(Optional.of(true), config.doSample());
        assertEquals(List.of(OptionalDouble.of(0.6), OptionalDouble.of(0.9), OptionalDouble.of(0.05),
                        OptionalDouble.of(0.95), OptionalDouble.of(1.1)),
                List.of(config.temperature(), config.topP(), config.minP(), config.typicalP(),
                        config.repetitionPenalty()));
        assertEquals("bos_token_id 128000, eos_token_id [128001, 128009], pad_token_id 128004, max_length 4096, "
                + "max_new_tokens 256, min_length 2, min_new_tokens 1, do_sample true, temperature 0.6, top_k 40, "
                + "top_p 0.9, min_p 0.05, typical_p 0.95, repetition_penalty 1.1, no_repeat_ngram_size 3",
                config.summary());
    }

    @Test
    void absentAndNullSettingsAreEmpty() throws IOException {
        GenerationConfig config = read("""
                {"_from_model_config": true, "max_new_tokens": null, "eos_token_id": null, "temperature": null}""");
        assertEquals(GenerationConfig.EMPTY, config);
        assertEquals("none", config.summary());
    }

    @Test
    void folderWithoutTheFileGivesEmpty() throws IOException {
        assertEquals(GenerationConfig.EMPTY, GenerationConfig.readIfPresent(dir));
    }

    @Test
    void wrongTypeNamesFileAndField() {
        Path file = ConfigFiles.write(dir, GenerationConfig.FILE_NAME, "{\"temperature\": \"hot\"}");
        FormatException error = assertThrows(FormatException.class, () -> GenerationConfig.readIfPresent(dir));
        assertEquals(file + ": temperature: expected a number, found \"hot\"", error.getMessage());
    }

    @Test
    void invalidJsonNamesTheFile() {
        Path file = ConfigFiles.write(dir, GenerationConfig.FILE_NAME, "{\"top_k\": 5");
        FormatException error = assertThrows(FormatException.class, () -> GenerationConfig.readIfPresent(dir));
        assertEquals(file, error.file());
        assertTrue(error.getMessage().startsWith(file + ": top_k: not valid JSON at line 1"), error.getMessage());
    }
}
