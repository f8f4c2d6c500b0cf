package dev.rein.formats.safetensors;

import dev.rein.formats.FormatException;
import dev.rein.formats.WeightMemory;
import dev.rein.formats.WeightSource;
import dev.rein.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The weights of a Hugging Face model folder as one name-to-tensor view: either a single {@code
 * model.safetensors} or the shards listed by {@code model.safetensors.index.json} (which wins when both exist,
 * as in Hugging Face's loader). Every file is mapped and validated by {@link #open}; the index must agree with
 * the shards exactly: each listed shard exists, each listed tensor is in its shard, and every tensor of a shard
 * is listed for that shard, so no tensor is stored twice. Tensors are views as described in {@link
 * SafetensorsFile}, valid until {@link #close}.
 */
public final class Checkpoint implements WeightSource, AutoCloseable {
    public static final String SINGLE_FILE = "model.safetensors";
    public static final String INDEX_FILE = "model.safetensors.index.json";
    private static final String PYTORCH_FILE = "pytorch_model.bin";
    private static final String PYTORCH_INDEX_FILE = "pytorch_model.bin.index.json";

    private final Path path;
    private final List<SafetensorsFile> shards;
    private final Map<String, SafetensorsFile> owners;

    private Checkpoint(Path path, List<SafetensorsFile> shards, Map<String, SafetensorsFile> owners) {
        this.path = path;
        this.shards = List.copyOf(shards);
        this.owners = owners;
    }

    /**
     * Opens a model folder, or directly a {@code .safetensors} file or an index {@code .json} file, with the weights
     * in the {@linkplain WeightMemory#configured() configured} memory.
     *
     * @throws FormatException when the folder holds no checkpoint, a file is malformed, or index and shards disagree
     * @throws IOException     when a file cannot be read
     */
    public static Checkpoint open(Path path) throws IOException {
        return open(path, WeightMemory.configured());
    }

    /** {@link #open(Path)} with the weights in {@code memory}. */
    public static Checkpoint open(Path path, WeightMemory memory) throws IOException {
        if (Files.isDirectory(path)) {
            if (Files.exists(path.resolve(INDEX_FILE))) {
                return openSharded(path.resolve(INDEX_FILE), memory);
            }
            if (Files.exists(path.resolve(SINGLE_FILE))) {
                return openSingle(path.resolve(SINGLE_FILE), memory);
            }
            String pickled = Files.exists(path.resolve(PYTORCH_FILE)) || Files.exists(path.resolve(PYTORCH_INDEX_FILE))
                    ? " (PyTorch's pickled " + PYTORCH_FILE + " is not read: convert it to safetensors, for example with "
                    + "transformers' save_pretrained(..., safe_serialization=True))"
                    : "";
            throw new FormatException(path, null, "the folder holds neither " + SINGLE_FILE + " nor " + INDEX_FILE
                    + pickled);
        }
        return path.getFileName().toString().endsWith(".json") ? openSharded(path, memory) : openSingle(path, memory);
    }

    private static Checkpoint openSingle(Path file, WeightMemory memory) throws IOException {
        SafetensorsFile single = SafetensorsFile.open(file, memory);
        Map<String, SafetensorsFile> owners = new TreeMap<>();
        for (String name : single.names()) {
            owners.put(name, single);
        }
        return new Checkpoint(file, List.of(single), owners);
    }

    private static Checkpoint openSharded(Path indexFile, WeightMemory memory) throws IOException {
        Map<String, String> weightMap = ShardIndex.read(indexFile).weightMap();
        Map<String, SafetensorsFile> shardsByName = new TreeMap<>();
        try {
            Map<String, SafetensorsFile> owners = new TreeMap<>();
            for (Map.Entry<String, String> entry : weightMap.entrySet()) {
                SafetensorsFile shard = shardsByName.get(entry.getValue());
                if (shard == null) {
                    Path shardFile = indexFile.resolveSibling(entry.getValue());
                    if (!Files.isRegularFile(shardFile)) {
                        throw new FormatException(indexFile, entry.getKey(), "the index puts this tensor in "
                                + entry.getValue() + ", which does not exist");
                    }
                    shard = SafetensorsFile.open(shardFile, memory);
                    shardsByName.put(entry.getValue(), shard);
                }
                if (!shard.contains(entry.getKey())) {
                    throw new FormatException(shard.file(), entry.getKey(), "the index " + indexFile.getFileName()
                            + " puts this tensor in this shard, but the shard does not hold it");
                }
                owners.put(entry.getKey(), shard);
            }
            for (Map.Entry<String, SafetensorsFile> shard : shardsByName.entrySet()) {
                for (String name : shard.getValue().names()) {
                    String listed = weightMap.get(name);
                    if (listed == null) {
                        throw new FormatException(shard.getValue().file(), name, "the shard holds this tensor, but "
                                + "the index " + indexFile.getFileName() + " does not list it");
                    }
                    if (!listed.equals(shard.getKey())) {
                        throw new FormatException(shard.getValue().file(), name, "this tensor is stored twice, here "
                                + "and in " + listed + ", the shard the index names for it");
                    }
                }
            }
            return new Checkpoint(indexFile, new ArrayList<>(shardsByName.values()), owners);
        } catch (Throwable failure) {
            shardsByName.values().forEach(SafetensorsFile::close);
            throw failure;
        }
    }

    /** The file opened: {@code model.safetensors} or the index. */
    @Override
    public Path path() {
        return path;
    }

    @Override
    public List<String> names() {
        return List.copyOf(owners.keySet());
    }

    @Override
    public boolean contains(String name) {
        return owners.containsKey(name);
    }

    /** The header entry of {@code name} in its shard; a {@link FormatException} when no shard holds it. */
    public TensorInfo info(String name) {
        return owner(name).info(name);
    }

    /** A read-only view of tensor {@code name}; a {@link FormatException} when no shard holds it. */
    @Override
    public Tensor tensor(String name) {
        return owner(name).tensor(name);
    }

    /** The files behind this checkpoint (one, or the shards in file name order), e.g. for their metadata. */
    public List<SafetensorsFile> files() {
        return shards;
    }

    /** Unmaps every file. */
    @Override
    public void close() {
        shards.forEach(SafetensorsFile::close);
    }

    private SafetensorsFile owner(String name) {
        SafetensorsFile owner = owners.get(name);
        if (owner == null) {
            throw new FormatException(path, name, "no such tensor in this checkpoint");
        }
        return owner;
    }
}
