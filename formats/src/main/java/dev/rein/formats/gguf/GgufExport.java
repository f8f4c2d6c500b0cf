package dev.rein.formats.gguf;

import dev.rein.formats.WeightSource;
import dev.rein.formats.config.AttentionSettings;
import dev.rein.formats.config.LayerType;
import dev.rein.formats.config.ModelConfig;
import dev.rein.formats.config.ModelFamily;
import dev.rein.formats.config.PositionEncoding;
import dev.rein.formats.config.Rope;
import dev.rein.formats.config.RopeScaling;
import dev.rein.formats.layout.ParameterLayout;
import dev.rein.formats.layout.ParameterRole;
import dev.rein.formats.layout.ParameterSpec;
import dev.rein.formats.layout.RotaryPermutation;
import dev.rein.tensor.DType;
import dev.rein.tensor.Tensor;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a model as a GGUF file llama.cpp loads: the metadata keys and tensor names and layouts of llama.cpp's
 * converter ({@code convert_hf_to_gguf.py}) for the model's architecture, the weight matrices in the chosen
 * {@link GgufQuantType} (quantised row by row with ggml's reference quantisers, {@link Quantization}), vectors in
 * F32. The converter's layout changes are made here and undone by {@link GgufCheckpoint}: Llama-style query and key
 * rows in interleaved rotary order, Gemma's norms stored as {@code 1 + w}, GPT-2's Conv1D weights as [out, in],
 * Llama 3's rope scaling as {@code rope_freqs.weight}. Mistral is written as {@code llama} (as the converter does),
 * which llama.cpp runs without a sliding window.
 */
public final class GgufExport {
    private static final Set<ParameterRole> NORMS = EnumSet.of(ParameterRole.ATTENTION_NORM, ParameterRole.MLP_NORM,
            ParameterRole.POST_ATTENTION_NORM, ParameterRole.POST_MLP_NORM, ParameterRole.FINAL_NORM,
            ParameterRole.QUERY_NORM, ParameterRole.KEY_NORM);
    private static final int QUANTIZATION_VERSION = 2;

    private GgufExport() {
    }

    /**
     * Writes {@code weights} of a model with {@code config} to {@code target} (atomically).
     *
     * @param name      {@code general.name}
     * @param tokenizer the {@code tokenizer.*} metadata (see the text module's GgufVocabulary), in order
     * @throws IllegalArgumentException when the config uses a setting GGUF cannot express for llama.cpp
     */
    public static void write(Path target, ModelConfig config, WeightSource weights, GgufQuantType type, String name,
            Map<String, GgufValue> tokenizer) throws IOException {
        GgufArchitecture architecture = GgufArchitecture.of(config.family());
        Map<String, GgufValue> metadata = new LinkedHashMap<>();
        metadata.put("general.architecture", GgufValue.ofString(architecture.ggufName()));
        metadata.put("general.type", GgufValue.ofString("model"));
        metadata.put("general.name", GgufValue.ofString(name));
        metadata.put("general.file_type", GgufValue.ofUint32(type.fileType()));
        if (type.isQuantized()) metadata.put("general.quantization_version", GgufValue.ofUint32(QUANTIZATION_VERSION));
        List<GgufWriter.Entry> tensors = new ArrayList<>();
        architectureKeys(config, architecture, metadata, tensors);
        metadata.putAll(tokenizer);
        for (ParameterSpec spec : ParameterLayout.of(config)) {
            tensors.add(entry(spec, weights, config, architecture, type));
        }
        GgufWriter.write(target, metadata, tensors);
    }

    private static void architectureKeys(ModelConfig config, GgufArchitecture architecture,
            Map<String, GgufValue> metadata, List<GgufWriter.Entry> tensors) {
        String p = architecture.ggufName() + ".";
        AttentionSettings attention = config.attention();
        metadata.put(p + "context_length", GgufValue.ofUint32(config.maxPositions()));
        metadata.put(p + "embedding_length", GgufValue.ofUint32(config.hiddenSize()));
        metadata.put(p + "block_count", GgufValue.ofUint32(config.numLayers()));
        metadata.put(p + "feed_forward_length", GgufValue.ofUint32(config.intermediateSize()));
        metadata.put(p + "attention.head_count", GgufValue.ofUint32(attention.numHeads()));
        metadata.put(p + "attention.head_count_kv", GgufValue.ofUint32(attention.numKvHeads()));
        if (config.family() == ModelFamily.GPT2) {
            metadata.put(p + "attention.layer_norm_epsilon", GgufValue.ofFloat32(config.normEps()));
            return;
        }
        metadata.put(p + "attention.layer_norm_rms_epsilon", GgufValue.ofFloat32(config.normEps()));
        metadata.put(p + "attention.key_length", GgufValue.ofUint32(attention.headDim()));
        metadata.put(p + "attention.value_length", GgufValue.ofUint32(attention.headDim()));
        metadata.put(p + "rope.dimension_count", GgufValue.ofUint32(attention.headDim()));
        if (config.family() != ModelFamily.MISTRAL && attention.layerTypes().contains(LayerType.SLIDING)) {
            metadata.put(p + "attention.sliding_window", GgufValue.ofUint32(attention.slidingWindow().orElseThrow()));
        }
        Rope rope = ((PositionEncoding.Rotary) config.positions()).fullAttention();
        metadata.put(p + "rope.freq_base", GgufValue.ofFloat32(rope.theta()));
        switch (rope.scaling()) {
            case RopeScaling.None none -> {
            }
            case RopeScaling.Linear linear -> {
                metadata.put(p + "rope.scaling.type", GgufValue.ofString("linear"));
                metadata.put(p + "rope.scaling.factor", GgufValue.ofFloat32(linear.factor()));
            }
            case RopeScaling.Llama3 llama3 -> {
                float[] factors = Llama3RopeFactors.of(llama3, rope.theta(), attention.headDim());
                tensors.add(new GgufWriter.Entry(GgufConfigJson.ROPE_FREQS, GgufTensorType.F32,
                        new int[] {factors.length}, () -> Quantization.encode(GgufTensorType.F32, factors)));
                metadata.put(p + GgufConfigJson.ORIGINAL_CONTEXT, GgufValue.ofUint32(llama3.originalMaxPositions()));
            }
        }
        if (config.family() == ModelFamily.GEMMA2 || config.family() == ModelFamily.GEMMA3) {
            metadata.put(p + GgufConfigJson.ATTENTION_SCALE,
                    GgufValue.ofFloat32(1 / Math.sqrt(attention.queryPreAttnScalar())));
            metadata.put(p + GgufConfigJson.SLIDING_LAYERS, GgufValue.ofArray(GgufValueType.BOOL,
                    attention.layerTypes().stream().map(type -> type == LayerType.SLIDING).toList()));
        }
        attention.logitSoftcapping().ifPresent(cap -> metadata.put(p + "attn_logit_softcapping",
                GgufValue.ofFloat32(cap)));
        config.finalLogitSoftcapping().ifPresent(cap -> metadata.put(p + "final_logit_softcapping",
                GgufValue.ofFloat32(cap)));
    }

    private static GgufWriter.Entry entry(ParameterSpec spec, WeightSource weights, ModelConfig config,
            GgufArchitecture architecture, GgufQuantType type) {
        int[] hfShape = spec.shape();
        int[] shape = spec.transposed() ? new int[] {hfShape[1], hfShape[0]} : hfShape;
        boolean outputHead = spec.role() == ParameterRole.LM_HEAD
                || spec.role() == ParameterRole.TOKEN_EMBEDDING && config.tieWordEmbeddings();
        GgufTensorType tensorType = shape.length == 1 ? GgufTensorType.F32
                : type.matrixType(spec.role(), spec.layer(), config.numLayers(), outputHead, shape[shape.length - 1]);
        return new GgufWriter.Entry(GgufTensorNames.of(spec), tensorType, shape, () -> {
            Tensor stored = ggufLayout(weights.tensor(spec.name()), spec, config, architecture);
            return encodeRows(stored.to(DType.F32).contiguous(), tensorType, shape[shape.length - 1]);
        });
    }

    /** {@code tensor} (Hugging Face's layout) as llama.cpp's converter stores it. */
    private static Tensor ggufLayout(Tensor tensor, ParameterSpec spec, ModelConfig config,
            GgufArchitecture architecture) {
        if (spec.transposed()) return tensor.transpose(0, 1);
        if (architecture.interleavesRotaryRows()) {
            int heads = switch (spec.role()) {
                case QUERY, QUERY_BIAS -> config.attention().numHeads();
                case KEY, KEY_BIAS -> config.attention().numKvHeads();
                default -> 0;
            };
            if (heads > 0 && tensor.rank() == 2) return RotaryPermutation.toInterleaved(tensor, heads);
            if (heads > 0) {
                int rows = tensor.size(0);
                return RotaryPermutation.toInterleaved(tensor.reshape(rows, 1), heads).reshape(rows);
            }
        }
        if (architecture.storesNormsPlusOne() && NORMS.contains(spec.role())) return tensor.to(DType.F32).add(1f);
        return tensor;
    }

    private static byte[] encodeRows(Tensor contiguous, GgufTensorType type, int rowLength) {
        long rows = contiguous.numel() / rowLength;
        long rowBytes = type.byteSize(rowLength);
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(rows * rowBytes));
        MemorySegment elements = contiguous.storage().segment();
        float[] row = new float[rowLength];
        for (long r = 0; r < rows; r++) {
            MemorySegment.copy(elements, ValueLayout.JAVA_FLOAT_UNALIGNED,
                    (contiguous.offset() + r * rowLength) * Float.BYTES, row, 0, rowLength);
            out.put(Quantization.encode(type, row));
        }
        return out.array();
    }
}
