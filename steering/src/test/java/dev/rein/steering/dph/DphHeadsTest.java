package dev.rein.steering.dph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.autograd.Variable;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.TensorRandom;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DphHeadsTest {
    @TempDir
    Path folder;

    private final Variable pooled = Variable.constant(new TensorRandom(2).normal(0f, 1f, 3, 16));

    @Test
    void everyPoolerSavesAndLoadsWithItsNamedHeads() throws Exception {
        for (DphPooler pooler : DphPooler.values()) {
            DphHeads heads = DphHeads.create(pooler, 0.1, List.of("reward_head", "helpful"), 16, 24, "<|im_end|>", 7, 5);
            Path saved = folder.resolve(pooler.label());
            heads.save(saved);
            DphHeads loaded = DphHeads.load(saved);
            assertEquals(pooler, loaded.pooler());
            assertEquals(List.of("reward_head", "helpful"), loaded.names());
            assertEquals(7, loaded.poolTokenId());
            assertEquals("<|im_end|>", loaded.poolToken());
            assertEquals(1, loaded.column("helpful"));
            assertArrayEquals(heads.rewards(pooled).value().toFloatArray(),
                    loaded.rewards(pooled).value().toFloatArray(), pooler.label());
            assertArrayEquals(new int[] {3, 2}, loaded.rewards(pooled).shape());
        }
    }

    @Test
    void dropoutActsInTrainingOnlyAndRepeatsWithItsSeed() {
        DphHeads heads = DphHeads.create(DphPooler.T5, 0.5, List.of("r"), 16, 0, "x", 1, 5);
        float[] inference = heads.rewards(pooled).value().toFloatArray();
        float[] training = heads.trainingRewards(pooled, 11).value().toFloatArray();
        assertTrue(!Arrays.equals(inference, training));
        assertArrayEquals(training, heads.trainingRewards(pooled, 11).value().toFloatArray());
        DphHeads noDropout = DphHeads.create(DphPooler.T5, 0.0, List.of("r"), 16, 0, "x", 1, 5);
        assertArrayEquals(noDropout.rewards(pooled).value().toFloatArray(),
                noDropout.trainingRewards(pooled, 11).value().toFloatArray());
    }

    @Test
    void badSettingsAndUnknownHeadsAreNamed() {
        assertThrows(IllegalArgumentException.class,
                () -> DphHeads.create(DphPooler.BERT, 0, List.of("a", "a"), 16, 0, "x", 1, 5));
        DphHeads heads = DphHeads.create(DphPooler.BERT, 0, List.of("a"), 16, 0, "x", 1, 5);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> heads.column("b")).getMessage().contains("[a]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DphPooler.of("gelu")).getMessage()
                .contains("swiglu_t5"));
    }
}
