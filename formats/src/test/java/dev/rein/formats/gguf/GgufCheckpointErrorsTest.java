package dev.rein.formats.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.formats.FormatException;
import dev.rein.formats.config.RopeScaling;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A GGUF model whose metadata or tensors do not add up fails at open with one line naming the key or tensor. */
class GgufCheckpointErrorsTest {
    @TempDir
    Path dir;

    @Test
    void aValidOneLayerModelOpens() throws IOException {
        try (GgufCheckpoint checkpoint = GgufCheckpoint.open(write(metadata -> { }, List.of()))) {
            assertEquals(64, checkpoint.config().hiddenSize());
            assertEquals(4, checkpoint.config().vocabSize());
            assertTrue(checkpoint.config().tieWordEmbeddings());
        }
    }

    @Test
    void metadataAndTensorsThatDisagreeAreNamed() {
        assertError(m -> m.put("tokenizer.ggml.tokens", GgufValue.ofArray(GgufValueType.STRING, List.of("a", "b"))),
                List.of(), "tokenizer.ggml.tokens: holds 2 tokens, but token_embd.weight has 4 rows");
        assertError(m -> m.put("llama.feed_forward_length", GgufValue.ofArray(GgufValueType.UINT32,
                List.of(256L))), List.of(), "llama.feed_forward_length: per-layer values (an array) are not supported");
        assertError(m -> m.remove("llama.block_count"), List.of(),
                "llama.block_count: missing: expected a positive integer");
        assertError(m -> m.put("llama.attention.head_count", GgufValue.ofString("two")), List.of(),
                "llama.attention.head_count: expected an integer, found STRING \"two\"");
        assertError(m -> m.put("llama.rope.scaling.type", GgufValue.ofString("yarn")), List.of(),
                "llama.rope.scaling.type: unsupported rope scaling \"yarn\"");
        assertError(m -> m.put("tokenizer.ggml.bos_token_id", GgufValue.ofUint32(9)), List.of(),
                "tokenizer.ggml.bos_token_id: token id 9 is not below the vocabulary size 4");
        assertError(m -> { }, List.of("blk.0.ffn_up.weight"),
                "blk.0.ffn_up.weight: missing: a llama model with this metadata has this tensor "
                        + "(model.layers.0.mlp.up_proj.weight in Hugging Face's naming)");
    }

    @Test
    void llama3RopeSettingsAreFoundFromTheirDivisors() {
        RopeScaling.Llama3 llama32 = new RopeScaling.Llama3(32, 1, 4, 8192);
        assertEquals(llama32, Llama3RopeFactors.fit(Llama3RopeFactors.of(llama32, 500000, 64), 500000, 64, 0)
                .orElseThrow());
        RopeScaling.Llama3 custom = new RopeScaling.Llama3(8, 2, 6, 1000);
        RopeScaling.Llama3 found = Llama3RopeFactors.fit(Llama3RopeFactors.of(custom, 10000, 128), 10000, 128, 0)
                .orElseThrow();
        float[] expected = Llama3RopeFactors.of(custom, 10000, 128);
        float[] actual = Llama3RopeFactors.of(found, 10000, 128);
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual[i], 1e-4 * expected[i]);
        float[] notLlama3 = new float[32];
        for (int i = 0; i < notLlama3.length; i++) notLlama3[i] = 1 + i % 3;
        assertTrue(Llama3RopeFactors.fit(notLlama3, 10000, 64, 0).isEmpty());
    }

    private void assertError(Consumer<Map<String, GgufValue>> edit, List<String> leftOut, String expected) {
        FormatException error = assertThrows(FormatException.class, () -> GgufCheckpoint.open(write(edit, leftOut)));
        assertTrue(error.getMessage().contains(expected), error.getMessage());
        assertEquals(-1, error.getMessage().indexOf('\n'));
    }

    /** A one-layer llama: hidden 64, 2 heads, MLP 256, vocabulary of 4, tied embeddings. */
    private Path write(Consumer<Map<String, GgufValue>> edit, List<String> leftOut) throws IOException {
        Map<String, GgufValue> metadata = new LinkedHashMap<>();
        metadata.put("general.architecture", GgufValue.ofString("llama"));
        metadata.put("llama.embedding_length", GgufValue.ofUint32(64));
        metadata.put("llama.block_count", GgufValue.ofUint32(1));
        metadata.put("llama.feed_forward_length", GgufValue.ofUint32(256));
        metadata.put("llama.attention.head_count", GgufValue.ofUint32(2));
        metadata.put("tokenizer.ggml.tokens", GgufValue.ofArray(GgufValueType.STRING, List.of("a", "b", "c", "d")));
        edit.accept(metadata);
        List<GgufWriter.Entry> tensors = new ArrayList<>();
        tensors.add(GgufFiles.entry("token_embd.weight", GgufTensorType.Q8_0, GgufFiles.random(1, 256), 4, 64));
        tensors.add(GgufFiles.entry("output_norm.weight", GgufTensorType.F32, GgufFiles.random(2, 64), 64));
        for (String norm : List.of("attn_norm", "ffn_norm")) {
            tensors.add(GgufFiles.entry("blk.0." + norm + ".weight", GgufTensorType.F32, GgufFiles.random(3, 64), 64));
        }
        for (String matrix : List.of("attn_q", "attn_k", "attn_v", "attn_output")) {
            tensors.add(GgufFiles.entry("blk.0." + matrix + ".weight", GgufTensorType.Q4_0,
                    GgufFiles.random(4, 64 * 64), 64, 64));
        }
        for (String matrix : List.of("ffn_gate", "ffn_up")) {
            tensors.add(GgufFiles.entry("blk.0." + matrix + ".weight", GgufTensorType.Q8_0,
                    GgufFiles.random(5, 256 * 64), 256, 64));
        }
        tensors.add(GgufFiles.entry("blk.0.ffn_down.weight", GgufTensorType.Q4_K, GgufFiles.random(6, 64 * 256),
                64, 256));
        tensors.removeIf(tensor -> leftOut.contains(tensor.name()));
        Path file = dir.resolve("model.gguf");
        GgufWriter.write(file, metadata, tensors);
        return file;
    }
}
