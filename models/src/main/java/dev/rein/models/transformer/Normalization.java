package dev.rein.models.transformer;

import dev.rein.autograd.NormalizationFunctions;
import dev.rein.autograd.Variable;
import dev.rein.formats.config.ModelConfig;
import dev.rein.formats.config.ModelFamily;

/** How a family normalises a vector over its last dim: GPT-2's LayerNorm, or RMSNorm with a scale of w or (1 + w). */
public sealed interface Normalization {

    /** x [..., n] normalised over n with the given weights. */
    Variable apply(Variable x, NormWeights weights);

    /** The normalisation of a config's family. */
    static Normalization of(ModelConfig config) {
        float eps = (float) config.normEps();
        if (config.family() == ModelFamily.GPT2) {
            return new LayerNorm(eps);
        }
        return new RmsNorm(eps, config.family().isGemma() ? 1f : 0f);
    }

    /** (x - mean) / sqrt(var + eps) * w + b, with the biased variance. */
    record LayerNorm(float eps) implements Normalization {
        @Override
        public Variable apply(Variable x, NormWeights weights) {
            return NormalizationFunctions.layerNorm(x, weights.weight(), weights.bias(), eps);
        }
    }

    /** x * rsqrt(mean(x^2) + eps) * (weightOffset + w): offset 0 for Llama and Qwen, 1 for Gemma. */
    record RmsNorm(float eps, float weightOffset) implements Normalization {
        @Override
        public Variable apply(Variable x, NormWeights weights) {
            return NormalizationFunctions.rmsNorm(x, weights.weight(), eps, weightOffset);
        }
    }
}
