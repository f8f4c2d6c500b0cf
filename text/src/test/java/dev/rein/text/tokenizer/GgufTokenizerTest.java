package dev.rein.text.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.formats.FormatException;
import dev.rein.formats.gguf.GgufMetadata;
import dev.rein.formats.gguf.GgufValue;
import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Tokenizers written as GGUF metadata ({@link GgufVocabulary}, as llama.cpp's converter writes it) and read back
 * ({@link GgufTokenizer}) tokenize llama.cpp's conformance texts to llama.cpp's ids: byte-level BPE (GPT-2, Llama 3)
 * and SentencePiece BPE (Llama 2, whose merges are rebuilt from the scores alone).
 */
class GgufTokenizerTest {
    private static final Path FILE = Path.of("model.gguf");

    @TestFactory
    Stream<DynamicTest> gpt2() throws IOException {
        return cases("ggml-vocab-gpt-2.gguf", "tokenizers/gpt2");
    }

    @TestFactory
    Stream<DynamicTest> llama3() throws IOException {
        return cases("ggml-vocab-llama-bpe.gguf", "tokenizers/llama3");
    }

    @TestFactory
    Stream<DynamicTest> llama2() throws IOException {
        return cases("ggml-vocab-llama-spm.gguf", "tokenizers/llama2");
    }

    private static Stream<DynamicTest> cases(String vocabName, String tokenizerFolder) throws IOException {
        Path conformance = SharedData.path("tokenizers/conformance");
        List<String> texts = ConformanceTest.texts(Files.readString(conformance.resolve(vocabName + ".inp")));
        List<int[]> expected = ConformanceTest.expectedIds(Files.readString(conformance.resolve(vocabName + ".out")));
        Path folder = SharedData.path(tokenizerFolder);
        Tokenizer original = Tokenizer.load(folder);
        Tokenizer tokenizer = roundTrip(folder, original, original.vocabSize());
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            int[] ids = expected.get(i);
            tests.add(DynamicTest.dynamicTest("case " + i, () -> {
                int[] actual = tokenizer.encode(text, EncodeOption.WITHOUT_SPECIAL_TOKENS);
                assertArrayEquals(ids, actual, () -> "text \"" + text + "\"");
                assertEquals(original.decode(ids), tokenizer.decode(actual));
            }));
        }
        tests.add(DynamicTest.dynamicTest("special tokens as the original adds them", () ->
                assertArrayEquals(original.encode("Hello world"), tokenizer.encode("Hello world"))));
        return tests.stream();
    }

    @Test
    void stories260KAndTheDefaultModelsTokenizersRoundTrip() throws IOException {
        for (Path folder : List.of(SharedData.path("models/stories260K"),
                Path.of("../models/src/main/resources/dev/rein/models/default-model"))) {
            Tokenizer original = Tokenizer.load(folder);
            Tokenizer tokenizer = roundTrip(folder, original, original.vocabSize());
            for (String text : List.of("Once upon a time, there was a little girl named Lily.", "  two  spaces\n",
                    "Tom said: \"Hi!\" 123", "")) {
                assertArrayEquals(original.encode(text), tokenizer.encode(text), folder + ": " + text);
            }
        }
    }

    @Test
    void unsupportedVocabulariesAreRefusedByKey() throws IOException {
        Path folder = SharedData.path("tokenizers/gpt2");
        Tokenizer original = Tokenizer.load(folder);
        Map<String, GgufValue> metadata = new LinkedHashMap<>(GgufVocabulary.of(folder, original,
                original.vocabSize()));
        metadata.put("tokenizer.ggml.pre", GgufValue.ofString("deepseek-coder"));
        FormatException pre = assertThrows(FormatException.class,
                () -> GgufTokenizer.read(FILE, new GgufMetadata(FILE, metadata)));
        assertTrue(pre.getMessage().startsWith("model.gguf: tokenizer.ggml.pre: pre-tokenizer \"deepseek-coder\" is "
                + "not supported"), pre.getMessage());
        metadata.put("tokenizer.ggml.model", GgufValue.ofString("t5"));
        FormatException model = assertThrows(FormatException.class,
                () -> GgufTokenizer.read(FILE, new GgufMetadata(FILE, metadata)));
        assertEquals("model.gguf: tokenizer.ggml.model: tokenizer model \"t5\" is not supported; Rein reads gpt2 "
                + "(byte-level BPE) and llama (SentencePiece BPE)", model.getMessage());
    }

    private static Tokenizer roundTrip(Path folder, Tokenizer original, int vocabSize) throws IOException {
        Map<String, GgufValue> metadata = GgufVocabulary.of(folder, original, vocabSize);
        return GgufTokenizer.read(FILE, new GgufMetadata(FILE, metadata));
    }
}
