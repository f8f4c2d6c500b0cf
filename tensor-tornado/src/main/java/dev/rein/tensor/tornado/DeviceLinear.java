package dev.rein.tensor.tornado;

import dev.rein.models.transformer.Linear;
import dev.rein.models.transformer.Projection;
import dev.rein.tensor.Tensor;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;

/** A linear layer on the device: its weight as {@link DeviceMatrix} and its bias in F32, or null. */
record DeviceLinear(DeviceMatrix matrix, FloatArray bias) {

    /**
     * The device copy of a projection as loaded.
     *
     * @throws IllegalArgumentException when it is not a plain {@link Linear} (an adapter wraps it)
     */
    static DeviceLinear of(Projection projection, String name) {
        Linear linear = plain(projection, name);
        return of(linear.weight().value(), linear.bias() == null ? null : linear.bias().value());
    }

    /** Output rows [from, from + count) of a projection: one of GPT-2's fused query, key and value parts. */
    static DeviceLinear slice(Projection fused, String name, int from, int count) {
        Linear linear = plain(fused, name);
        return of(linear.weight().value().narrow(0, from, count),
                linear.bias() == null ? null : linear.bias().value().narrow(0, from, count));
    }

    /** A linear layer of {@code weight} [out, in] and {@code bias} [out] or null. */
    static DeviceLinear of(Tensor weight, Tensor bias) {
        return new DeviceLinear(DeviceMatrix.of(weight), bias == null ? null : DeviceNorm.floats(bias));
    }

    private static Linear plain(Projection projection, String name) {
        if (projection instanceof Linear linear) {
            return linear;
        }
        throw new IllegalArgumentException("the TornadoVM decoder runs plain linear layers; " + name + " is a "
                + projection.getClass().getSimpleName() + " (merge adapters into the weights first)");
    }
}
