package dev.rein.formats.config;

import dev.rein.formats.json.JsonFields;
import dev.rein.formats.json.NumberDomain;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Reads the config.json of the RoPE families (Llama, Mistral, Qwen2, Qwen3, Gemma, Gemma2, Gemma3), which share
 * Llama's key names and differ in defaults ({@link HfDefaults}), layer types ({@link LayerTypesReader}) and a few
 * family-only settings. A {@code gemma3} (multimodal) config nests the text model's fields in {@code text_config};
 * its special token ids, {@code dtype} and {@code tie_word_embeddings} are taken from the outer object when set
 * there, else from {@code text_config}.
 */
final class RopeFamilyConfigReader {
    private RopeFamilyConfigReader() {
    }

    static ModelConfig read(ModelFamily family, String modelType, JsonFields outer) {
        JsonFields text = modelType.equals("gemma3") ? outer.object("text_config") : outer;
        rejectBidirectional(text);
        UnusedSettings.check(text);

        int vocabSize = dimension(family, text, "vocab_size");
        int hiddenSize = dimension(family, text, "hidden_size");
        int numLayers = dimension(family, text, "num_hidden_layers");
        int intermediateSize = dimension(family, text, "intermediate_size");
        AttentionSettings attention = attention(family, text, hiddenSize, numLayers);

        return new ModelConfig(
                family,
                modelType,
                vocabSize,
                hiddenSize,
                numLayers,
                intermediateSize,
                CommonSettings.activation(text, HfDefaults.activationField(family), HfDefaults.activation(family)),
                family == ModelFamily.LLAMA && text.bool("mlp_bias", false),
                text.number("rms_norm_eps", HfDefaults.rmsNormEps(), NumberDomain.POSITIVE),
                text.positiveInteger("max_position_embeddings", HfDefaults.maxPositions(family)),
                RopeReader.read(family, text),
                attention,
                settingOf(outer, text, "tie_word_embeddings").bool("tie_word_embeddings",
                        HfDefaults.tieWordEmbeddings(family)),
                isGemma2Or3(family)
                        ? text.optionalNumber("final_logit_softcapping", HfDefaults.finalLogitSoftcapping(family),
                                NumberDomain.POSITIVE)
                        : OptionalDouble.empty(),
                specialTokens(family, outer, text, vocabSize),
                CommonSettings.dtype(outer, text),
                outer.node());
    }

    private static AttentionSettings attention(ModelFamily family, JsonFields text, int hiddenSize, int numLayers) {
        int numHeads = dimension(family, text, "num_attention_heads");
        int numKvHeads = text.optionalPositiveInteger("num_key_value_heads", HfDefaults.numKvHeads(family))
                .orElse(numHeads);
        if (numHeads % numKvHeads != 0) {
            throw text.error("num_key_value_heads", numHeads + " attention heads cannot be shared evenly by "
                    + numKvHeads + " key/value heads");
        }
        OptionalInt givenHeadDim = text.optionalPositiveInteger("head_dim", HfDefaults.headDim(family));
        if (givenHeadDim.isEmpty() && hiddenSize % numHeads != 0) {
            throw text.error("num_attention_heads", "hidden_size " + hiddenSize + " is not divisible by "
                    + numHeads + " heads, and no head_dim is given");
        }
        int headDim = givenHeadDim.orElse(hiddenSize / numHeads);
        boolean projectionBias = switch (family) {
            case LLAMA, QWEN3, GEMMA, GEMMA2, GEMMA3 -> text.bool("attention_bias", false);
            case MISTRAL, QWEN2, GPT2 -> false;
        };
        LayerTypesReader.Result layers = LayerTypesReader.read(family, text, numLayers);
        return new AttentionSettings(
                numHeads,
                numKvHeads,
                headDim,
                family == ModelFamily.QWEN2 || projectionBias,
                projectionBias,
                family == ModelFamily.QWEN3 || family == ModelFamily.GEMMA3,
                isGemma2Or3(family)
                        ? text.number("query_pre_attn_scalar", HfDefaults.queryPreAttnScalar(), NumberDomain.POSITIVE)
                        : headDim,
                isGemma2Or3(family)
                        ? text.optionalNumber("attn_logit_softcapping", HfDefaults.attnLogitSoftcapping(family),
                                NumberDomain.POSITIVE)
                        : OptionalDouble.empty(),
                layers.layerTypes(),
                layers.slidingWindow());
    }

    /** A dimension: required, except where {@link HfDefaults#dimension} gives the family a default. */
    private static int dimension(ModelFamily family, JsonFields text, String field) {
        OptionalInt fallback = HfDefaults.dimension(family, field);
        return fallback.isPresent() ? text.positiveInteger(field, fallback.getAsInt()) : text.positiveInteger(field);
    }

    private static SpecialTokens specialTokens(ModelFamily family, JsonFields outer, JsonFields text, int vocabSize) {
        SpecialTokens defaults = HfDefaults.specialTokens(family);
        SpecialTokens fromText = SpecialTokens.read(text, defaults, vocabSize, defaults);
        return outer == text ? fromText : SpecialTokens.read(outer, fromText, vocabSize, defaults);
    }

    /** For a nested Gemma 3 config, the outer object if it has the field, else text_config. */
    private static JsonFields settingOf(JsonFields outer, JsonFields text, String field) {
        return outer.containsKey(field) ? outer : text;
    }

    /** EmbeddingGemma-style bidirectional attention is an encoder; Rein runs causal decoders. */
    private static void rejectBidirectional(JsonFields text) {
        if (text.bool("use_bidirectional_attention", false)) {
            throw text.error("use_bidirectional_attention", "true is not supported: Rein runs causal decoders");
        }
    }

    private static boolean isGemma2Or3(ModelFamily family) {
        return family == ModelFamily.GEMMA2 || family == ModelFamily.GEMMA3;
    }
}
