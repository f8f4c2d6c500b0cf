package dev.rein.formats.safetensors;

import dev.rein.formats.FormatException;
import dev.rein.formats.WeightMemory;
import dev.rein.tensor.Shapes;
import dev.rein.tensor.Storage;
import dev.rein.tensor.Tensor;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One safetensors file, memory-mapped: {@link #open} maps the whole file (any size; offsets are longs) and checks
 * its header completely (see {@link Header}); the tensor data is then either copied once into anonymous memory or
 * used in place, as {@link WeightMemory} says (copied by default). {@link #tensor} returns views over that memory
 * without copying; used in place, pages are read from disk only when elements are accessed.
 *
 * <p>The views are read-only (writing an element throws {@link IllegalArgumentException}) and valid until
 * {@link #close}, which unmaps the file and frees the copy; accessing a view afterwards throws {@link IllegalStateException}. The
 * mapping belongs to a shared arena, so views may be read from any thread, as the parallel kernels do.
 *
 * <p>Alignment: the format only promises that a tensor starts at some byte offset of the data area, so a view
 * may start at an address that is not a multiple of its element size. No copy is made in that case: every
 * reader of tensor memory in Rein uses unaligned access (the {@code *_UNALIGNED} layouts and the Vector API's
 * segment loads), so a misaligned view gives the same values and can only be slower. Files written by {@link
 * SafetensorsWriter} (and by Hugging Face's writer) align every tensor to its element size.
 */
public final class SafetensorsFile implements AutoCloseable {
    private final Path file;
    private final Arena arena;
    private final MemorySegment data;
    private final Map<String, String> metadata;
    private final Map<String, TensorInfo> tensors = new LinkedHashMap<>();

    private SafetensorsFile(Path file, Arena arena, MemorySegment data, Header header) {
        this.file = file;
        this.arena = arena;
        this.data = data;
        this.metadata = header.metadata();
        for (TensorInfo info : header.tensors()) {
            tensors.put(info.name(), info);
        }
    }

    /** {@link #open(Path, WeightMemory)} with the {@linkplain WeightMemory#configured() configured} memory. */
    public static SafetensorsFile open(Path file) throws IOException {
        return open(file, WeightMemory.configured());
    }

    /**
     * Maps and validates {@code file}; the tensor data is then copied or used in place as {@code memory} says.
     *
     * @throws FormatException when the file is not a valid safetensors file or holds a dtype Rein does not read
     * @throws IOException     when the file cannot be opened or mapped
     */
    public static SafetensorsFile open(Path file, WeightMemory memory) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Arena arena = Arena.ofShared();
            try {
                MemorySegment contents = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
                Header header = Header.read(file, contents);
                MemorySegment data = memory.residentFor(contents.asSlice(header.dataStart()), arena);
                return new SafetensorsFile(file, arena, data, header);
            } catch (Throwable failure) {
                arena.close();
                throw failure;
            }
        }
    }

    public Path file() {
        return file;
    }

    /** Tensor names in the order of their data in the file. */
    public List<String> names() {
        return List.copyOf(tensors.keySet());
    }

    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    /** The header entry of {@code name}; a {@link FormatException} when the file has no such tensor. */
    public TensorInfo info(String name) {
        TensorInfo info = tensors.get(name);
        if (info == null) {
            throw new FormatException(file, name, "no such tensor in this file");
        }
        return info;
    }

    /**
     * A contiguous, read-only view of tensor {@code name} over the mapped file, with the dtype and shape of its
     * header entry; a {@link FormatException} when the file has no such tensor.
     */
    public Tensor tensor(String name) {
        TensorInfo info = info(name);
        if (!arena.scope().isAlive()) {
            throw new IllegalStateException(file + " is closed");
        }
        int[] shape = info.shape();
        MemorySegment elements = data.asSlice(info.begin(), info.byteSize());
        return new Tensor(Storage.wrap(elements), info.dtype(), shape, Shapes.contiguousStrides(shape), 0);
    }

    /**
     * Views of every tensor, in the order of {@link #names}. {@code SafetensorsWriter.write(out, tensors(),
     * metadata())} copies the file.
     */
    public Map<String, Tensor> tensors() {
        Map<String, Tensor> views = new LinkedHashMap<>();
        for (String name : tensors.keySet()) {
            views.put(name, tensor(name));
        }
        return Collections.unmodifiableMap(views);
    }

    /** The string pairs of the header's {@code __metadata__}, in file order; empty when there is none. */
    public Map<String, String> metadata() {
        return metadata;
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
        return "SafetensorsFile(" + file + ", " + tensors.size() + " tensors)";
    }
}
