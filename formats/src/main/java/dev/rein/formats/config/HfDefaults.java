package dev.rein.formats.config;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The values Hugging Face transformers uses when a RoPE family's config.json leaves a field out, from each family's
 * {@code configuration_*.py} (Llama, Mistral, Qwen2, Qwen3, Gemma, Gemma2, Gemma3Text). GPT-2's live in
 * {@link Gpt2ConfigReader}.
 */
final class HfDefaults {
    /**
     * Gemma 3 configs on the Hub (e.g. google/gemma-3-4b-it's text_config) leave out even the dimensions, relying on
     * Gemma3TextConfig's defaults: vocab_size 262208, hidden_size 2304, intermediate_size 9216,
     * num_hidden_layers 26, num_attention_heads 8. The other families' configs always state them, so there they
     * are required: a missing one means a broken file, better reported here than as a weight-shape mismatch.
     */
    private static final Map<String, Integer> GEMMA3_DIMENSIONS = Map.of(
            "vocab_size", 262_208,
            "hidden_size", 2304,
            "intermediate_size", 9216,
            "num_hidden_layers", 26,
            "num_attention_heads", 8);

    private HfDefaults() {
    }

    /** A dimension's default: Gemma 3's (see {@link #GEMMA3_DIMENSIONS}); empty (required) elsewhere. */
    static OptionalInt dimension(ModelFamily family, String field) {
        Integer value = family == ModelFamily.GEMMA3 ? GEMMA3_DIMENSIONS.get(field) : null;
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }

    /**
     * {@code num_key_value_heads}: Mistral 8, Qwen2 and Qwen3 32, Gemma 16, Gemma2 and Gemma3 4; Llama (and an explicit
     * null anywhere) uses num_attention_heads, given as empty.
     */
    static OptionalInt numKvHeads(ModelFamily family) {
        return switch (family) {
            case MISTRAL -> OptionalInt.of(8);
            case QWEN2, QWEN3 -> OptionalInt.of(32);
            case GEMMA -> OptionalInt.of(16);
            case GEMMA2, GEMMA3 -> OptionalInt.of(4);
            default -> OptionalInt.empty();
        };
    }

    /**
     * {@code head_dim}: Qwen3 128, the Gemma families 256; Llama, Mistral and Qwen2 (and an explicit null) derive it
     * as hidden_size / num_attention_heads, given as empty.
     */
    static OptionalInt headDim(ModelFamily family) {
        return switch (family) {
            case QWEN3 -> OptionalInt.of(128);
            case GEMMA, GEMMA2, GEMMA3 -> OptionalInt.of(256);
            default -> OptionalInt.empty();
        };
    }

    /**
     * The field naming the activation: Gemma's {@code hidden_activation} (Gemma 1's older configs also carry
     * {@code hidden_act: "gelu"}, which Hugging Face ignores in favour of the approximate GELU), else
     * {@code hidden_act}.
     */
    static String activationField(ModelFamily family) {
        return family.isGemma() ? "hidden_activation" : "hidden_act";
    }

    /** The activation's default: {@code gelu_pytorch_tanh} for the Gemma families, {@code silu} for the others. */
    static String activation(ModelFamily family) {
        return family.isGemma() ? "gelu_pytorch_tanh" : "silu";
    }

    /** {@code rms_norm_eps}: 1e-6 in every family. */
    static double rmsNormEps() {
        return 1e-6;
    }

    /**
     * {@code max_position_embeddings}: Llama 2048, Mistral 131072 (4096 * 32), Qwen2 and Qwen3 32768, Gemma and
     * Gemma2 8192, Gemma3 131072.
     */
    static int maxPositions(ModelFamily family) {
        return switch (family) {
            case LLAMA -> 2048;
            case QWEN2, QWEN3 -> 32_768;
            case GEMMA, GEMMA2 -> 8192;
            default -> 131_072;
        };
    }

    /** {@code rope_theta}: 1e6 for Gemma 3 (its global layers), 10000 for the others. */
    static double ropeTheta(ModelFamily family) {
        return family == ModelFamily.GEMMA3 ? 1_000_000.0 : 10_000.0;
    }

    /** {@code rope_local_base_freq}, Gemma 3's theta for sliding layers: 10000. */
    static double gemma3LocalRopeTheta() {
        return 10_000.0;
    }

    /** {@code tie_word_embeddings}: true for the Gemma families, false for Llama, Mistral, Qwen2, Qwen3. */
    static boolean tieWordEmbeddings(ModelFamily family) {
        return family.isGemma();
    }

    /**
     * Special token ids: Llama and Mistral bos 1, eos 2; the Gemma families bos 2, eos 1, pad 0; Qwen2 and Qwen3
     * none.
     */
    static SpecialTokens specialTokens(ModelFamily family) {
        return switch (family) {
            case LLAMA, MISTRAL -> new SpecialTokens(List.of(1), List.of(2), List.of());
            case GEMMA, GEMMA2, GEMMA3 -> new SpecialTokens(List.of(2), List.of(1), List.of(0));
            default -> SpecialTokens.NONE;
        };
    }

    /**
     * {@code sliding_window}: 4096 for Mistral, Qwen2, Qwen3 (which use it only with {@code use_sliding_window}),
     * Gemma2 and Gemma3; Llama and Gemma have no sliding window.
     */
    static OptionalInt slidingWindow(ModelFamily family) {
        return family == ModelFamily.LLAMA || family == ModelFamily.GEMMA ? OptionalInt.empty() : OptionalInt.of(4096);
    }

    /** Qwen2/Qwen3's {@code max_window_layers}, the first layer that may slide: 28. */
    static int qwenMaxWindowLayers() {
        return 28;
    }

    /** Gemma 3's {@code sliding_window_pattern}: 6, so layers 5, 11, 17, ... are global and the rest slide. */
    static int gemma3SlidingWindowPattern() {
        return 6;
    }

    /** {@code attn_logit_softcapping}: 50 for Gemma 2, none elsewhere (Gemma 3 included). */
    static OptionalDouble attnLogitSoftcapping(ModelFamily family) {
        return family == ModelFamily.GEMMA2 ? OptionalDouble.of(50.0) : OptionalDouble.empty();
    }

    /** {@code final_logit_softcapping}: 30 for Gemma 2, none elsewhere (Gemma 3 included). */
    static OptionalDouble finalLogitSoftcapping(ModelFamily family) {
        return family == ModelFamily.GEMMA2 ? OptionalDouble.of(30.0) : OptionalDouble.empty();
    }

    /** {@code query_pre_attn_scalar} of Gemma 2 and 3: 256. */
    static double queryPreAttnScalar() {
        return 256;
    }
}
