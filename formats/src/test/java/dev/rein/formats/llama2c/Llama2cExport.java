package dev.rein.formats.llama2c;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes llama2.c files for tests the way llama2.c's {@code export.py} does ({@code legacy_export} and
 * {@code version1_export}), from weights under Hugging Face's names and layout: the query and key rows are put back
 * into Meta's interleaved rotary order, as llama2.c holds them. Written independently of the reader, from
 * export.py, so that a test compares the reader against the exporter rather than against itself.
 */
final class Llama2cExport {
    static final int MAGIC = 0x616b3432;

    /** The seven header ints, and whether the classifier is the embedding. */
    record Params(int dim, int hiddenDim, int layers, int heads, int kvHeads, int vocab, int seqLen, boolean shared) {
        int headSize() {
            return dim / heads;
        }
    }

    private Llama2cExport() {
    }

    /** Random weights of every tensor the model has, by Hugging Face name, each with its row-major values. */
    static Map<String, float[]> randomWeights(Params p, Random random) {
        Map<String, float[]> weights = new LinkedHashMap<>();
        int kvDim = p.kvHeads() * p.headSize();
        weights.put("model.embed_tokens.weight", random(random, p.vocab() * p.dim()));
        for (int i = 0; i < p.layers(); i++) {
            String layer = "model.layers." + i + ".";
            weights.put(layer + "input_layernorm.weight", random(random, p.dim()));
            weights.put(layer + "self_attn.q_proj.weight", random(random, p.dim() * p.dim()));
            weights.put(layer + "self_attn.k_proj.weight", random(random, kvDim * p.dim()));
            weights.put(layer + "self_attn.v_proj.weight", random(random, kvDim * p.dim()));
            weights.put(layer + "self_attn.o_proj.weight", random(random, p.dim() * p.dim()));
            weights.put(layer + "post_attention_layernorm.weight", random(random, p.dim()));
            weights.put(layer + "mlp.gate_proj.weight", random(random, p.hiddenDim() * p.dim()));
            weights.put(layer + "mlp.up_proj.weight", random(random, p.hiddenDim() * p.dim()));
            weights.put(layer + "mlp.down_proj.weight", random(random, p.dim() * p.hiddenDim()));
        }
        weights.put("model.norm.weight", random(random, p.dim()));
        if (!p.shared()) weights.put("lm_head.weight", random(random, p.vocab() * p.dim()));
        return weights;
    }

    /** The file {@code export.py --version 0} writes; the unused RoPE tables are filled with {@code ropeFill}. */
    static byte[] version0(Params p, Map<String, float[]> weights, float ropeFill) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ints(out, p.dim(), p.hiddenDim(), p.layers(), p.heads(), p.kvHeads(), p.shared() ? p.vocab() : -p.vocab(),
                p.seqLen());
        floats(out, weights.get("model.embed_tokens.weight"));
        for (String name : List.of("input_layernorm", "self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj",
                "self_attn.o_proj", "post_attention_layernorm", "mlp.gate_proj", "mlp.down_proj", "mlp.up_proj")) {
            perLayer(out, p, weights, name);
        }
        floats(out, weights.get("model.norm.weight"));
        float[] ropeTable = new float[p.seqLen() * p.headSize() / 2];
        Arrays.fill(ropeTable, ropeFill);
        floats(out, ropeTable);
        floats(out, ropeTable);
        if (!p.shared()) floats(out, weights.get("lm_head.weight"));
        return out.toByteArray();
    }

    /** The file {@code export.py --version 1} writes. */
    static byte[] version1(Params p, Map<String, float[]> weights) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ints(out, MAGIC, 1, p.dim(), p.hiddenDim(), p.layers(), p.heads(), p.kvHeads(), p.vocab(), p.seqLen());
        out.write(p.shared() ? 1 : 0);
        out.writeBytes(new byte[256 - out.size()]);
        perLayer(out, p, weights, "input_layernorm");
        perLayer(out, p, weights, "post_attention_layernorm");
        floats(out, weights.get("model.norm.weight"));
        floats(out, weights.get("model.embed_tokens.weight"));
        for (String name : List.of("self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", "self_attn.o_proj",
                "mlp.gate_proj", "mlp.down_proj", "mlp.up_proj")) {
            perLayer(out, p, weights, name);
        }
        if (!p.shared()) floats(out, weights.get("lm_head.weight"));
        return out.toByteArray();
    }

    /**
     * Hugging Face's query/key rows back in Meta's order: HF row {@code h*hd + half*hd/2 + i} was Meta row
     * {@code h*hd + 2i + half}.
     */
    static float[] toInterleaved(float[] hf, int heads, int columns) {
        int headDim = hf.length / columns / heads;
        float[] meta = new float[hf.length];
        for (int h = 0; h < heads; h++) {
            for (int half = 0; half < 2; half++) {
                for (int i = 0; i < headDim / 2; i++) {
                    int hfRow = h * headDim + half * headDim / 2 + i;
                    int metaRow = h * headDim + 2 * i + half;
                    System.arraycopy(hf, hfRow * columns, meta, metaRow * columns, columns);
                }
            }
        }
        return meta;
    }

    private static void perLayer(ByteArrayOutputStream out, Params p, Map<String, float[]> weights, String name) {
        for (int i = 0; i < p.layers(); i++) {
            float[] values = weights.get("model.layers." + i + "." + name + ".weight");
            if (name.equals("self_attn.q_proj")) values = toInterleaved(values, p.heads(), p.dim());
            if (name.equals("self_attn.k_proj")) values = toInterleaved(values, p.kvHeads(), p.dim());
            floats(out, values);
        }
    }

    private static float[] random(Random random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) values[i] = (float) random.nextGaussian();
        return values;
    }

    private static void ints(ByteArrayOutputStream out, int... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int value : values) buffer.putInt(value);
        out.writeBytes(buffer.array());
    }

    private static void floats(ByteArrayOutputStream out, float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) buffer.putFloat(value);
        out.writeBytes(buffer.array());
    }
}
