package dev.rein.formats.gguf;

import dev.rein.formats.layout.ParameterSpec;

/**
 * llama.cpp's name for each tensor of a model ({@code token_embd.weight}, {@code blk.3.attn_q.weight}, ...), by the
 * tensor's role in Rein's {@link dev.rein.formats.layout.ParameterLayout}: the one place that maps Hugging Face's
 * names to GGUF's. The mapping is by role, so it serves every family: Gemma 1's {@code post_attention_layernorm}
 * (the norm before the MLP) and Gemma 2's {@code pre_feedforward_layernorm} are both {@code ffn_norm}, Gemma 2's
 * {@code post_attention_layernorm} is {@code post_attention_norm} and its {@code post_feedforward_layernorm}
 * {@code post_ffw_norm}.
 */
public final class GgufTensorNames {
    private GgufTensorNames() {
    }

    /** The GGUF name of {@code spec}. */
    public static String of(ParameterSpec spec) {
        String block = "blk." + spec.layer() + ".";
        return switch (spec.role()) {
            case TOKEN_EMBEDDING -> "token_embd.weight";
            case POSITION_EMBEDDING -> "position_embd.weight";
            case FINAL_NORM -> "output_norm.weight";
            case FINAL_NORM_BIAS -> "output_norm.bias";
            case LM_HEAD -> "output.weight";
            case ATTENTION_NORM -> block + "attn_norm.weight";
            case ATTENTION_NORM_BIAS -> block + "attn_norm.bias";
            case QKV -> block + "attn_qkv.weight";
            case QKV_BIAS -> block + "attn_qkv.bias";
            case QUERY -> block + "attn_q.weight";
            case QUERY_BIAS -> block + "attn_q.bias";
            case KEY -> block + "attn_k.weight";
            case KEY_BIAS -> block + "attn_k.bias";
            case VALUE -> block + "attn_v.weight";
            case VALUE_BIAS -> block + "attn_v.bias";
            case OUTPUT -> block + "attn_output.weight";
            case OUTPUT_BIAS -> block + "attn_output.bias";
            case QUERY_NORM -> block + "attn_q_norm.weight";
            case KEY_NORM -> block + "attn_k_norm.weight";
            case POST_ATTENTION_NORM -> block + "post_attention_norm.weight";
            case MLP_NORM -> block + "ffn_norm.weight";
            case MLP_NORM_BIAS -> block + "ffn_norm.bias";
            case POST_MLP_NORM -> block + "post_ffw_norm.weight";
            case GATE -> block + "ffn_gate.weight";
            case GATE_BIAS -> block + "ffn_gate.bias";
            case UP -> block + "ffn_up.weight";
            case UP_BIAS -> block + "ffn_up.bias";
            case DOWN -> block + "ffn_down.weight";
            case DOWN_BIAS -> block + "ffn_down.bias";
        };
    }
}
