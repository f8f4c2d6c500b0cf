package dev.rein.formats.gguf;

import dev.rein.formats.FormatException;
import dev.rein.formats.WeightMemory;
import dev.rein.formats.WeightSource;
import dev.rein.formats.config.ModelConfig;
import dev.rein.formats.layout.ParameterLayout;
import dev.rein.formats.layout.ParameterRole;
import dev.rein.formats.layout.ParameterSpec;
import dev.rein.formats.layout.RotaryPermutation;
import dev.rein.tensor.Shapes;
import dev.rein.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A GGUF model file read as the Hugging Face model it holds: {@link #config} is the config.json that model would
 * have (from the file's metadata, see {@link GgufConfigJson}) and {@link #tensor} yields its weights under Hugging
 * Face's names and layouts, so the transformer loader treats it like a safetensors checkpoint. What llama.cpp's
 * converter changed is undone: Llama-style query and key rows go back from interleaved to half-split rotary order,
 * Gemma's norm weights lose the 1 the converter added, GPT-2's Conv1D weights are given back as [in, out] views.
 *
 * <p>{@link #open} checks, before any tensor is decoded, that every tensor the config implies is in the file with the
 * shape the metadata implies and of a type Rein reads. Every tensor is a view of the mapped file in its stored type
 * (F32, F16, BF16, or Q8_0, Q4_0, Q4_K, Q6_K kept quantised: the matrix products read their blocks), copied only
 * where a layout must be undone (the query/key row permutation moves whole rows of blocks). {@code
 * Tensor.to(DType.F32)} decodes a quantised one.
 */
public final class GgufCheckpoint implements WeightSource, AutoCloseable {
    private static final Set<ParameterRole> NORMS = EnumSet.of(ParameterRole.ATTENTION_NORM, ParameterRole.MLP_NORM,
            ParameterRole.POST_ATTENTION_NORM, ParameterRole.POST_MLP_NORM, ParameterRole.FINAL_NORM,
            ParameterRole.QUERY_NORM, ParameterRole.KEY_NORM);

    private final GgufFile gguf;
    private final GgufArchitecture architecture;
    private final ModelConfig config;
    private final Map<String, ParameterSpec> specs = new TreeMap<>();

    private GgufCheckpoint(GgufFile gguf) {
        this.gguf = gguf;
        this.architecture = GgufConfigJson.architecture(gguf.metadata());
        this.config = ModelConfig.parse(gguf.file(), GgufConfigJson.of(gguf, architecture));
        for (ParameterSpec spec : ParameterLayout.of(config)) {
            check(spec);
            specs.put(spec.name(), spec);
        }
    }

    /**
     * Maps and validates a GGUF model file, its tensors in the {@link WeightMemory#configured()} memory (a copy in
     * anonymous memory by default, as for safetensors).
     *
     * @throws FormatException when the file is not a valid GGUF file, its architecture is not one Rein runs, its
     *                         metadata is missing or malformed, or a tensor is missing, has a shape the metadata
     *                         contradicts or a type Rein does not decode
     * @throws IOException     when the file cannot be opened or mapped
     */
    public static GgufCheckpoint open(Path file) throws IOException {
        GgufFile gguf = GgufFile.open(file, WeightMemory.configured());
        try {
            return new GgufCheckpoint(gguf);
        } catch (RuntimeException failure) {
            gguf.close();
            throw failure;
        }
    }

    private void check(ParameterSpec spec) {
        String name = GgufTensorNames.of(spec);
        if (!gguf.contains(name)) {
            throw new FormatException(gguf.file(), name, "missing: a " + architecture.ggufName() + " model with "
                    + "this metadata has this tensor (" + spec.name() + " in Hugging Face's naming)");
        }
        GgufTensorInfo info = gguf.info(name);
        int[] expected = storedShape(spec);
        if (!java.util.Arrays.equals(info.shape(), expected)) {
            throw new FormatException(gguf.file(), name, "the file stores " + Shapes.str(info.shape()) + ", but the "
                    + "metadata (" + config.summary().lines().findFirst().orElse("") + ") implies "
                    + Shapes.str(expected));
        }
        if (!info.type().isReadable()) {
            throw new FormatException(gguf.file(), name, "tensor type " + info.type() + " is not supported; Rein "
                    + "reads " + GgufTensorType.readable());
        }
    }

    /** The shape llama.cpp stores a tensor in: Hugging Face's, except Conv1D weights, stored [out, in]. */
    private static int[] storedShape(ParameterSpec spec) {
        int[] shape = spec.shape();
        return spec.transposed() ? new int[] {shape[1], shape[0]} : shape;
    }

    /** The architecture, as the equivalent Hugging Face config.json would describe it. */
    public ModelConfig config() {
        return config;
    }

    /** The mapped file, for its metadata (the tokenizer's, the chat template) and raw tensors. */
    public GgufFile file() {
        return gguf;
    }

    @Override
    public Path path() {
        return gguf.file();
    }

    @Override
    public List<String> names() {
        return List.copyOf(specs.keySet());
    }

    @Override
    public boolean contains(String name) {
        return specs.containsKey(name);
    }

    /** Tensor {@code name} (a Hugging Face name) in Hugging Face's layout. */
    @Override
    public Tensor tensor(String name) {
        ParameterSpec spec = specs.get(name);
        if (spec == null) throw new FormatException(gguf.file(), name, "no such tensor in this model");
        Tensor stored = gguf.tensor(GgufTensorNames.of(spec));
        if (spec.transposed()) return stored.transpose(0, 1);
        if (architecture.interleavesRotaryRows()) {
            int heads = switch (spec.role()) {
                case QUERY, QUERY_BIAS -> config.attention().numHeads();
                case KEY, KEY_BIAS -> config.attention().numKvHeads();
                default -> 0;
            };
            if (heads > 0) return halfSplit(stored, heads);
        }
        if (architecture.storesNormsPlusOne() && NORMS.contains(spec.role())) return stored.sub(1f);
        return stored;
    }

    private static Tensor halfSplit(Tensor stored, int heads) {
        if (stored.rank() == 2) return RotaryPermutation.toHalfSplit(stored, heads);
        return RotaryPermutation.toHalfSplit(stored.reshape(stored.size(0), 1), heads).reshape(stored.size(0));
    }

    /** Unmaps the file; tensors viewing it must not be used afterwards. Closing twice is a no-op. */
    @Override
    public void close() {
        gguf.close();
    }

    @Override
    public String toString() {
        return "GgufCheckpoint(" + gguf.file() + ", " + architecture.ggufName() + ")";
    }
}
