package dev.rein.models.transformer;

import dev.rein.autograd.NormalizationFunctions;
import dev.rein.autograd.Variable;
import dev.rein.formats.config.ModelConfig;

/** How a family normalises a vector over its last dim: GPT-2's LayerNorm, or RMSNorm with a scale of w or (1 + w). */
public sealed interface Normalization {

    /** x [..., n] normalised over n with the given weights. */
    Variable apply(Variable x, NormWeights weights);

    /** The normalisation of a config's family. */
    static Normalization of(ModelConfig config) {
        float eps = (float) config.normEps();
        return switch (config.family()) {
            case GPT2 -> new LayerNorm(eps);
            case GEMMA, GEMMA2, GEMMA3 -> new RmsNorm(eps, 1f);
            case LLAMA, MISTRAL, QWEN2, QWEN3 -> new RmsNorm(eps, 0f);
        };
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
