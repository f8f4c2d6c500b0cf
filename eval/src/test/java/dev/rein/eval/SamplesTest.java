package dev.rein.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SamplesTest {
    @Test
    void meanAndPopulationStandardDeviationAsNumpyGivesThem() {
        double[] values = {2, 4, 4, 4, 5, 5, 7, 9};
        assertEquals(5.0, Samples.mean(values));
        assertEquals(2.0, Samples.populationStd(values));   // np.std([2, 4, 4, 4, 5, 5, 7, 9]) == 2.0
        assertEquals(0.0, Samples.populationStd(new double[] {3.5}));
    }

    @Test
    void noValuesHaveNoMean() {
        assertThrows(IllegalArgumentException.class, () -> Samples.mean(new double[0]));
    }
}
