package dev.rein.training.adapters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.autograd.Variable;
import dev.rein.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Inverted dropout: identity outside training, zeros about p of the elements and rescales the rest in training. */
class DropoutTest {

    @Test
    void outsideTrainingItIsTheIdentity() {
        Variable x = Variable.constant(Tensor.ones(4, 5));
        assertSame(x, new Dropout(0.3, 1).apply(x));
        Dropout zero = new Dropout(0, 1);
        zero.train();
        assertSame(x, zero.apply(x));
    }

    @Test
    void inTrainingItZerosAboutPAndScalesTheRestByOneOverOneMinusP() {
        Dropout dropout = new Dropout(0.25, 7);
        dropout.train();
        float[] y = dropout.apply(Variable.constant(Tensor.ones(100, 100))).value().toFloatArray();
        int zeros = 0;
        for (float v : y) {
            if (v == 0f) {
                zeros++;
            } else {
                assertEquals(1f / 0.75f, v, 1e-6f);
            }
        }
        assertTrue(Math.abs(zeros - 2500) < 200, zeros + " of 10000 zeroed, expected about 2500");
    }

    @Test
    void aProbabilityOutsideZeroToOneIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(-0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(Double.NaN, 0));
    }
}
