package dev.rein.formats.llama2c;

import dev.rein.formats.FormatException;
import dev.rein.formats.WeightSource;
import dev.rein.formats.config.ModelConfig;
import dev.rein.formats.layout.ParameterRole;
import dev.rein.formats.layout.RotaryPermutation;
import dev.rein.tensor.DType;
import dev.rein.tensor.Shapes;
import dev.rein.tensor.Storage;
import dev.rein.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A checkpoint in the format of Andrej Karpathy's llama2.c ({@code stories15M.bin}, {@code stories260K.bin}, ...),
 * read as the Hugging Face Llama model it is: {@link #config} is the config.json that model would have and
 * {@link #tensor} yields its weights under Hugging Face's names ({@code model.layers.0.self_attn.q_proj.weight},
 * ...), so the transformer loader treats it like a safetensors checkpoint. Versions 0 (legacy) and 1 (float32 with
 * an "ak42" header) of llama2.c's {@code export.py} are read; version 2 (Q8_0) is refused. Its tokenizer is a
 * separate file ({@code tokenizer.bin}, {@code tok512.bin}), read by
 * {@link dev.rein.text.tokenizer.Llama2cTokenizer}.
 *
 * <p>{@link #open} maps the file and checks the header against the file size; tensors are then read-only views of
 * the mapping, valid until {@link #close}, except the query and key projections: their rows are reordered from
 * llama2.c's interleaved rotary pairs to Hugging Face's half-split ones (see {@link RotaryPermutation}), which
 * makes a copy on every call. The mapping belongs to a shared arena, so views may be read from any thread.
 */
public final class Llama2cCheckpoint implements WeightSource, AutoCloseable {
    private static final String EXTENSION = ".bin";

    private final Path file;
    private final Arena arena;
    private final MemorySegment contents;
    private final int formatVersion;
    private final ModelConfig config;
    private final Map<String, WeightLayout.StoredTensor> tensors;

    private Llama2cCheckpoint(Path file, Arena arena, MemorySegment contents, Llama2cHeader header) {
        this.file = file;
        this.arena = arena;
        this.contents = contents;
        this.formatVersion = header.version();
        this.config = ModelConfig.parse(file, HfConfigJson.of(header));
        this.tensors = WeightLayout.of(header, config);
    }

    /**
     * Maps and validates a llama2.c checkpoint.
     *
     * @throws FormatException when the file is not a llama2.c checkpoint of version 0 or 1: too short, a header
     *                         with non-positive or inconsistent sizes, a size other than the header implies, a
     *                         Q8_0 (version 2) export, or another format such as safetensors or a PyTorch file
     * @throws IOException     when the file cannot be opened or mapped
     */
    public static Llama2cCheckpoint open(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Arena arena = Arena.ofShared();
            try {
                MemorySegment contents = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
                return new Llama2cCheckpoint(file, arena, contents, Llama2cHeader.read(file, contents));
            } catch (Throwable failure) {
                arena.close();
                throw failure;
            }
        }
    }

    /**
     * Whether {@code path} names a llama2.c checkpoint rather than a Hugging Face one: a regular file whose name ends
     * in {@code .bin} and whose first bytes are not those of a safetensors file or a PyTorch {@code torch.save} file.
     * Version 0 files carry no signature, so this does not prove the file valid; {@link #open} checks it.
     *
     * @throws IOException when the file exists but cannot be read
     */
    public static boolean isLlama2cFile(Path path) throws IOException {
        Path name = path.getFileName();
        if (name == null || !name.toString().toLowerCase(Locale.ROOT).endsWith(EXTENSION)
                || !Files.isRegularFile(path)) {
            return false;
        }
        byte[] start;
        try (InputStream in = Files.newInputStream(path)) {
            start = in.readNBytes(ForeignFormats.PREFIX_BYTES);
        }
        return ForeignFormats.describe(MemorySegment.ofArray(start), Files.size(path)).isEmpty();
    }

    /** The architecture, as the equivalent Hugging Face config.json would describe it. */
    public ModelConfig config() {
        return config;
    }

    /** The version of llama2.c's export format: 0 (legacy) or 1. */
    public int formatVersion() {
        return formatVersion;
    }

    /** The .bin file. */
    @Override
    public Path path() {
        return file;
    }

    @Override
    public List<String> names() {
        return List.copyOf(tensors.keySet());
    }

    @Override
    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    /**
     * Tensor {@code name} as float32 in Hugging Face's layout: a read-only view of the file, or for the query and
     * key projections a reordered copy; a {@link FormatException} when the model has no such tensor.
     */
    @Override
    public Tensor tensor(String name) {
        WeightLayout.StoredTensor stored = tensors.get(name);
        if (stored == null) {
            throw new FormatException(file, name, "no such tensor in this llama2.c checkpoint");
        }
        if (!arena.scope().isAlive()) {
            throw new IllegalStateException(file + " is closed");
        }
        int[] shape = stored.spec().shape();
        MemorySegment elements = contents.asSlice(stored.byteOffset(), stored.byteSize());
        Tensor view = new Tensor(Storage.wrap(elements), DType.F32, shape, Shapes.contiguousStrides(shape), 0);
        ParameterRole role = stored.spec().role();
        if (role == ParameterRole.QUERY) return RotaryPermutation.toHalfSplit(view, config.attention().numHeads());
        if (role == ParameterRole.KEY) return RotaryPermutation.toHalfSplit(view, config.attention().numKvHeads());
        return view;
    }

    /** Unmaps the file; views returned by {@link #tensor} must not be used afterwards. Closing twice is a no-op. */
    @Override
    public void close() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }

    @Override
    public String toString() {
        return "Llama2cCheckpoint(" + file + ", version " + formatVersion + ", " + tensors.size() + " tensors)";
    }
}
