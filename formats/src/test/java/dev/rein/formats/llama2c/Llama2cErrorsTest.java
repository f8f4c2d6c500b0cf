package dev.rein.formats.llama2c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.formats.FormatException;
import dev.rein.formats.safetensors.SafetensorsWriter;
import dev.rein.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed llama2.c files fail with a FormatException naming the file and the header field at fault. */
class Llama2cErrorsTest {
    private static final Llama2cExport.Params PARAMS = new Llama2cExport.Params(8, 12, 2, 2, 1, 6, 4, true);
    private static final String[] HEADER_FIELDS = {"dim", "hidden_dim", "n_layers", "n_heads", "n_kv_heads",
            "vocab_size", "seq_len"};

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"dim, 0", "hidden_dim, -1", "n_layers, 0", "n_heads, 0", "n_kv_heads, -4", "seq_len, 0",
            "vocab_size, 0", "vocab_size, -2147483648"})
    void nonPositiveSizesNameTheirField(String field, int value) throws IOException {
        byte[] file = withParam(version0(), 0, field, value);
        assertFails(file, "header." + field, Integer.toString(value));
    }

    @Test
    void version1RequiresAPositiveVocabularySize() throws IOException {
        assertFails(withParam(version1(), 8, "vocab_size", -6), "header.vocab_size", "-6");
    }

    @Test
    void headsMustDivideTheWidthAndBeDividedByTheKeyValueHeads() throws IOException {
        assertFails(withParam(version0(), 0, "n_heads", 3), "header.n_heads", "not divisible by 3 heads");
        // dim 8 over 4 heads is a head size of 2, but 4 heads cannot share 3 key/value heads
        byte[] kv = withParam(withParam(version0(), 0, "n_heads", 4), 0, "n_kv_heads", 3);
        assertFails(kv, "header.n_kv_heads", "4 attention heads cannot be shared evenly by 3");
        // dim 8 over 8 heads is a head size of 1: nothing to rotate in pairs
        assertFails(withParam(version0(), 0, "n_heads", 8), "header.n_heads", "head size dim / n_heads = 1 is odd");
    }

    @Test
    void theFileMustHoldExactlyTheWeightsTheHeaderDescribes() throws IOException {
        byte[] file = version0();
        FormatException truncated = assertFails(Arrays.copyOf(file, file.length - 1), null, "truncated");
        assertTrue(truncated.getMessage().contains("describes a file of " + file.length + " bytes"),
                truncated.getMessage());
        assertFails(Arrays.copyOf(file, file.length + 4), null, "but the file has " + (file.length + 4));
        // a header whose sizes fit but describe a larger model
        assertFails(withParam(file, 0, "n_layers", 3), null, "truncated");
        byte[] v1 = version1();
        assertFails(Arrays.copyOf(v1, v1.length - 4), null, "truncated");
    }

    @Test
    void shortFilesNameTheHeader() throws IOException {
        assertFails(new byte[0], "header", "the file has 0 bytes, fewer than the 28 bytes");
        assertFails(Arrays.copyOf(version0(), 27), "header", "fewer than the 28 bytes");
        assertFails(Arrays.copyOf(version1(), 255), "header", "fewer than the 256 bytes of a versioned");
    }

    @Test
    void sizesThatOverflowAreRejected() throws IOException {
        byte[] file = version0();
        for (String field : new String[] {"dim", "hidden_dim", "n_layers", "seq_len"}) {
            file = withParam(file, 0, field, 1 << 30);
        }
        file = withParam(withParam(file, 0, "n_heads", 1), 0, "n_kv_heads", 1);
        assertFails(file, "header", "overflow");
    }

    @Test
    void versionsOtherThanZeroAndOneAreRefused() throws IOException {
        assertFails(withInt(version1(), 4, 2), "header.version", "Q8_0");
        assertFails(withInt(version1(), 4, 3), "header.version", "unsupported version 3");
        assertFails(withInt(version1(), 4, 0), "header.version", "unsupported version 0");
        byte[] badFlag = version1();
        badFlag[36] = 2;
        assertFails(badFlag, "header.shared_classifier", "expected 0 or 1, found 2");
    }

    @Test
    void otherFormatsAreNamed() throws IOException {
        Path safetensors = dir.resolve("model.bin");
        SafetensorsWriter.write(safetensors, Map.of("w", Tensor.zeros(2, 2)), Map.of());
        assertFails(Files.readAllBytes(safetensors), null, "this is a safetensors file, not a llama2.c checkpoint");
        assertFails(ForeignFiles.ZIP_START, null, "zip archive (PyTorch's torch.save format)");
        assertFails(ForeignFiles.LEGACY_TORCH_START, null, "pickle (PyTorch's legacy torch.save format)");
    }

    private FormatException assertFails(byte[] contents, String field, String problem) throws IOException {
        Path file = Files.write(dir.resolve("bad.bin"), contents);
        FormatException error = assertThrows(FormatException.class, () -> Llama2cCheckpoint.open(file).close());
        assertEquals(file, error.file());
        if (field == null) {
            assertNull(error.field(), error.getMessage());
        } else {
            assertEquals(field, error.field(), error.getMessage());
        }
        assertTrue(error.getMessage().startsWith(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains(problem), error.getMessage());
        return error;
    }

    private static byte[] version0() {
        return Llama2cExport.version0(PARAMS, Llama2cExport.randomWeights(PARAMS, new Random(4)), 0);
    }

    private static byte[] version1() {
        return Llama2cExport.version1(PARAMS, Llama2cExport.randomWeights(PARAMS, new Random(5)));
    }

    /** {@code file} with one of the seven header ints, which start at {@code paramsOffset}, set to {@code value}. */
    private static byte[] withParam(byte[] file, int paramsOffset, String field, int value) {
        return withInt(file, paramsOffset + Integer.BYTES * Arrays.asList(HEADER_FIELDS).indexOf(field), value);
    }

    private static byte[] withInt(byte[] file, int offset, int value) {
        byte[] copy = file.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
        return copy;
    }
}
