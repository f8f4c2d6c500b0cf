package dev.rein.eval.length;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LengthRewardTest {
    @Test
    void theRewardIsMinusTheDistanceFromTheTarget() {
        LengthReward threeWords = new LengthReward(new LengthTarget.Exact(3));
        assertEquals(0, threeWords.score("The cat sat."));
        assertEquals(-2, threeWords.score("The cat sat on it."));
        assertEquals(-3, threeWords.score("..."));
        assertArrayEquals(new double[] {0, -1}, threeWords.scoreAll(List.of("a b c", "a b c d")));
        assertEquals(0, new LengthReward(new LengthTarget.Range(2, 4)).score("one two three"));
    }
}
