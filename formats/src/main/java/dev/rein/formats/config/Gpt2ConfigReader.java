package dev.rein.formats.config;

import dev.rein.formats.json.JsonFields;
import dev.rein.formats.json.NumberDomain;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Reads a GPT-2 config.json, whose keys differ from the other families'. Required: {@code vocab_size},
 * {@code n_embd}, {@code n_layer}, {@code n_head}. Hugging Face's GPT2Config defaults for the rest:
 * {@code n_positions} 1024, {@code n_inner} null meaning 4 * n_embd, {@code activation_function} "gelu_new",
 * {@code layer_norm_epsilon} 1e-5, {@code tie_word_embeddings} true, bos and eos 50256, no pad. GPT-2 has biases on
 * every projection, one key/value head per head and head_dim = n_embd / n_head.
 *
 * <p>The two options that change GPT-2's attention arithmetic are rejected unless at their defaults:
 * {@code scale_attn_weights} false (no 1/sqrt(head_dim)) and {@code scale_attn_by_inverse_layer_idx} true. The
 * others (dropouts, {@code reorder_and_upcast_attn}, the summary head) do not matter for a causal LM forward pass.
 */
final class Gpt2ConfigReader {
    private static final int END_OF_TEXT = 50_256;
    private static final SpecialTokens DEFAULT_TOKENS =
            new SpecialTokens(List.of(END_OF_TEXT), List.of(END_OF_TEXT), List.of());

    private Gpt2ConfigReader() {
    }

    static ModelConfig read(JsonFields config) {
        UnusedSettings.check(config);
        int vocabSize = config.positiveInteger("vocab_size");
        int hiddenSize = config.positiveInteger("n_embd");
        int numLayers = config.positiveInteger("n_layer");
        int numHeads = config.positiveInteger("n_head");
        if (hiddenSize % numHeads != 0) {
            throw config.error("n_head", "n_embd " + hiddenSize + " is not divisible by " + numHeads + " heads");
        }
        requireDefault(config, "scale_attn_weights", true);
        requireDefault(config, "scale_attn_by_inverse_layer_idx", false);
        int headDim = hiddenSize / numHeads;
        var attention = new AttentionSettings(numHeads, numHeads, headDim, true, true, false, headDim,
                OptionalDouble.empty(), Collections.nCopies(numLayers, LayerType.FULL), OptionalInt.empty());
        return new ModelConfig(
                ModelFamily.GPT2,
                "gpt2",
                vocabSize,
                hiddenSize,
                numLayers,
                config.optionalPositiveInteger("n_inner", OptionalInt.empty()).orElse(4 * hiddenSize),
                CommonSettings.activation(config, "activation_function", "gelu_new"),
                true,
                config.number("layer_norm_epsilon", 1e-5, NumberDomain.POSITIVE),
                config.positiveInteger("n_positions", 1024),
                new PositionEncoding.Learned(),
                attention,
                config.bool("tie_word_embeddings", true),
                OptionalDouble.empty(),
                SpecialTokens.read(config, DEFAULT_TOKENS, vocabSize, DEFAULT_TOKENS),
                CommonSettings.dtype(config),
                config.node());
    }

    private static void requireDefault(JsonFields config, String field, boolean supported) {
        if (config.bool(field, supported) != supported) {
            throw config.error(field, supported + " is the only value Rein supports");
        }
    }
}
