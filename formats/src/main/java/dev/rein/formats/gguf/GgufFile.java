package dev.rein.formats.gguf;

import dev.rein.formats.FormatException;
import dev.rein.formats.WeightMemory;
import dev.rein.tensor.DType;
import dev.rein.tensor.Shapes;
import dev.rein.tensor.Storage;
import dev.rein.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One GGUF file (llama.cpp's format), memory-mapped: {@link #open} maps the whole file and validates its header
 * completely (see {@link GgufHeader}); {@link #tensor} then gives each tensor as a Rein tensor, outermost dim first:
 * F32, F16 and BF16 tensors as read-only views of the mapping (no copy), quantised ones (Q8_0, Q4_0, Q4_K, Q6_K)
 * decoded to a new F32 tensor ({@link Dequantization}). A type Rein does not decode (IQ2_XS, Q5_K, ...) is refused
 * by name when that tensor is asked for. The mapping belongs to a shared arena, valid until {@link #close}.
 */
public final class GgufFile implements AutoCloseable {
    /** The file name extension of GGUF files. */
    public static final String EXTENSION = ".gguf";

    private final Path file;
    private final Arena arena;
    private final MemorySegment data;
    private final GgufHeader header;
    private final Map<String, GgufTensorInfo> tensors = new LinkedHashMap<>();

    private GgufFile(Path file, Arena arena, MemorySegment data, GgufHeader header) {
        this.file = file;
        this.arena = arena;
        this.header = header;
        this.data = data;
        for (GgufTensorInfo info : header.tensors()) {
            tensors.put(info.name(), info);
        }
    }

    /**
     * Maps and validates {@code file}, its tensors read in place (for inspecting a file; a model's weights are opened
     * with {@link #open(Path, WeightMemory)}).
     *
     * @throws FormatException when the file is not a GGUF file of version 2 or 3 or any count, string, type, dim or
     *                         offset in it is inconsistent with the file
     * @throws IOException     when the file cannot be opened or mapped
     */
    public static GgufFile open(Path file) throws IOException {
        return open(file, WeightMemory.MAPPED);
    }

    /**
     * Maps and validates {@code file}, with its tensor data in {@code memory} (a copy in anonymous memory, or the
     * mapping itself): a quantised model streams these bytes for every token, as a safetensors checkpoint's.
     *
     * @throws FormatException as {@link #open(Path)}
     * @throws IOException     when the file cannot be opened or mapped
     */
    public static GgufFile open(Path file, WeightMemory memory) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Arena arena = Arena.ofShared();
            try {
                MemorySegment contents = channel.size() == 0 ? MemorySegment.NULL.reinterpret(0)
                        : channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
                GgufHeader header = GgufHeader.read(file, contents);
                MemorySegment data = contents.asSlice(Math.min(header.dataStart(), contents.byteSize()));
                return new GgufFile(file, arena, data.byteSize() == 0 ? data : memory.residentFor(data, arena),
                        header);
            } catch (Throwable failure) {
                arena.close();
                throw failure;
            }
        }
    }

    /**
     * Whether {@code path} is a regular file that starts with GGUF's magic bytes (whatever its name), so that it is
     * read with {@link #open}.
     *
     * @throws IOException when the file exists but cannot be read
     */
    public static boolean isGgufFile(Path path) throws IOException {
        if (!Files.isRegularFile(path)) return false;
        byte[] start;
        try (InputStream in = Files.newInputStream(path)) {
            start = in.readNBytes(4);
        }
        return start.length == 4 && MemorySegment.ofArray(start).get(
                ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0) == GgufHeader.MAGIC;
    }

    public Path file() {
        return file;
    }

    /** The format version, 2 or 3. */
    public int version() {
        return header.version();
    }

    public GgufMetadata metadata() {
        return header.metadata();
    }

    /** The alignment of tensor data ({@code general.alignment}, 32 when unset). */
    public int alignment() {
        return header.alignment();
    }

    /** Tensor names in the order of the file's tensor infos. */
    public List<String> names() {
        return List.copyOf(tensors.keySet());
    }

    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    /** The tensor info of {@code name}; a {@link FormatException} when there is no such tensor. */
    public GgufTensorInfo info(String name) {
        GgufTensorInfo info = tensors.get(name);
        if (info == null) throw new FormatException(file, name, "no such tensor in this GGUF file");
        return info;
    }

    /** The stored bytes of tensor {@code name}, a read-only view of the mapping. */
    public MemorySegment bytes(String name) {
        GgufTensorInfo info = info(name);
        requireOpen();
        return data.asSlice(info.offset(), info.byteSize());
    }

    /**
     * Tensor {@code name}, outermost dim first, as a view of the mapping: F32, F16 and BF16 as those dtypes, Q8_0,
     * Q4_0, Q4_K and Q6_K as the tensor library's block-quantised dtypes of the same names (kept quantised; matrix
     * products read the blocks, {@code Tensor.to(DType.F32)} decodes them as {@link Dequantization} does).
     *
     * @throws FormatException when there is no such tensor or Rein does not read its type
     */
    public Tensor tensor(String name) {
        GgufTensorInfo info = info(name);
        int[] shape = info.shape();
        DType dtype = switch (info.type()) {
            case F32 -> DType.F32;
            case F16 -> DType.F16;
            case BF16 -> DType.BF16;
            default -> Dequantization.blockType(info.type());
        };
        if (dtype == null) {
            throw new FormatException(file, name, "tensor type " + info.type() + " is not supported; Rein reads "
                    + GgufTensorType.readable());
        }
        return new Tensor(Storage.wrap(bytes(name)), dtype, shape, Shapes.contiguousStrides(shape), 0);
    }

    private void requireOpen() {
        if (!arena.scope().isAlive()) throw new IllegalStateException(file + " is closed");
    }

    /** Unmaps the file; views returned by {@link #tensor} must not be used afterwards. Closing twice is a no-op. */
    @Override
    public void close() {
        if (arena.scope().isAlive()) arena.close();
    }

    @Override
    public String toString() {
        return "GgufFile(" + file + ", version " + header.version() + ", " + tensors.size() + " tensors)";
    }
}
