package dev.rein.text.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.tensor.testing.SharedData;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real tokenizers of ../shared: round trips, special tokens, configuration, ids taken from the files. */
class RealTokenizersTest {
    /** Texts every tokenizer must give back unchanged after encode then decode (already NFC, for Qwen's NFC). */
    static final List<String> VARIED_TEXTS = List.of(
            "Hello world",
            "",
            " ",
            "   leading and trailing spaces   ",
            "tabs\tand\nnewlines\n\n\nand\r\nwindows line ends",
            "emoji 🦙🔥👍🏽 and a family 👨‍👩‍👧 in a row😀😀",
            "CJK 你好世界, Hangul 안녕하세요, kana こんにちは, extension B 𠀀𪚥",
            "Ünïcödé àccents, ß, İstanbul, ΑΒΓ, русский",
            "numbers 1234567890 3.14159 1,000,000",
            "code: for (int i = 0; i < n; i++) { x += i; }\n    return x;",
            "it's they're we've I'm you'll he'd CAN'T",
            "\u3000ideographic\u00a0no-break\u2003em space",
            "many      spaces\n\n\n\n\n\n\nmany newlines",
            "<|im_start|> <bos> <s> special-looking text");

    @ParameterizedTest
    @ValueSource(strings = {"tokenizers/gpt2", "tokenizers/llama2", "tokenizers/llama3", "tokenizers/qwen3",
            "tokenizers/gemma3", "models/stories260K"})
    void decodeGivesBackTheEncodedText(String folder) {
        Tokenizer tokenizer = RealTokenizers.get(folder);
        for (String text : VARIED_TEXTS) {
            int[] ids = tokenizer.encode(text, EncodeOption.WITHOUT_SPECIAL_TOKENS,
                    EncodeOption.SPECIAL_TOKENS_AS_TEXT);
            assertEquals(text, tokenizer.decode(ids), () -> folder + " ids " + Arrays.toString(ids));
            int[] withBosOrEos = tokenizer.encode(text, EncodeOption.SPECIAL_TOKENS_AS_TEXT);
            assertEquals(text, tokenizer.decode(withBosOrEos, DecodeOption.SKIP_SPECIAL_TOKENS), folder);
        }
    }

    @Test
    void qwen3SpecialTokensAndKnownIds() {
        Tokenizer qwen = RealTokenizers.get("tokenizers/qwen3");
        assertEquals(151644, qwen.pieceToId("<|im_start|>"));
        assertEquals(151645, qwen.pieceToId("<|im_end|>"));
        assertEquals("<|im_start|>", qwen.idToPiece(151644));
        assertTrue(qwen.isSpecial(151644));
        assertFalse(qwen.isSpecial(151667)); // <think> is an added token but not special
        assertEquals(151669, qwen.vocabSize());
        // "Hello" and "Ġworld" are whole vocabulary pieces (ids 9707 and 1879 in the file); Qwen adds no BOS.
        assertArrayEquals(new int[] {9707, 1879}, qwen.encode("Hello world"));

        String chat = "<|im_start|>user\nHi<|im_end|>";
        int[] ids = qwen.encode(chat);
        assertEquals(151644, ids[0]);
        assertEquals(151645, ids[ids.length - 1]);
        assertEquals(chat, qwen.decode(ids));
        assertEquals("user\nHi", qwen.decode(ids, DecodeOption.SKIP_SPECIAL_TOKENS));
        int[] asText = qwen.encode(chat, EncodeOption.SPECIAL_TOKENS_AS_TEXT);
        assertFalse(Arrays.stream(asText).anyMatch(id -> id >= 151643), "special tokens treated as text");
        assertEquals(chat, qwen.decode(asText));
    }

    @Test
    void qwen3NormalizesToNfc() {
        Tokenizer qwen = RealTokenizers.get("tokenizers/qwen3");
        assertArrayEquals(qwen.encode("caf\u00e9"), qwen.encode("cafe\u0301"));
    }

    @Test
    void gemma3SpecialTokensAndBos() {
        Tokenizer gemma = RealTokenizers.get("tokenizers/gemma3");
        assertEquals(105, gemma.pieceToId("<start_of_turn>"));
        assertEquals(106, gemma.pieceToId("<end_of_turn>"));
        assertEquals(262145, gemma.vocabSize()); // 262144 pieces and <image_soft_token> after them
        // add_bos_token: true and the template's <bos> give one BOS; "Hello" and "▁world" are vocabulary pieces.
        assertArrayEquals(new int[] {2, 9259, 1902}, gemma.encode("Hello world"));
        assertArrayEquals(new int[] {2, 105, 2364, 107, 2202, 106},
                gemma.encode("<start_of_turn>user\nhi<end_of_turn>"));
        assertEquals("<bos>Hello world", gemma.decode(new int[] {2, 9259, 1902}));
        assertEquals("Hello world", gemma.decode(new int[] {2, 9259, 1902}, DecodeOption.SKIP_SPECIAL_TOKENS));
        // The emoji is not a piece: its four UTF-8 bytes fall back to <0xF0>... (byte 0xF0 is id 238 + 0xF0).
        int[] llama = gemma.encode("🦙", EncodeOption.WITHOUT_SPECIAL_TOKENS);
        assertEquals(4, llama.length);
        assertEquals("<0xF0>", gemma.idToPiece(llama[0]));
        assertEquals(238 + 0xF0, llama[0]);
    }

    @Test
    void llama2AddsOneBos() {
        Tokenizer llama = RealTokenizers.get("tokenizers/llama2");
        assertEquals(Boolean.TRUE, llama.tokenizerConfig().addBosToken());
        assertArrayEquals(new int[] {1, 15043, 3186}, llama.encode("Hello world"));
        assertArrayEquals(new int[] {15043, 3186}, llama.encode("Hello world", EncodeOption.WITHOUT_SPECIAL_TOKENS));
        assertArrayEquals(new int[] {1, 15043, 1, 3186}, llama.encodePair("Hello", "world"));
        assertEquals("<s> Hello world", llama.decode(new int[] {1, 15043, 3186}));
    }

    @Test
    void configurationsAreRead() {
        TokenizerConfig qwen = RealTokenizers.get("tokenizers/qwen3").tokenizerConfig();
        assertNull(qwen.bosToken());
        assertEquals("<|im_end|>", qwen.eosToken());
        assertEquals("<|endoftext|>", qwen.padToken());
        assertEquals(Boolean.FALSE, qwen.addBosToken());
        assertEquals(List.of("default"), List.copyOf(qwen.chatTemplates().keySet()));
        assertTrue(qwen.chatTemplate().contains("<|im_start|>"));
        assertEquals(TokenizerConfig.FILE_NAME, qwen.file().getFileName().toString());

        TokenizerConfig gemma = RealTokenizers.get("tokenizers/gemma3").tokenizerConfig();
        assertEquals("<bos>", gemma.bosToken());
        assertEquals("<end_of_turn>", gemma.eosToken());
        assertTrue(gemma.chatTemplate().startsWith("{{ bos_token }}"));

        TokenizerConfig llama3 = RealTokenizers.get("tokenizers/llama3").tokenizerConfig();
        assertEquals("<|begin_of_text|>", llama3.bosToken());
        assertNull(llama3.addBosToken());
        assertNull(RealTokenizers.get("tokenizers/llama2").tokenizerConfig().chatTemplate());
    }

    @Test
    void addedSpecialTokensGetNewIdsAndAreNeverSplit() {
        Tokenizer gpt2 = Tokenizer.load(SharedData.path("tokenizers/gpt2"));
        int[] ids = gpt2.addSpecialTokens(List.of("<steer_up>", "<steer_down>", "<steer_up>", "hello"));
        assertArrayEquals(new int[] {50257, 50258, 50257, 31373}, ids);
        assertEquals(50259, gpt2.vocabSize());
        assertTrue(gpt2.isSpecial(50258));
        assertTrue(gpt2.isSpecial(31373));
        assertArrayEquals(new int[] {50257, 31373, 50258}, gpt2.encode("<steer_up>hello<steer_down>"));
        assertEquals("<steer_up>hello<steer_down>", gpt2.decode(new int[] {50257, 31373, 50258}));
        assertEquals("", gpt2.decode(new int[] {50257, 31373, 50258}, DecodeOption.SKIP_SPECIAL_TOKENS));
        assertArrayEquals(new int[] {50259}, gpt2.addSpecialTokens(List.of("<more>")));
    }
}
