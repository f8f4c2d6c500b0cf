package dev.rein.models.transformer;

import dev.rein.autograd.Variable;
import dev.rein.formats.FormatException;
import dev.rein.formats.WeightSource;
import dev.rein.formats.config.ModelConfig;
import dev.rein.formats.layout.ParameterLayout;
import dev.rein.formats.layout.ParameterRole;
import dev.rein.formats.layout.ParameterSpec;
import dev.rein.formats.layout.WeightNames;
import dev.rein.tensor.DType;
import dev.rein.tensor.Shapes;
import dev.rein.tensor.Tensor;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Builds {@link TransformerWeights} from a {@link WeightSource}: finds every tensor {@link ParameterLayout} lists,
 * checks its shape, and files it by role. Tensors stay views in their stored dtype (BF16 stays BF16); GPT-2's Conv1D
 * weights become transposed views, so nothing is
 * copied. Tensors the layout does not list (GPT-2's causal-mask buffers, a vision tower) are ignored.
 */
public final class WeightLoader {
    private WeightLoader() {
    }

    /**
     * The weights of a model with this config, as constants (no gradient).
     *
     * @throws FormatException naming the source and tensor when a tensor is missing, has the wrong shape or is not
     *                         floating point
     */
    public static TransformerWeights load(ModelConfig config, WeightSource source) {
        return load(config, source, Variable::constant);
    }

    /**
     * The weights of a model with this config, each stored tensor made a leaf by {@code leaf} (for example
     * {@link Variable#parameter} to train it). Transposed and split weights are views of these leaves, so gradients
     * arrive at the stored tensors, in their stored layout.
     */
    public static TransformerWeights load(ModelConfig config, WeightSource source, Function<Tensor, Variable> leaf) {
        return build(config, source, (spec, stored) -> leaf.apply(stored));
    }

    /**
     * The weights of a model with this config for training some of them: each tensor {@code trainable} accepts
     * becomes an F32 parameter, a copy of the stored tensor (converted from BF16/F16, and out of the read-only
     * mapped file, so that an optimizer can update it in place); every other tensor stays a constant view in its
     * stored dtype, which never gets a gradient buffer. Training only heads or adapters on a frozen model therefore
     * costs no gradient memory for the model's own weights.
     */
    public static TransformerWeights loadTrainable(ModelConfig config, WeightSource source,
                                                   Predicate<ParameterSpec> trainable) {
        return build(config, source, (spec, stored) -> trainable.test(spec)
                ? Variable.parameter(Tensor.zeros(DType.F32, stored.shape()).copyFrom(stored))
                : Variable.constant(stored));
    }

    private static TransformerWeights build(ModelConfig config, WeightSource source,
                                            BiFunction<ParameterSpec, Tensor, Variable> leaf) {
        List<Map<ParameterRole, Variable>> perLayer = new ArrayList<>();
        for (int i = 0; i < config.numLayers(); i++) {
            perLayer.add(new EnumMap<>(ParameterRole.class));
        }
        Map<ParameterRole, Variable> global = new EnumMap<>(ParameterRole.class);
        Map<String, Variable> parameters = new LinkedHashMap<>();
        for (ParameterSpec spec : ParameterLayout.of(config)) {
            Variable stored = leaf.apply(spec, find(config, source, spec));
            parameters.put(spec.name(), stored);
            (spec.layer() < 0 ? global : perLayer.get(spec.layer()))
                    .put(spec.role(), spec.transposed() ? stored.mT() : stored);
        }
        List<LayerWeights> layers = new ArrayList<>();
        for (Map<ParameterRole, Variable> roles : perLayer) {
            layers.add(layer(roles));
        }
        Variable embedding = global.get(ParameterRole.TOKEN_EMBEDDING);
        return new TransformerWeights(embedding, global.get(ParameterRole.POSITION_EMBEDDING), layers,
                norm(global, ParameterRole.FINAL_NORM, ParameterRole.FINAL_NORM_BIAS),
                global.getOrDefault(ParameterRole.LM_HEAD, embedding), parameters);
    }

    private static Tensor find(ModelConfig config, WeightSource source, ParameterSpec spec) {
        for (String name : WeightNames.candidates(config, spec.name())) {
            if (source.contains(name)) {
                Tensor t = source.tensor(name);
                if (!t.dtype().isFloatingPoint()) {
                    throw new FormatException(source.path(), name, "expected a floating-point tensor, found "
                            + t.dtype());
                }
                if (!java.util.Arrays.equals(t.shape(), spec.shape())) {
                    throw new FormatException(source.path(), name, "expected shape " + Shapes.str(spec.shape())
                            + " from config.json, found " + Shapes.str(t.shape()));
                }
                return t;
            }
        }
        throw new FormatException(source.path(), spec.name(), "missing: the config describes a "
                + config.modelType() + " model, which has this tensor with shape " + Shapes.str(spec.shape()));
    }

    private static LayerWeights layer(Map<ParameterRole, Variable> r) {
        QueryKeyValue queryKeyValue = r.containsKey(ParameterRole.QKV)
                ? new QueryKeyValue.Fused(linear(r, ParameterRole.QKV, ParameterRole.QKV_BIAS))
                : new QueryKeyValue.Separate(linear(r, ParameterRole.QUERY, ParameterRole.QUERY_BIAS),
                        linear(r, ParameterRole.KEY, ParameterRole.KEY_BIAS),
                        linear(r, ParameterRole.VALUE, ParameterRole.VALUE_BIAS));
        QueryKeyNorms queryKeyNorms = r.containsKey(ParameterRole.QUERY_NORM)
                ? new QueryKeyNorms(norm(r, ParameterRole.QUERY_NORM, null), norm(r, ParameterRole.KEY_NORM, null))
                : null;
        return new LayerWeights(
                new AttentionWeights(norm(r, ParameterRole.ATTENTION_NORM, ParameterRole.ATTENTION_NORM_BIAS),
                        queryKeyValue, queryKeyNorms, linear(r, ParameterRole.OUTPUT, ParameterRole.OUTPUT_BIAS),
                        norm(r, ParameterRole.POST_ATTENTION_NORM, null)),
                new MlpWeights(norm(r, ParameterRole.MLP_NORM, ParameterRole.MLP_NORM_BIAS),
                        linear(r, ParameterRole.GATE, ParameterRole.GATE_BIAS),
                        linear(r, ParameterRole.UP, ParameterRole.UP_BIAS),
                        linear(r, ParameterRole.DOWN, ParameterRole.DOWN_BIAS),
                        norm(r, ParameterRole.POST_MLP_NORM, null)));
    }

    private static Linear linear(Map<ParameterRole, Variable> roles, ParameterRole weight, ParameterRole bias) {
        return roles.containsKey(weight) ? new Linear(roles.get(weight), roles.get(bias)) : null;
    }

    private static NormWeights norm(Map<ParameterRole, Variable> roles, ParameterRole weight, ParameterRole bias) {
        return roles.containsKey(weight)
                ? new NormWeights(roles.get(weight), bias == null ? null : roles.get(bias))
                : null;
    }
}
