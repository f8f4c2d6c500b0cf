package dev.rein.text.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rein.formats.FormatException;
import dev.rein.formats.llama2c.Llama2cCheckpoint;
import dev.rein.text.tokenizer.Llama2cTokenizer.Marker;
import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** llama2.c's tokenizer file (tok512.bin of stories260K) against the same vocabulary's tokenizer.json. */
class Llama2cTokenizerTest {
    private static Llama2cTokenizer llama2c;

    @BeforeAll
    static void load() {
        llama2c = Llama2cTokenizer.load(SharedData.path("models/llama2c/tok512.bin"));
    }

    @Test
    void readsTheFile() {
        assertEquals(512, llama2c.vocabSize());
        assertEquals(7, llama2c.maxTokenLength());
        assertEquals(" t", llama2c.piece(259));
        assertEquals("<0x41>", llama2c.piece(3 + 0x41));
        assertEquals(-1.0f, llama2c.score(260));
    }

    @Test
    void encodesAsTheTokenizerJsonOfTheSameModel() {
        Tokenizer huggingFace = RealTokenizers.get("models/stories260K");
        List<String> texts = List.of("Hello world", "", " ", "  two leading spaces", "multiple   spaces  inside",
                "Once upon a time, there was a little girl named Lily. She loved to play outside!",
                "punctuation: ,.;:!?'\"()[]{}<>-_=+*/\\|@#$%^&~`", "digits 0123456789 and 3.14 and 1,000",
                "unicode: café, naïve, Ünïcödé, 你好, Привет, 🦙🔥, ™ and \u200a hair space",
                "newlines\nand\ttabs\n\n", "ending with space ", "Tom and Tim ran to the park. They saw a big dog.");
        for (String text : texts) {
            assertArrayEquals(huggingFace.encode(text, EncodeOption.WITHOUT_SPECIAL_TOKENS), llama2c.encode(text),
                    text);
            assertArrayEquals(huggingFace.encode(text), llama2c.encode(text, Marker.BOS), text);
        }
        int[] withEos = llama2c.encode("Hi", Marker.BOS, Marker.EOS);
        assertEquals(Llama2cTokenizer.BOS, withEos[0]);
        assertEquals(Llama2cTokenizer.EOS, withEos[withEos.length - 1]);
    }

    @Test
    void decodesWithLlama2cRules() {
        int[] ids = llama2c.encode("Hello world", Marker.BOS);
        assertEquals("Hello world", llama2c.decode(ids)); // after BOS the leading space is dropped
        assertEquals(" Hello world", llama2c.decode(Arrays.copyOfRange(ids, 1, ids.length)));
        assertEquals("你好 🦙", llama2c.decode(llama2c.encode("你好 🦙", Marker.BOS, Marker.EOS)));
        assertArrayEquals(new byte[] {0x41}, llama2c.decodePiece(-1, 3 + 0x41)); // <0x41> is the byte 'A'
        assertArrayEquals(new byte[] {'t'}, llama2c.decodePiece(Llama2cTokenizer.BOS, 259)); // " t" after BOS
    }

    @Test
    void truncatedFilesAreFormatErrors(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("tok.bin");
        ByteBuffer bytes = ByteBuffer.allocate(4 + 8 + 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putInt(7).putFloat(0f).putInt(5).put(new byte[] {'a', 'b'});
        Files.write(file, bytes.array());
        FormatException error = assertThrows(FormatException.class, () -> Llama2cTokenizer.load(file));
        assertEquals("token 0", error.field());
    }

    @Test
    void theTokenizerFileCoversTheVocabulary() throws IOException {
        Llama2cTokenizer tokenizer = Llama2cTokenizer.load(SharedData.path("models/llama2c/tok512.bin"));
        try (Llama2cCheckpoint llama2c = Llama2cCheckpoint.open(SharedData.path("models/llama2c/stories260K.bin"))) {
            assertEquals(tokenizer.vocabSize(), llama2c.config().vocabSize());
        }
    }
}
