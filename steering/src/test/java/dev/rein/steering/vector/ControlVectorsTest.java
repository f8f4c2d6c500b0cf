package dev.rein.steering.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.eval.PrincipalComponent;
import dev.rein.models.LanguageModel;
import dev.rein.models.generation.Sampling;
import dev.rein.models.hooks.Hooks;
import dev.rein.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Vectors from contrast pairs on the embedded model: the mean difference and the PCA of differences equal what the
 * last-token states give by hand, the PCA direction is a unit vector signed toward the positives, and adding it
 * changes what the model writes.
 */
class ControlVectorsTest {
    private static final List<ContrastPair> PAIRS = List.of(
            new ContrastPair("They laughed and hugged.", "They cried and shouted."),
            new ContrastPair("The girl was so happy.", "The girl was so sad."),
            new ContrastPair("He smiled at his friend.", "He frowned at his friend."),
            new ContrastPair("It was a wonderful day.", "It was a terrible day."));
    static LanguageModel model;

    @BeforeAll
    static void load() {
        model = LanguageModel.loadDefault();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** [pair][H]: positive's last-token state after block {@code layer} minus negative's. */
    private static double[][] differences(int layer) {
        double[][] out = new double[PAIRS.size()][];
        for (int p = 0; p < PAIRS.size(); p++) {
            float[] pos = last(PAIRS.get(p).positive(), layer);
            float[] neg = last(PAIRS.get(p).negative(), layer);
            out[p] = new double[pos.length];
            for (int k = 0; k < pos.length; k++) out[p][k] = pos[k] - neg[k];
        }
        return out;
    }

    private static float[] last(String text, int layer) {
        String point = "blocks." + layer + ".hook_resid_post";
        Tensor states = model.runWithCache(text, point::equals).cache().get(point);        // [1, T, H]
        return states.select(1, states.size(1) - 1).reshape(-1).toFloatArray();
    }

    @Test
    void meanDifferenceIsTheMeanOfTheLastTokenDifferences() {
        ControlVector vector = ControlVectors.build(model, PAIRS, List.of(1, 2), ContrastMethod.MEAN_DIFFERENCE);
        assertEquals(List.of(1, 2), List.copyOf(vector.directions().keySet()));
        assertEquals("llama", vector.modelHint());
        double[][] diffs = differences(2);
        float[] expected = new float[diffs[0].length];
        for (double[] d : diffs) {
            for (int k = 0; k < expected.length; k++) expected[k] += (float) (d[k] / diffs.length);
        }
        assertArrayEquals(expected, vector.directions().get(2).toFloatArray(), 1e-4f);
    }

    @Test
    void pcaIsTheFirstComponentSignedTowardThePositives() {
        ControlVector vector = ControlVectors.build(model, PAIRS, List.of(2), ContrastMethod.PCA_OF_DIFFERENCES);
        float[] direction = vector.directions().get(2).toFloatArray();
        double[] component = PrincipalComponent.of(differences(2)).component();
        double cosine = 0;
        double norm = 0;
        for (int k = 0; k < direction.length; k++) {
            cosine += direction[k] * component[k];
            norm += direction[k] * direction[k];
        }
        assertEquals(1.0, norm, 1e-4);
        assertEquals(1.0, Math.abs(cosine), 1e-4, "the direction is the principal component up to its sign");
        int above = 0;
        for (double[] d : differences(2)) {
            double projection = 0;
            for (int k = 0; k < d.length; k++) projection += d[k] * direction[k];
            if (projection > 0) above++;
        }
        assertTrue(above * 2 >= PAIRS.size(), "most positives should project above their negatives: " + above);
    }

    @Test
    void theVectorSteersGeneration() {
        ControlVector vector = ControlVectors.build(model, PAIRS, List.of(2), ContrastMethod.MEAN_DIFFERENCE);
        Sampling greedy = Sampling.greedy().maxNewTokens(30);
        assertNotEquals(model.generate("Once upon a time", greedy),
                model.generate("Once upon a time", greedy, vector.addTo(new Hooks(), 4f)));
    }

    @Test
    void refusesLayersTheModelLacksAndTooFewPairs() {
        assertThrows(IllegalArgumentException.class,
                () -> ControlVectors.build(model, PAIRS, List.of(9), ContrastMethod.MEAN_DIFFERENCE));
        assertThrows(IllegalArgumentException.class,
                () -> ControlVectors.build(model, PAIRS.subList(0, 1), List.of(1), ContrastMethod.PCA_OF_DIFFERENCES));
    }
}
