package dev.rein.steering.dph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rein.autograd.Gradcheck;
import dev.rein.autograd.Variable;
import dev.rein.data.batch.TrainingBatch;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.TensorRandom;
import org.junit.jupiter.api.Test;

class ReplyLogProbsTest {
    private static final int I = TrainingBatch.IGNORED;
    // row 0 labels positions 2 and 3, row 1 positions 1..3
    private final Tensor labels = Tensor.ofLongs(new long[] {I, I, 2, 0, I, 1, 4, 3}, 2, 4);
    private final Tensor logits = new TensorRandom(9).uniform(-2f, 2f, 2, 4, 5);

    @Test
    void sumsTheLogProbabilitiesOfTheLabelledTokensFromThePositionBefore() {
        float[] s = ReplyLogProbs.SUM.of(Variable.constant(logits), labels).value().toFloatArray();
        Tensor logProbs = logits.logSoftmax(-1);
        double row0 = logProbs.getFloat(0, 1, 2) + logProbs.getFloat(0, 2, 0);
        assertEquals(row0, s[0], 1e-5);
        float[] mean = ReplyLogProbs.MEAN.of(Variable.constant(logits), labels).value().toFloatArray();
        assertEquals(row0 / 2, mean[0], 1e-5);
        double row1 = logProbs.getFloat(1, 0, 1) + logProbs.getFloat(1, 1, 4)
                + logProbs.getFloat(1, 2, 3);
        assertEquals(row1 / 3, mean[1], 1e-5);
    }

    @Test
    void gradientsPassAFiniteDifferenceCheck() {
        for (ReplyLogProbs reduction : ReplyLogProbs.values()) {
            Gradcheck.check(reduction.name(), v -> reduction.of(v.get(0), labels).sum(), logits);
        }
    }
}
