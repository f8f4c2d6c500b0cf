package dev.rein.training.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/**
 * Each optimizer against torch 1.13 (and LaProp against a torch re-implementation of the DPH reference code) on
 * the setting of {@link FixedGradients}; the expected rows were printed by
 * src/test/resources/fixtures/optim_fixtures.py and pasted here.
 */
class TorchParityTest {
    /** A few float32 roundings of values near 1. */
    private static final float TOLERANCE = 1e-6f;

    // SGD(lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01)
    private static final float[][] SGD_NESTEROV = {
            {0.4800499975681305f, -1.209625005722046f, 1.9392000436782837f, 0.07599999755620956f, -0.394430011510849f},
            {0.4800914525985718f, -1.2378696203231812f, 1.9243978261947632f, 0.06837780028581619f, -0.27168381214141846f},
            {0.4646150767803192f, -1.2555139064788818f, 1.9505090713500977f, 0.07008243352174759f, -0.25965771079063416f},
    };
    // SGD(lr=0.1, momentum=0.9, dampening=0.3)
    private static final float[][] SGD_DAMPENED = {
            {0.49000000953674316f, -1.2300000190734863f, 1.9700000286102295f, 0.04000000283122063f, -0.3500000238418579f},
            {0.4872500002384186f, -1.2350000143051147f, 1.9565000534057617f, 0.049250002950429916f, -0.320000022649765f},
            {0.4807625114917755f, -1.2425000667572021f, 1.9626750946044922f, 0.05323750153183937f, -0.3100000321865082f},
    };
    // SGD(lr=0.1)
    private static final float[][] SGD_PLAIN = {
            {0.49000000953674316f, -1.2300000190734863f, 1.9700000286102295f, 0.04000000283122063f, -0.3500000238418579f},
            {0.4925000071525574f, -1.25f, 1.9700000286102295f, 0.027500003576278687f, -0.27500003576278687f},
            {0.48500001430511475f, -1.2575000524520874f, 1.9875000715255737f, 0.027250003069639206f, -0.2800000309944153f},
    };
    // Adam(lr=0.01, weight_decay=0.1)
    private static final float[][] ADAM_L2 = {
            {0.49000000953674316f, -1.2400000095367432f, 1.9900000095367432f, 0.009999999776482582f, -0.3100000023841858f},
            {0.48667460680007935f, -1.2398560047149658f, 1.9855109453201294f, 0.010859115980565548f, -0.30742576718330383f},
            {0.4846998453140259f, -1.2404143810272217f, 1.985331416130066f, 0.011153561063110828f, -0.306604266166687f},
    };
    // Adam(lr=0.05, betas=(0.8, 0.95), eps=1e-3)
    private static final float[][] ADAM_BETAS = {
            {0.45049506425857544f, -1.2002487182617188f, 1.95016610622406f, 0.04987531527876854f, -0.3499002158641815f},
            {0.4452504515647888f, -1.2106767892837524f, 1.9343228340148926f, 0.052797865122556686f, -0.3363853693008423f},
            {0.4364933371543884f, -1.2187232971191406f, 1.9401254653930664f, 0.0536760538816452f, -0.3325941264629364f},
    };
    // AdamW(lr=0.01, weight_decay=0.1)
    private static final float[][] ADAMW = {
            {0.4895000159740448f, -1.2387499809265137f, 1.9880000352859497f, 0.009999999776482582f, -0.30970001220703125f},
            {0.4879235625267029f, -1.23996102809906f, 1.9836556911468506f, 0.010862973518669605f, -0.3070742189884186f},
            {0.48612532019615173f, -1.2411285638809204f, 1.9841182231903076f, 0.011161777190864086f, -0.30625051259994507f},
    };
    // LaProp(lr=0.01, betas=(0.9, 0.95), eps=1e-8, weight_decay=0.5, decay_init=True)
    private static final float[][] LAPROP_DECAY_TO_INITIAL = {
            {0.49000000953674316f, -1.2400000095367432f, 1.9900000095367432f, 0.009999999776482582f, -0.3100000023841858f},
            {0.4879488945007324f, -1.2390522956848145f, 1.9868108034133911f, 0.011843251995742321f, -0.310817688703537f},
            {0.48643916845321655f, -1.2390578985214233f, 1.9861336946487427f, 0.012592434883117676f, -0.31124594807624817f},
    };
    // LaProp(lr=0.01, betas=(0.8, 0.999), eps=1e-8, weight_decay=0.1, decay_init=False)
    private static final float[][] LAPROP_DECAY_TO_ZERO = {
            {0.4895000457763672f, -1.2387499809265137f, 1.9880000352859497f, 0.00999999139457941f, -0.30970001220703125f},
            {0.4873948395252228f, -1.2374857664108276f, 1.98392915725708f, 0.01163034699857235f, -0.31004253029823303f},
            {0.48573699593544006f, -1.2373839616775513f, 1.9829639196395874f, 0.012268859893083572f, -0.3102708160877228f},
    };

    @Test
    void sgdWithNesterovMomentumAndWeightDecay() {
        assertRows(SGD_NESTEROV, FixedGradients.run(g -> new Sgd(g, SgdSettings.nesterov(0.9)), 0.1, 0.01, false));
    }

    @Test
    void sgdWithDampenedMomentum() {
        assertRows(SGD_DAMPENED, FixedGradients.run(g -> new Sgd(g, new SgdSettings(0.9, 0.3, false)), 0.1, 0, false));
    }

    @Test
    void plainSgd() {
        assertRows(SGD_PLAIN, FixedGradients.run(g -> new Sgd(g, SgdSettings.defaults()), 0.1, 0, false));
    }

    @Test
    void adamWithL2WeightDecay() {
        assertRows(ADAM_L2, FixedGradients.run(g -> new Adam(g, AdamSettings.defaults()), 0.01, 0.1, false));
    }

    @Test
    void adamWithOtherBetasAndEpsilon() {
        assertRows(ADAM_BETAS, FixedGradients.run(g -> new Adam(g, new AdamSettings(0.8, 0.95, 1e-3)), 0.05, 0, false));
    }

    @Test
    void adamWWithDecoupledWeightDecay() {
        assertRows(ADAMW, FixedGradients.run(g -> new AdamW(g, AdamSettings.defaults()), 0.01, 0.1, false));
    }

    @Test
    void laPropDecayingTowardTheInitialValues() {
        assertRows(LAPROP_DECAY_TO_INITIAL,
                FixedGradients.run(g -> new LaProp(g, new AdamSettings(0.9, 0.95, 1e-8)), 0.01, 0.5, true));
    }

    @Test
    void laPropDecayingTowardZero() {
        assertRows(LAPROP_DECAY_TO_ZERO,
                FixedGradients.run(g -> new LaProp(g, new AdamSettings(0.8, 0.999, 1e-8)), 0.01, 0.1, false));
    }

    private static void assertRows(float[][] expected, float[][] actual) {
        for (int step = 0; step < expected.length; step++) {
            assertArrayEquals(expected[step], actual[step], TOLERANCE, "parameter after update " + (step + 1));
        }
    }
}
