package dev.rein.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The reference numbers come from plain Python 3.11 (no numpy here): a Jacobi eigen-decomposition of the sample
 * covariance, the sign of the component fixed as scikit-learn's {@code svd_flip} does, the scores as centred dot
 * products, then {@code statistics.correlation} for Pearson, the same on average ranks for Spearman, and the
 * tie-counting tau-b formula; the points are 12 normal draws (seed 7) with standard deviations 3, 1, 0.5, 0.2.
 */
class PrincipalComponentTest {
    static final double[][] POINTS = {
            {-0.768, 0.511, -0.113, -0.063}, {-2.79, -0.213, 0.556, 0.085}, {3.111, 0.249, 0.197, 0.037},
            {-4.998, 0.855, 0.253, 0.1}, {-5.074, -1.744, -0.445, -0.094}, {0.916, -0.046, 0.26, -0.128},
            {0.926, 0.394, -0.331, 0.344}, {1.67, 1.197, -0.31, -0.148}, {-1.032, -0.106, 0.316, 0.05},
            {-1.342, -0.957, -0.26, 0.244}, {-2.424, 0.245, 0.213, -0.298}, {0.145, 1.306, -1.007, -0.064}};
    static final double[] FEATURE = {0.2, 0.35, 0.35, 0.1, 0.8, 0.5, 0.5, 0.9, 0.05, 0.3, 0.6, 0.35};
    static final double[] SCORES = {0.26195084490500836, -1.8664994864235307, 4.0387427526994255,
            -3.8644729016145725, -4.341772590284381, 1.8235484793014176, 1.9210641898659306, 2.7827153778918734,
            -0.10882367349928784, -0.5366852000076567, -1.4237875614543123, 1.3140197686200856};

    @Test
    void componentVarianceAndScoresMatchAJacobiDecomposition() {
        PrincipalComponent pca = PrincipalComponent.of(POINTS);
        assertArrayEquals(new double[] {0.9865361216547837, 0.16148244307150533, -0.025711268741963455,
                0.002971852902546975}, pca.component(), 1e-9);
        assertEquals(6.587457795827925, pca.variance(), 1e-9);
        assertArrayEquals(SCORES, pca.project(POINTS), 1e-9);
    }

    @Test
    void correlationsOfTheScoresMatchPlainPython() {
        double[] scores = PrincipalComponent.of(POINTS).project(POINTS);
        assertEquals(0.10521873835864715, PearsonCorrelation.of(scores, FEATURE), 1e-9);
        assertEquals(0.1869561229061345, SpearmanCorrelation.of(scores, FEATURE), 1e-9);
        assertEquals(0.1563263498701806, KendallTau.of(scores, FEATURE), 1e-9);
        double[] log10 = Arrays.stream(FEATURE).map(Math::log10).toArray();
        assertEquals(0.19398699754879048, PearsonCorrelation.of(scores, log10), 1e-9);
    }

    @Test
    void signPutsTheLargestEntryPositiveWhateverThePointsOrder() {
        double[][] mirrored = Arrays.stream(POINTS).map(p -> Arrays.stream(p).map(v -> -v).toArray())
                .toArray(double[][]::new);
        assertArrayEquals(PrincipalComponent.of(POINTS).component(), PrincipalComponent.of(mirrored).component(), 1e-9);
    }
}
