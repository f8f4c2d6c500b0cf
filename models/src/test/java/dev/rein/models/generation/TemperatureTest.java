package dev.rein.models.generation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Expected values from torch's float32 division, as in Hugging Face's TemperatureLogitsWarper. */
class TemperatureTest {

    @Test
    void dividesEveryLogitInFloat() {
        float[] logits = {1.5f, -2.0f, 0.5f, 3.0f, -0.25f, 0.0f, Float.NEGATIVE_INFINITY};
        new Temperature(0.7f).process(Histories.EMPTY, logits);
        assertArrayEquals(new float[] {2.142857074737549f, -2.857142925262451f, 0.7142857313156128f,
                4.285714149475098f, -0.3571428656578064f, 0.0f, Float.NEGATIVE_INFINITY}, logits);
    }

    @Test
    void rejectsZeroNegativeAndNonFiniteTemperatures() {
        assertThrows(IllegalArgumentException.class, () -> new Temperature(0));
        assertThrows(IllegalArgumentException.class, () -> new Temperature(-1));
        assertThrows(IllegalArgumentException.class, () -> new Temperature(Float.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Temperature(Float.POSITIVE_INFINITY));
    }
}
