package dev.rein.formats.layout;

import java.util.Arrays;

/**
 * One weight tensor a model of a given config has: its Hugging Face name, its stored shape, its role and the layer
 * it belongs to (-1 outside the decoder layers).
 *
 * @param transposed true for GPT-2's Conv1D weights, stored [in, out] where every other linear weight is [out, in]
 */
public record ParameterSpec(String name, int[] shape, ParameterRole role, int layer, boolean transposed) {

    public ParameterSpec {
        shape = shape.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    public long numel() {
        return Arrays.stream(shape).asLongStream().reduce(1, Math::multiplyExact);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterSpec p && p.name.equals(name) && Arrays.equals(p.shape, shape)
                && p.role == role && p.layer == layer && p.transposed == transposed;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + Arrays.toString(shape);
    }
}
