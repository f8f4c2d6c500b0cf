package dev.rein.tensor.tornado;

import dev.rein.models.transformer.NormWeights;
import dev.rein.models.transformer.Normalization;
import dev.rein.tensor.DType;
import dev.rein.tensor.Tensor;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;

/**
 * A normalisation with its weights on the device, widened to F32 (they are small): LayerNorm (weight, bias or a
 * placeholder) or RMSNorm (weight and the offset Gemma adds to it).
 */
record DeviceNorm(boolean layerNorm, float eps, float weightOffset, FloatArray weight, FloatArray bias, boolean hasBias) {

    static DeviceNorm of(Normalization norm, NormWeights weights) {
        FloatArray weight = floats(weights.weight().value());
        return switch (norm) {
            case Normalization.LayerNorm layer -> {
                boolean hasBias = weights.bias() != null;
                yield new DeviceNorm(true, layer.eps(), 0f, weight,
                        hasBias ? floats(weights.bias().value()) : new FloatArray(1), hasBias);
            }
            case Normalization.RmsNorm rms -> new DeviceNorm(false, rms.eps(), rms.weightOffset(), weight,
                    new FloatArray(1), false);
        };
    }

    static FloatArray floats(Tensor vector) {
        FloatArray array = new FloatArray(Math.toIntExact(vector.numel()));
        Staging.put(vector, array, DType.F32);
        return array;
    }
}
