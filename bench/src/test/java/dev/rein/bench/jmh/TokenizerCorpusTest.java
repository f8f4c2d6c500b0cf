package dev.rein.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rein.tensor.testing.SharedData;
import dev.rein.text.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The 1.37 MB text {@link TokenizerBenchmark} encodes is tokenized exactly as Hugging Face's tokenizers library
 * (Rust, version 0.22.2, through its Node binding {@code @anush008/tokenizers} 0.6.0) tokenizes it, for every
 * real tokenizer in ../shared: same number of ids and the same SHA-256 of the ids written in decimal and joined by
 * single spaces. Expected values come from {@code tokenizer.encode(corpus, null, {addSpecialTokens: true})} run
 * once on this machine (Hugging Face applies tokenizer.json's post-processor; Rein also honours
 * tokenizer_config.json's add_bos_token, which agrees for these five).
 */
class TokenizerCorpusTest {
    private static String corpus;

    @BeforeAll
    static void readCorpus() throws IOException {
        corpus = TokenizerBenchmark.corpus(SharedData.root());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "gpt2,   303486, 542ba4b03ea0014efe1b2c688033bc11f95647225f9d96d8ed356e073dbfd245",
            "llama3, 293219, 7bbf0d06c0226cee8e94669d83d32b6cc1d4b0d426292510c119bd74843320ad",
            "llama2, 336694, 4bcefada02d3576acc8c4dc54e2d6803cfbc8f7b45ac0fceb8807d8df1ff1353",
            "qwen3,  296273, 73cc259a0ef2975f346e8ec3e8df98f3c7cf0c357fde3131eb6015502f47d34c",
            "gemma3, 299146, 10abc8ab3f4b13aaec2aeef0ce152be4e5e7c09d03cf3b79e16862fd81354df5"})
    void encodesLikeHuggingFaceTokenizers(String name, int count, String sha256) throws NoSuchAlgorithmException {
        int[] ids = Tokenizer.load(SharedData.path("tokenizers/" + name)).encode(corpus);
        assertEquals(count, ids.length);
        String joined = IntStream.of(ids).mapToObj(Integer::toString).collect(Collectors.joining(" "));
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(joined.getBytes(StandardCharsets.US_ASCII));
        assertEquals(sha256, HexFormat.of().formatHex(digest));
    }
}
