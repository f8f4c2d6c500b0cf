package dev.rein.formats.llama2c;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The config.json that Hugging Face's {@code LlamaForCausalLM} would have for a llama2.c model. The header gives
 * the sizes; the rest is fixed by llama2.c's {@code model.py}: RMSNorm with eps 1e-5, SiLU-gated MLP, RoPE with
 * theta 10000 and no biases. BOS and EOS are the ids of llama2.c's tokenizer.
 */
final class HfConfigJson {
    private static final double RMS_NORM_EPS = 1e-5;
    private static final double ROPE_THETA = 10000.0;
    /** The ids sentencepiece gives BOS and EOS in llama2.c's tokenizer (as BOS and EOS). */
    private static final int BOS = 1;
    private static final int EOS = 2;

    private HfConfigJson() {
    }

    static ObjectNode of(Llama2cHeader header) {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.putArray("architectures").add("LlamaForCausalLM");
        config.put("model_type", "llama");
        config.put("hidden_size", header.dim());
        config.put("intermediate_size", header.hiddenDim());
        config.put("num_hidden_layers", header.numLayers());
        config.put("num_attention_heads", header.numHeads());
        config.put("num_key_value_heads", header.numKvHeads());
        config.put("vocab_size", header.vocabSize());
        config.put("max_position_embeddings", header.seqLen());
        config.put("rms_norm_eps", RMS_NORM_EPS);
        config.put("rope_theta", ROPE_THETA);
        config.put("hidden_act", "silu");
        config.put("tie_word_embeddings", header.sharedClassifier());
        config.put("bos_token_id", BOS);
        config.put("eos_token_id", EOS);
        config.put("torch_dtype", "float32");
        config.put("attention_bias", false);
        config.put("mlp_bias", false);
        return config;
    }
}
