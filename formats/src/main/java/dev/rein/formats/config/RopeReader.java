package dev.rein.formats.config;

import dev.rein.formats.json.JsonFields;
import dev.rein.formats.json.NumberDomain;
import java.util.Optional;

/**
 * Reads the rotary settings of a RoPE family, in either of Hugging Face's layouts:
 * <ul>
 *   <li>flat (transformers 4.x): {@code rope_theta}, {@code rope_scaling} (null or an object with
 *       {@code rope_type}, or the older key {@code type}) and, for Gemma 3, {@code rope_local_base_freq} for the
 *       sliding layers, which never scale (Hugging Face applies {@code rope_scaling} to the global layers only);</li>
 *   <li>{@code rope_parameters} (transformers 5): one object holding {@code rope_theta} and the scaling keys, or for
 *       Gemma 3 one such object per layer type under {@code full_attention} and {@code sliding_attention}.
 *       When present it wins over the flat fields.</li>
 * </ul>
 */
final class RopeReader {
    private RopeReader() {
    }

    static PositionEncoding.Rotary read(ModelFamily family, JsonFields config) {
        Optional<JsonFields> parameters = config.optionalObject("rope_parameters");
        if (parameters.isPresent()) return fromRopeParameters(family, parameters.get());
        Rope full = new Rope(config.number("rope_theta", HfDefaults.ropeTheta(family), NumberDomain.POSITIVE),
                config.optionalObject("rope_scaling").map(RopeReader::scaling).orElse(new RopeScaling.None()));
        if (family != ModelFamily.GEMMA3) return new PositionEncoding.Rotary(full, full);
        Rope sliding = new Rope(config.number("rope_local_base_freq", HfDefaults.gemma3LocalRopeTheta(),
                NumberDomain.POSITIVE),
                new RopeScaling.None());
        return new PositionEncoding.Rotary(full, sliding);
    }

    private static PositionEncoding.Rotary fromRopeParameters(ModelFamily family, JsonFields parameters) {
        boolean perLayerType = parameters.containsKey(LayerType.FULL.hfName())
                || parameters.containsKey(LayerType.SLIDING.hfName());
        if (!perLayerType) {
            Rope rope = rope(parameters, HfDefaults.ropeTheta(family));
            return new PositionEncoding.Rotary(rope, rope);
        }
        Rope full = perType(parameters, LayerType.FULL, HfDefaults.ropeTheta(family));
        double slidingTheta = family == ModelFamily.GEMMA3 ? HfDefaults.gemma3LocalRopeTheta() : full.theta();
        return new PositionEncoding.Rotary(full, perType(parameters, LayerType.SLIDING, slidingTheta));
    }

    private static Rope perType(JsonFields parameters, LayerType type, double defaultTheta) {
        return parameters.optionalObject(type.hfName())
                .map(fields -> rope(fields, defaultTheta))
                .orElse(new Rope(defaultTheta, new RopeScaling.None()));
    }

    private static Rope rope(JsonFields fields, double defaultTheta) {
        return new Rope(fields.number("rope_theta", defaultTheta, NumberDomain.POSITIVE), scaling(fields));
    }

    /** A {@code rope_scaling} object, or the scaling keys of a {@code rope_parameters} one; the type is required. */
    private static RopeScaling scaling(JsonFields fields) {
        String typeField = fields.has("type") && !fields.has("rope_type") ? "type" : "rope_type";
        String type = fields.string(typeField);
        return switch (type) {
            case "default" -> new RopeScaling.None();
            case "linear" -> new RopeScaling.Linear(fields.number("factor", NumberDomain.POSITIVE));
            case "llama3" -> llama3(fields);
            default -> throw fields.error(typeField, "unsupported rope_scaling type \"" + type
                    + "\"; supported: default, linear, llama3");
        };
    }

    /** Llama 3's scaling: the wavelengths between the two frequency factors are interpolated, so low < high. */
    private static RopeScaling.Llama3 llama3(JsonFields fields) {
        double low = fields.number("low_freq_factor", NumberDomain.POSITIVE);
        double high = fields.number("high_freq_factor", NumberDomain.POSITIVE);
        if (!(low < high)) {
            throw fields.error("high_freq_factor", "expected a number above low_freq_factor " + low + ", found "
                    + high);
        }
        return new RopeScaling.Llama3(fields.number("factor", NumberDomain.POSITIVE), low, high,
                fields.positiveInteger("original_max_position_embeddings"));
    }
}
