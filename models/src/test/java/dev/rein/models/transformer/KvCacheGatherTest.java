package dev.rein.models.transformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rein.models.LanguageModel;
import dev.rein.models.hooks.Hooks;
import dev.rein.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rows gathered from separate caches into one, right-aligned and padded on the left, decode as they did alone: the
 * next step's logits of each row equal those of the row in its own cache.
 */
class KvCacheGatherTest {

    @Test
    void gatheredRowsGiveTheLogitsEachGaveAlone() {
        try (LanguageModel model = LanguageModel.loadDefault()) {
            Transformer t = model.transformer();
            int[] shortPrompt = model.tokenizer().encode("The cat");
            int[] longPrompt = model.tokenizer().encode("Once upon a time there was a dog");
            KvCache a = new KvCache(t.config(), 1, 32);
            KvCache b = new KvCache(t.config(), 1, 32);
            t.forward(TokenBatch.of(shortPrompt), a, Hooks.none(), Logits.LAST_POSITION);
            t.forward(TokenBatch.of(longPrompt), b, Hooks.none(), Logits.LAST_POSITION);
            int next = 7;
            float[] aloneShort = step(t, a, next, shortPrompt.length, null);
            float[] aloneLong = step(t, b, next, longPrompt.length, null);

            KvCache a2 = new KvCache(t.config(), 1, 32);
            KvCache b2 = new KvCache(t.config(), 1, 32);
            t.forward(TokenBatch.of(shortPrompt), a2, Hooks.none(), Logits.LAST_POSITION);
            t.forward(TokenBatch.of(longPrompt), b2, Hooks.none(), Logits.LAST_POSITION);
            KvCache gathered = KvCache.gather(t.config(), List.of(new KvCache.CachedRow(a2, 0, 0),
                    new KvCache.CachedRow(b2, 0, 0)), longPrompt.length + 4);
            assertEquals(longPrompt.length, gathered.length());
            int pad = longPrompt.length - shortPrompt.length;
            boolean[][] padding = new boolean[2][longPrompt.length + 1];
            for (int j = 0; j < pad; j++) padding[0][j] = true;
            TokenBatch batch = new TokenBatch(Tensor.ofLongs(new long[] {next, next}, 2, 1),
                    Tensor.ofLongs(new long[] {shortPrompt.length, longPrompt.length}, 2, 1), padding);
            Tensor logits = t.forward(batch, gathered, Hooks.none(), Logits.LAST_POSITION).value();   // [2, 1, V]
            assertArrayEquals(aloneShort, logits.select(0, 0).reshape(-1).toFloatArray(), 1e-4f);
            assertArrayEquals(aloneLong, logits.select(0, 1).reshape(-1).toFloatArray(), 1e-4f);
        }
    }

    @Test
    void capacityBelowTheLongestRowIsRefused() {
        try (LanguageModel model = LanguageModel.loadDefault()) {
            KvCache a = new KvCache(model.config(), 1, 8);
            model.transformer().forward(TokenBatch.of(1, 2, 3), a, Hooks.none(), Logits.LAST_POSITION);
            assertThrows(IllegalArgumentException.class,
                    () -> KvCache.gather(model.config(), List.of(new KvCache.CachedRow(a, 0, 0)), 2));
        }
    }

    private static float[] step(Transformer t, KvCache cache, int token, int position, boolean[][] padding) {
        TokenBatch batch = new TokenBatch(Tensor.ofLongs(new long[] {token}, 1, 1),
                Tensor.ofLongs(new long[] {position}, 1, 1), padding);
        return t.forward(batch, cache, Hooks.none(), Logits.LAST_POSITION).value().reshape(-1).toFloatArray();
    }
}
