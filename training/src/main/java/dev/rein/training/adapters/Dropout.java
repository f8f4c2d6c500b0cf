package dev.rein.training.adapters;

import dev.rein.autograd.Variable;
import dev.rein.tensor.TensorRandom;
import dev.rein.tensor.Tensor;

/**
 * Inverted dropout, as {@code torch.nn.Dropout}: in training mode each element is zeroed with probability p and
 * the others are scaled by 1 / (1 - p), so the expected value is unchanged; outside training mode, and with p = 0,
 * it is the identity. Masks come from a seeded generator, so a run is reproducible. A new dropout is in inference
 * mode: adapters switch it on for training only.
 */
public final class Dropout {
    private final float probability;
    private final TensorRandom random;
    private boolean training;

    /**
     * @param probability the chance of zeroing an element, in [0, 1)
     * @throws IllegalArgumentException when the probability is outside [0, 1)
     */
    public Dropout(double probability, long seed) {
        if (!(probability >= 0 && probability < 1)) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1), got " + probability);
        }
        this.probability = (float) probability;
        this.random = new TensorRandom(seed);
    }

    public double probability() {
        return probability;
    }

    public boolean isTraining() {
        return training;
    }

    /** Training mode: {@link #apply} zeroes elements (PyTorch's {@code module.train()}). */
    public void train() {
        training = true;
    }

    /** Inference mode, that of a new dropout: {@link #apply} is the identity (PyTorch's {@code module.eval()}). */
    public void eval() {
        training = false;
    }

    /** x with a fresh mask applied in training mode; x itself otherwise. */
    public Variable apply(Variable x) {
        if (!training || probability == 0f) {
            return x;
        }
        float keep = 1f / (1f - probability);
        float[] mask = random.uniform(0f, 1f, x.shape()).toFloatArray();
        for (int i = 0; i < mask.length; i++) {
            mask[i] = mask[i] < probability ? 0f : keep;
        }
        return x.mul(Variable.constant(Tensor.of(mask, x.shape())));
    }
}
