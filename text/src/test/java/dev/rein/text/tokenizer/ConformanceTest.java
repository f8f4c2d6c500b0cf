package dev.rein.text.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * llama.cpp's tokenizer test files (test-tokenizer-0: ids Hugging Face gives, without BOS) on the matching
 * real tokenizers: every case must give exactly the expected ids.
 */
class ConformanceTest {
    private static final String SEPARATOR = "\n__ggml_vocab_test__\n";

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
        List<String> texts = texts(Files.readString(conformance.resolve(vocabName + ".inp")));
        List<int[]> expected = expectedIds(Files.readString(conformance.resolve(vocabName + ".out")));
        assertEquals(texts.size(), expected.size(), "one line of ids per text");
        Tokenizer tokenizer = Tokenizer.load(SharedData.path(tokenizerFolder));
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            int[] ids = expected.get(i);
            tests.add(DynamicTest.dynamicTest("case " + i + ": " + abbreviate(text), () ->
                    assertArrayEquals(ids, tokenizer.encode(text, EncodeOption.WITHOUT_SPECIAL_TOKENS),
                            () -> "text " + escape(text) + " gave " + Arrays.toString(tokenizer.encode(text,
                                    EncodeOption.WITHOUT_SPECIAL_TOKENS)))));
        }
        return tests.stream();
    }

    /** The texts between separator lines; the newline before a separator belongs to the separator. */
    static List<String> texts(String file) {
        List<String> texts = new ArrayList<>(List.of(file.split(SEPARATOR, -1)));
        if (texts.getLast().isEmpty()) texts.removeLast();
        return texts;
    }

    static List<int[]> expectedIds(String file) {
        List<int[]> ids = new ArrayList<>();
        for (String line : file.split("\n", -1)) {
            String trimmed = line.strip();
            ids.add(trimmed.isEmpty() ? new int[0]
                    : Arrays.stream(trimmed.split(" +")).mapToInt(Integer::parseInt).toArray());
        }
        if (file.endsWith("\n")) ids.removeLast();
        return ids;
    }

    private static String abbreviate(String text) {
        String escaped = escape(text);
        return escaped.length() > 40 ? escaped.substring(0, 37) + "..." : escaped;
    }

    private static String escape(String text) {
        return text.replace("\n", "\\n").replace("\t", "\\t");
    }
}
