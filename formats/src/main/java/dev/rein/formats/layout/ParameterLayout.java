package dev.rein.formats.layout;

import dev.rein.formats.config.AttentionSettings;
import dev.rein.formats.config.ModelConfig;
import dev.rein.formats.config.ModelFamily;
import java.util.ArrayList;
import java.util.List;

/**
 * Every weight tensor a model of a given config has, in Hugging Face's names and stored shapes: the one place that
 * knows each family's tensor names. The loader checks a checkpoint against it and {@code rein init} creates
 * checkpoints from it. Names are the ones {@code save_pretrained} writes for the text-only model class
 * ({@code GPT2LMHeadModel}, {@code LlamaForCausalLM}, ...); {@link WeightNames} resolves the prefixes other
 * classes of the same family use.
 */
public final class ParameterLayout {
    private final List<ParameterSpec> specs = new ArrayList<>();

    private ParameterLayout() {
    }

    /** The tensors of a model with this config, embeddings first, then layer by layer, then the final norm and head. */
    public static List<ParameterSpec> of(ModelConfig config) {
        ParameterLayout layout = new ParameterLayout();
        if (config.family() == ModelFamily.GPT2) {
            layout.gpt2(config);
        } else {
            layout.rotaryFamily(config);
        }
        return List.copyOf(layout.specs);
    }

    private void gpt2(ModelConfig c) {
        int h = c.hiddenSize();
        add("transformer.wte.weight", ParameterRole.TOKEN_EMBEDDING, -1, c.vocabSize(), h);
        add("transformer.wpe.weight", ParameterRole.POSITION_EMBEDDING, -1, c.maxPositions(), h);
        for (int i = 0; i < c.numLayers(); i++) {
            String p = "transformer.h." + i + ".";
            add(p + "ln_1.weight", ParameterRole.ATTENTION_NORM, i, h);
            add(p + "ln_1.bias", ParameterRole.ATTENTION_NORM_BIAS, i, h);
            conv1d(p + "attn.c_attn", ParameterRole.QKV, ParameterRole.QKV_BIAS, i, h, 3 * h);
            conv1d(p + "attn.c_proj", ParameterRole.OUTPUT, ParameterRole.OUTPUT_BIAS, i, h, h);
            add(p + "ln_2.weight", ParameterRole.MLP_NORM, i, h);
            add(p + "ln_2.bias", ParameterRole.MLP_NORM_BIAS, i, h);
            conv1d(p + "mlp.c_fc", ParameterRole.UP, ParameterRole.UP_BIAS, i, h, c.intermediateSize());
            conv1d(p + "mlp.c_proj", ParameterRole.DOWN, ParameterRole.DOWN_BIAS, i, c.intermediateSize(), h);
        }
        add("transformer.ln_f.weight", ParameterRole.FINAL_NORM, -1, h);
        add("transformer.ln_f.bias", ParameterRole.FINAL_NORM_BIAS, -1, h);
        if (!c.tieWordEmbeddings()) {
            add("lm_head.weight", ParameterRole.LM_HEAD, -1, c.vocabSize(), h);
        }
    }

    /** Conv1D: weight stored [in, out], bias [out]. */
    private void conv1d(String prefix, ParameterRole weight, ParameterRole bias, int layer, int in, int out) {
        specs.add(new ParameterSpec(prefix + ".weight", new int[] {in, out}, weight, layer, true));
        add(prefix + ".bias", bias, layer, out);
    }

    private void rotaryFamily(ModelConfig c) {
        int h = c.hiddenSize();
        AttentionSettings a = c.attention();
        int qWidth = a.numHeads() * a.headDim();
        int kvWidth = a.numKvHeads() * a.headDim();
        boolean sandwichNorms = c.family() == ModelFamily.GEMMA2 || c.family() == ModelFamily.GEMMA3;
        add("model.embed_tokens.weight", ParameterRole.TOKEN_EMBEDDING, -1, c.vocabSize(), h);
        for (int i = 0; i < c.numLayers(); i++) {
            String p = "model.layers." + i + ".";
            add(p + "input_layernorm.weight", ParameterRole.ATTENTION_NORM, i, h);
            linear(p + "self_attn.q_proj", ParameterRole.QUERY, a.qkvBias() ? ParameterRole.QUERY_BIAS : null, i, h, qWidth);
            linear(p + "self_attn.k_proj", ParameterRole.KEY, a.qkvBias() ? ParameterRole.KEY_BIAS : null, i, h, kvWidth);
            linear(p + "self_attn.v_proj", ParameterRole.VALUE, a.qkvBias() ? ParameterRole.VALUE_BIAS : null, i, h, kvWidth);
            linear(p + "self_attn.o_proj", ParameterRole.OUTPUT, a.outputBias() ? ParameterRole.OUTPUT_BIAS : null, i, qWidth, h);
            if (a.qkNorm()) {
                add(p + "self_attn.q_norm.weight", ParameterRole.QUERY_NORM, i, a.headDim());
                add(p + "self_attn.k_norm.weight", ParameterRole.KEY_NORM, i, a.headDim());
            }
            // Gemma 2/3 name the norm after attention post_attention_layernorm and the one before the MLP
            // pre_feedforward_layernorm; the other families use post_attention_layernorm for the latter
            if (sandwichNorms) {
                add(p + "post_attention_layernorm.weight", ParameterRole.POST_ATTENTION_NORM, i, h);
                add(p + "pre_feedforward_layernorm.weight", ParameterRole.MLP_NORM, i, h);
                add(p + "post_feedforward_layernorm.weight", ParameterRole.POST_MLP_NORM, i, h);
            } else {
                add(p + "post_attention_layernorm.weight", ParameterRole.MLP_NORM, i, h);
            }
            ParameterRole gateBias = c.mlpBias() ? ParameterRole.GATE_BIAS : null;
            linear(p + "mlp.gate_proj", ParameterRole.GATE, gateBias, i, h, c.intermediateSize());
            linear(p + "mlp.up_proj", ParameterRole.UP, c.mlpBias() ? ParameterRole.UP_BIAS : null, i, h,
                    c.intermediateSize());
            linear(p + "mlp.down_proj", ParameterRole.DOWN, c.mlpBias() ? ParameterRole.DOWN_BIAS : null, i,
                    c.intermediateSize(), h);
        }
        add("model.norm.weight", ParameterRole.FINAL_NORM, -1, h);
        if (!c.tieWordEmbeddings()) {
            add("lm_head.weight", ParameterRole.LM_HEAD, -1, c.vocabSize(), h);
        }
    }

    /** nn.Linear: weight [out, in], optional bias [out]. */
    private void linear(String prefix, ParameterRole weight, ParameterRole bias, int layer, int in, int out) {
        add(prefix + ".weight", weight, layer, out, in);
        if (bias != null) {
            add(prefix + ".bias", bias, layer, out);
        }
    }

    private void add(String name, ParameterRole role, int layer, int... shape) {
        specs.add(new ParameterSpec(name, shape, role, layer, false));
    }
}
