package dev.rein.text.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Streaming decoding prints, piece by piece, exactly what a full decode gives. */
class StreamingDecoderTest {

    @ParameterizedTest
    @ValueSource(strings = {"tokenizers/gpt2", "tokenizers/llama2", "tokenizers/llama3", "tokenizers/qwen3",
            "tokenizers/gemma3", "models/stories260K"})
    void concatenatedPushesEqualTheFullDecodeOnRandomIds(String folder) {
        Tokenizer tokenizer = RealTokenizers.get(folder);
        Random random = new Random(folder.hashCode());
        int[] byteTokens = byteTokenIds(tokenizer);
        for (int sequence = 0; sequence < 300; sequence++) {
            int[] ids = new int[1 + random.nextInt(24)];
            for (int i = 0; i < ids.length; i++) {
                // Half the ids from the byte tokens (<0xAB> or single-byte pieces), which split characters.
                ids[i] = random.nextBoolean() ? byteTokens[random.nextInt(byteTokens.length)]
                        : random.nextInt(tokenizer.vocabSize());
            }
            for (DecodeOption[] options : List.of(new DecodeOption[0],
                    new DecodeOption[] {DecodeOption.SKIP_SPECIAL_TOKENS})) {
                String expected = tokenizer.decode(ids, options);
                assertEquals(expected, streamed(tokenizer, ids, options),
                        () -> folder + " ids " + Arrays.toString(ids));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tokenizers/gpt2", "tokenizers/llama2", "tokenizers/llama3", "tokenizers/qwen3",
            "tokenizers/gemma3"})
    void encodedTextStreamsBack(String folder) {
        Tokenizer tokenizer = RealTokenizers.get(folder);
        for (String text : RealTokenizersTest.VARIED_TEXTS) {
            int[] ids = tokenizer.encode(text);
            assertEquals(tokenizer.decode(ids, DecodeOption.SKIP_SPECIAL_TOKENS),
                    streamed(tokenizer, ids, DecodeOption.SKIP_SPECIAL_TOKENS), folder);
        }
    }

    @Test
    void aCharacterSplitIntoByteLevelTokensPrintsOnceComplete() {
        Tokenizer gpt2 = RealTokenizers.get("tokenizers/gpt2");
        // three tokens spell the emoji's four bytes, then !
        int[] ids = gpt2.encode("🦙!", EncodeOption.WITHOUT_SPECIAL_TOKENS);
        assertEquals(List.of("ðŁ", "¦", "Ļ", "!"), Arrays.stream(ids).mapToObj(gpt2::idToPiece).toList());
        assertEquals(List.of("", "", "🦙", "!", ""), pushAll(gpt2.streamingDecoder(), ids));
    }

    @Test
    void aRunOfByteFallbackTokensPrintsWhenAnOrdinaryTokenEndsIt() {
        Tokenizer llama = RealTokenizers.get("tokenizers/llama2");
        // ▁, then the four byte tokens of the emoji, then !
        int[] ids = llama.encode("🦙!", EncodeOption.WITHOUT_SPECIAL_TOKENS);
        assertEquals(List.of(29871, 243, 162, 169, 156, 29991), Arrays.stream(ids).boxed().toList());
        // The leading ▁ is the text's first space, which the decoder strips.
        assertEquals(List.of("", "", "", "", "", "🦙!", ""), pushAll(llama.streamingDecoder(), ids));
    }

    @Test
    void finishFlushesAnIncompleteCharacterAndStartsOver() {
        Tokenizer gpt2 = RealTokenizers.get("tokenizers/gpt2");
        StreamingDecoder decoder = gpt2.streamingDecoder();
        int[] firstBytes = gpt2.encode("你", EncodeOption.WITHOUT_SPECIAL_TOKENS);
        assertEquals(2, firstBytes.length); // 你 is two tokens: its first byte pair and its last byte
        assertEquals("", decoder.push(firstBytes[0]));
        assertEquals("\uFFFD", decoder.finish());
        assertEquals("Hello", decoder.push(gpt2.encode("Hello", EncodeOption.WITHOUT_SPECIAL_TOKENS)[0]));
    }

    private static List<String> pushAll(StreamingDecoder decoder, int[] ids) {
        List<String> printed = new ArrayList<>();
        for (int id : ids) printed.add(decoder.push(id));
        printed.add(decoder.finish());
        return printed;
    }

    private static String streamed(Tokenizer tokenizer, int[] ids, DecodeOption... options) {
        StreamingDecoder decoder = tokenizer.streamingDecoder(options);
        StringBuilder printed = new StringBuilder();
        for (int id : ids) printed.append(decoder.push(id));
        return printed.append(decoder.finish()).toString();
    }

    /** Ids of the tokens that spell one byte: {@code <0xAB>} pieces, or single byte-level characters. */
    private static int[] byteTokenIds(Tokenizer tokenizer) {
        List<Integer> ids = new ArrayList<>();
        for (int b = 0; b < 256; b++) {
            int fallback = tokenizer.pieceToId(String.format("<0x%02X>", b));
            int byteLevel = tokenizer.pieceToId(String.valueOf(ByteLevelAlphabet.charOf(b)));
            if (fallback >= 0) ids.add(fallback);
            else if (byteLevel >= 0) ids.add(byteLevel);
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }
}
