package dev.rein.text.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Decoders, each as its Hugging Face namesake behaves. */
class DecoderTest {

    @Test
    void metaspaceDropsTheReplacementsOfTheFirstPieceOnly() {
        Decoder metaspace = new Decoder.Metaspace("▁", PreTokenizer.PrependScheme.ALWAYS);
        assertEquals(List.of("ab", " c"), metaspace.decodeChain(List.of("▁▁a▁b", "▁c")));
        Decoder never = new Decoder.Metaspace("▁", PreTokenizer.PrependScheme.NEVER);
        assertEquals(List.of(" a"), never.decodeChain(List.of("▁a")));
    }

    @Test
    void byteFallbackDecodesWholeRuns() {
        Decoder byteFallback = new Decoder.ByteFallback();
        assertEquals(List.of("a", "é", "b"), byteFallback.decodeChain(List.of("a", "<0xC3>", "<0xA9>", "b")));
        // An invalid run becomes one U+FFFD per byte, including its valid bytes.
        assertEquals(List.of("\uFFFD", "\uFFFD", "c"), byteFallback.decodeChain(List.of("<0x41>", "<0xC3>", "c")));
        assertEquals(List.of("<0xZZ>"), byteFallback.decodeChain(List.of("<0xZZ>")));
    }

    @Test
    void llama2DecoderChain() {
        Decoder llama = new Decoder.Sequence(List.of(new Decoder.Replace(new TextPattern.Literal("▁"), " "),
                new Decoder.ByteFallback(), new Decoder.Fuse(), new Decoder.Strip(" ", 1, 0)));
        assertEquals(List.of(" Hi 😀"),
                llama.decodeChain(List.of("▁▁Hi", "▁", "<0xF0>", "<0x9F>", "<0x98>", "<0x80>")));
        assertEquals(List.of("x"), new Decoder.Strip(" ", 2, 2).decodeChain(List.of("  x  ")));
    }

    @Test
    void byteLevelTurnsTheAlphabetBackIntoUtf8() {
        Decoder byteLevel = new Decoder.ByteLevel();
        assertEquals(List.of("Hello 你好"), byteLevel.decodeChain(List.of("Hello", "Ġä½ł", "å¥½")));
        // A piece outside the alphabet (an added token) stands for itself; a cut character becomes U+FFFD.
        assertEquals(List.of("<|x|>你\uFFFD"), byteLevel.decodeChain(List.of("<|x|>", "你", "ä½")));
    }
}
