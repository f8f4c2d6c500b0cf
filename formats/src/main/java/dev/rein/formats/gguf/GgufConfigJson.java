package dev.rein.formats.gguf;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.formats.config.RopeScaling;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The config.json of the Hugging Face model a GGUF file holds, from the keys llama.cpp's converter writes
 * ({@code ARCH.embedding_length}, {@code ARCH.attention.head_count}, ...) and from the tensors themselves (the
 * vocabulary is the embedding's row count, tied embeddings mean no {@code output.weight}, biases are present or not).
 * What GGUF does not store takes the value llama.cpp assumes: Gemma 2 and 3 scale queries by 1/sqrt(head_dim),
 * except the 27B models (46 and 62 layers), which use hidden_size / heads; Gemma 3's local layers use theta 10000
 * and every sixth layer is global (Hugging Face's defaults, which llama.cpp hard-codes too). Integer keys are
 * checked here, so an error names the GGUF key rather than a config.json field.
 */
final class GgufConfigJson {
    private static final int GEMMA2_27B_LAYERS = 46;
    private static final int GEMMA3_27B_LAYERS = 62;
    static final String ROPE_FREQS = "rope_freqs.weight";
    /** The key (after the architecture's prefix) of the context a scaled rotary embedding was trained for. */
    static final String ORIGINAL_CONTEXT = "rope.scaling.original_context_length";
    /** Gemma 2/3: which layers use the sliding window, one BOOL per layer (true: sliding). */
    static final String SLIDING_LAYERS = "attention.sliding_window_pattern";
    /** Gemma 2/3: the scale of attention scores, 1 / sqrt(query_pre_attn_scalar). */
    static final String ATTENTION_SCALE = "attention.scale";

    private final GgufFile gguf;
    private final GgufMetadata metadata;
    private final GgufArchitecture architecture;
    private final String prefix;
    private final ObjectNode config = JsonNodeFactory.instance.objectNode();

    private GgufConfigJson(GgufFile gguf, GgufArchitecture architecture) {
        this.gguf = gguf;
        this.metadata = gguf.metadata();
        this.architecture = architecture;
        this.prefix = architecture.ggufName() + ".";
    }

    static ObjectNode of(GgufFile gguf, GgufArchitecture architecture) {
        return new GgufConfigJson(gguf, architecture).build();
    }

    private ObjectNode build() {
        config.put("model_type", architecture.modelType());
        int vocabSize = vocabSize();
        int hidden = positive(prefix + "embedding_length");
        int layers = positive(prefix + "block_count");
        int heads = positive(prefix + "attention.head_count");
        int kvHeads = optionalPositive(prefix + "attention.head_count_kv").orElse(heads);
        OptionalLong maxPositions = optionalPositiveLong(prefix + "context_length");
        if (architecture == GgufArchitecture.GPT2) {
            config.put("vocab_size", vocabSize);
            config.put("n_embd", hidden);
            config.put("n_layer", layers);
            config.put("n_head", heads);
            if (kvHeads != heads) throw metadata.error(prefix + "attention.head_count_kv", "GPT-2 has one key/value "
                    + "head per head (" + heads + "), found " + kvHeads);
            config.put("n_inner", positive(prefix + "feed_forward_length"));
            maxPositions.ifPresent(n -> config.put("n_positions", n));
            metadata.optionalNumber(prefix + "attention.layer_norm_epsilon")
                    .ifPresent(eps -> config.put("layer_norm_epsilon", eps));
        } else {
            config.put("vocab_size", vocabSize);
            config.put("hidden_size", hidden);
            config.put("num_hidden_layers", layers);
            config.put("intermediate_size", positive(prefix + "feed_forward_length"));
            config.put("num_attention_heads", heads);
            config.put("num_key_value_heads", kvHeads);
            int headDim = headDim(hidden, heads);
            config.put("head_dim", headDim);
            maxPositions.ifPresent(n -> config.put("max_position_embeddings", n));
            metadata.optionalNumber(prefix + "attention.layer_norm_rms_epsilon")
                    .ifPresent(eps -> config.put("rms_norm_eps", eps));
            metadata.optionalNumber(prefix + "rope.freq_base").ifPresent(theta -> config.put("rope_theta", theta));
            ropeScaling(headDim);
            optionalPositive(prefix + "attention.sliding_window").ifPresent(window -> config.put("sliding_window",
                    window));
            config.put("attention_bias", gguf.contains("blk.0.attn_q.bias"));
            if (architecture == GgufArchitecture.LLAMA) config.put("mlp_bias", gguf.contains("blk.0.ffn_up.bias"));
            if (architecture == GgufArchitecture.GEMMA2 || architecture == GgufArchitecture.GEMMA3) {
                gemmaSettings(hidden, heads, headDim, layers);
            }
        }
        config.put("tie_word_embeddings", !gguf.contains("output.weight"));
        tokenId("tokenizer.ggml.bos_token_id", "bos_token_id", vocabSize);
        tokenId("tokenizer.ggml.eos_token_id", "eos_token_id", vocabSize);
        tokenId("tokenizer.ggml.padding_token_id", "pad_token_id", vocabSize);
        return config;
    }

    /** The vocabulary: the embedding's rows, which the tokenizer's token list must match. */
    private int vocabSize() {
        String embedding = "token_embd.weight";
        if (!gguf.contains(embedding)) throw metadata.error(embedding, "missing: the file has no token embedding");
        int rows = gguf.info(embedding).shape()[0];
        metadata.optionalStrings("tokenizer.ggml.tokens").ifPresent(tokens -> {
            if (tokens.size() != rows) {
                throw metadata.error("tokenizer.ggml.tokens", "holds " + tokens.size() + " tokens, but "
                        + embedding + " has " + rows + " rows");
            }
        });
        return rows;
    }

    private int headDim(int hidden, int heads) {
        OptionalLong keyLength = optionalPositiveLong(prefix + "attention.key_length");
        OptionalLong valueLength = optionalPositiveLong(prefix + "attention.value_length");
        if (keyLength.isPresent() && valueLength.isPresent() && keyLength.getAsLong() != valueLength.getAsLong()) {
            throw metadata.error(prefix + "attention.value_length", "keys of " + keyLength.getAsLong() + " and "
                    + "values of " + valueLength.getAsLong() + " features are not supported; they must be equal");
        }
        if (keyLength.isEmpty() && hidden % heads != 0) {
            throw metadata.error(prefix + "attention.head_count", "embedding_length " + hidden + " is not divisible "
                    + "by " + heads + " heads, and no attention.key_length is given");
        }
        int headDim = (int) keyLength.orElse(hidden / heads);
        optionalPositive(prefix + "rope.dimension_count").ifPresent(rotated -> {
            if (rotated != headDim) {
                throw metadata.error(prefix + "rope.dimension_count", "rotary embedding of " + rotated + " of "
                        + headDim + " features per head is not supported; Rein rotates whole heads");
            }
        });
        return headDim;
    }

    private void ropeScaling(int headDim) {
        String typeKey = prefix + "rope.scaling.type";
        String type = metadata.optionalString(typeKey).orElse("none");
        ObjectNode scaling = JsonNodeFactory.instance.objectNode();
        switch (type) {
            case "none" -> {
            }
            case "linear" -> {
                String factorKey = prefix + "rope.scaling.factor";
                double factor = metadata.optionalNumber(factorKey).orElseThrow(() -> metadata.error(factorKey,
                        "missing: linear rope scaling needs a factor"));
                scaling.put("rope_type", "linear");
                scaling.put("factor", factor);
            }
            default -> throw metadata.error(typeKey, "unsupported rope scaling \"" + type + "\"; Rein reads none "
                    + "and linear (and Llama 3's, stored as " + ROPE_FREQS + ")");
        }
        if (gguf.contains(ROPE_FREQS)) {
            if (!scaling.isEmpty()) {
                throw metadata.error(typeKey, "linear scaling and " + ROPE_FREQS + " together are not supported");
            }
            double theta = metadata.optionalNumber(prefix + "rope.freq_base").orElse(10000);
            float[] stored = gguf.tensor(ROPE_FREQS).toFloatArray();
            if (stored.length != headDim / 2) {
                throw metadata.error(ROPE_FREQS, "holds " + stored.length + " factors, expected head_dim / 2 = "
                        + headDim / 2);
            }
            long original = metadata.optionalInteger(prefix + ORIGINAL_CONTEXT).orElse(0);
            RopeScaling.Llama3 llama3 = Llama3RopeFactors.fit(stored, theta, headDim, original).orElseThrow(() ->
                    metadata.error(ROPE_FREQS, "the per-frequency factors are not Llama 3's rope scaling, the only"
                            + " kind Rein reads from this tensor"));
            scaling.put("rope_type", "llama3");
            scaling.put("factor", llama3.factor());
            scaling.put("low_freq_factor", llama3.lowFreqFactor());
            scaling.put("high_freq_factor", llama3.highFreqFactor());
            scaling.put("original_max_position_embeddings", llama3.originalMaxPositions());
        }
        if (!scaling.isEmpty()) config.set("rope_scaling", scaling);
    }

    private void gemmaSettings(int hidden, int heads, int headDim, int layers) {
        int bigModelLayers = architecture == GgufArchitecture.GEMMA2 ? GEMMA2_27B_LAYERS : GEMMA3_27B_LAYERS;
        OptionalDouble scale = metadata.optionalNumber(prefix + ATTENTION_SCALE);
        if (scale.isPresent() && !(scale.getAsDouble() > 0 && Double.isFinite(scale.getAsDouble()))) {
            throw metadata.error(prefix + ATTENTION_SCALE, "expected a positive number, found " + scale.getAsDouble());
        }
        double scalar = scale.isPresent() ? roundedScalar(scale.getAsDouble())
                : layers == bigModelLayers ? hidden / heads : headDim;
        config.put("query_pre_attn_scalar", scalar);
        metadata.get(prefix + SLIDING_LAYERS).ifPresent(value -> {
            if (value.type() != GgufValueType.ARRAY || value.elementType() != GgufValueType.BOOL
                    || value.elements().size() != layers) {
                throw metadata.error(prefix + SLIDING_LAYERS, "expected an array of " + layers + " BOOL (one per "
                        + "layer), found " + value.describe());
            }
            var types = config.putArray("layer_types");
            value.elements().forEach(sliding -> types.add((Boolean) sliding ? "sliding_attention" : "full_attention"));
        });
        for (String cap : List.of("attn_logit_softcapping", "final_logit_softcapping")) {
            OptionalDouble value = metadata.optionalNumber(prefix + cap);
            if (value.isPresent()) {
                config.put(cap, value.getAsDouble());
            } else {
                config.putNull(cap);
            }
        }
    }

    /** 1 / scale^2, rounded to an integer when within float32 rounding of one (it was stored as a float32). */
    private static double roundedScalar(double scale) {
        double scalar = 1 / (scale * scale);
        return Math.abs(scalar - Math.rint(scalar)) <= 1e-5 * scalar ? Math.rint(scalar) : scalar;
    }

    private void tokenId(String key, String field, int vocabSize) {
        OptionalLong id = metadata.optionalInteger(key);
        if (id.isEmpty()) return;
        if (id.getAsLong() < 0 || id.getAsLong() >= vocabSize) {
            throw metadata.error(key, "token id " + id.getAsLong() + " is not below the vocabulary size "
                    + vocabSize);
        }
        config.put(field, id.getAsLong());
    }

    private int positive(String key) {
        return optionalPositive(key).orElseThrow(() -> metadata.error(key, "missing: expected a positive integer"));
    }

    private OptionalInt optionalPositive(String key) {
        OptionalLong value = optionalPositiveLong(key);
        if (value.isPresent() && value.getAsLong() > Integer.MAX_VALUE) {
            throw metadata.error(key, "expected at most " + Integer.MAX_VALUE + ", found " + value.getAsLong());
        }
        return value.isPresent() ? OptionalInt.of((int) value.getAsLong()) : OptionalInt.empty();
    }

    private OptionalLong optionalPositiveLong(String key) {
        if (metadata.get(key).filter(value -> value.type() == GgufValueType.ARRAY).isPresent()) {
            throw metadata.error(key, "per-layer values (an array) are not supported; expected one integer");
        }
        OptionalLong value = metadata.optionalInteger(key);
        if (value.isPresent() && value.getAsLong() < 1) {
            throw metadata.error(key, "expected a positive integer, found " + value.getAsLong());
        }
        return value;
    }

    /** The architecture named by {@code general.architecture}, or a FormatException naming it. */
    static GgufArchitecture architecture(GgufMetadata metadata) {
        String name = metadata.string("general.architecture");
        GgufArchitecture architecture = GgufArchitecture.ofGgufName(name);
        if (architecture == null) {
            throw metadata.error("general.architecture", "unsupported architecture \"" + GgufHeader.printable(name)
                    + "\"; Rein reads " + String.join(", ", GgufArchitecture.names()));
        }
        return architecture;
    }
}
