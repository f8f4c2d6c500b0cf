package dev.rein.formats.safetensors;

import dev.rein.tensor.Tensor;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Writes the weights of a model folder the way Hugging Face's {@code save_pretrained} does: one {@code
 * model.safetensors} when everything fits in one shard, otherwise {@code model-00001-of-0000N.safetensors} files
 * plus {@code model.safetensors.index.json}. Tensors are assigned to shards in name order, starting a new shard
 * when the next tensor's bytes would push the current one past {@code maxShardBytes} (headers not counted; a
 * tensor larger than the limit gets a shard of its own).
 *
 * <p>Each file is replaced atomically, and the index is written after its shards, but the set as a whole is not
 * atomic: if writing fails part way, shards already replaced stay replaced. After a successful write, checkpoint
 * files of an earlier save that the new one does not use ({@code model.safetensors}, the index, {@code
 * model-NNNNN-of-NNNNN.safetensors}) are deleted, so that {@link Checkpoint#open} sees only the new weights.
 */
public final class CheckpointWriter {
    private static final Pattern SHARD_NAME = Pattern.compile("model-\\d{5}-of-\\d{5}\\.safetensors");

    private CheckpointWriter() {
    }

    /**
     * Writes {@code tensors} into {@code folder} (created if needed); every shard carries {@code metadata} as its
     * {@code __metadata__}. Returns the files written, the index last when there is one.
     *
     * @throws IllegalArgumentException when {@code maxShardBytes} is not positive, or for the reasons of {@link
     *                                  SafetensorsWriter#write}
     */
    public static List<Path> write(Path folder, Map<String, Tensor> tensors, Map<String, String> metadata,
            long maxShardBytes) throws IOException {
        return writeStreamed(folder, SafetensorsWriter.streamed(tensors), metadata, maxShardBytes);
    }

    /**
     * Writes tensors whose bytes are produced as the files are written, one tensor after the other (see {@link
     * StreamedTensor}); otherwise as {@link #write}.
     *
     * @throws IllegalArgumentException for the reasons of {@link #write} and {@link
     *                                  SafetensorsWriter#writeStreamed}
     */
    public static List<Path> writeStreamed(Path folder, Map<String, ? extends StreamedTensor> tensors,
            Map<String, String> metadata, long maxShardBytes) throws IOException {
        if (maxShardBytes <= 0) {
            throw new IllegalArgumentException("maxShardBytes must be positive, got " + maxShardBytes);
        }
        List<Map<String, StreamedTensor>> shards = split(tensors, maxShardBytes);
        Files.createDirectories(folder);
        List<Path> written = new ArrayList<>();
        if (shards.size() == 1) {
            Path file = folder.resolve(Checkpoint.SINGLE_FILE);
            SafetensorsWriter.writeStreamed(file, shards.getFirst(), metadata);
            written.add(file);
        } else {
            Map<String, String> weightMap = new TreeMap<>();
            long totalSize = 0;
            for (int i = 0; i < shards.size(); i++) {
                Path file = folder.resolve(String.format("model-%05d-of-%05d.safetensors", i + 1, shards.size()));
                SafetensorsWriter.writeStreamed(file, shards.get(i), metadata);
                written.add(file);
                for (Map.Entry<String, StreamedTensor> entry : shards.get(i).entrySet()) {
                    weightMap.put(entry.getKey(), file.getFileName().toString());
                    totalSize += entry.getValue().byteSize();
                }
            }
            Path index = folder.resolve(Checkpoint.INDEX_FILE);
            ShardIndex.write(index, weightMap, totalSize);
            written.add(index);
        }
        deleteStale(folder, written);
        return List.copyOf(written);
    }

    private static List<Map<String, StreamedTensor>> split(Map<String, ? extends StreamedTensor> tensors,
            long maxShardBytes) {
        for (Map.Entry<String, ? extends StreamedTensor> entry : tensors.entrySet()) {
            if (entry.getKey() == null || entry.getValue() == null) {
                throw new IllegalArgumentException("tensor names and tensors must not be null");
            }
        }
        List<Map<String, StreamedTensor>> shards = new ArrayList<>();
        Map<String, StreamedTensor> current = new LinkedHashMap<>();
        long currentBytes = 0;
        for (String name : tensors.keySet().stream().sorted(SafetensorsWriter.NAME_ORDER).toList()) {
            StreamedTensor tensor = tensors.get(name);
            long bytes = tensor.byteSize();
            if (!current.isEmpty() && currentBytes + bytes > maxShardBytes) {
                shards.add(current);
                current = new LinkedHashMap<>();
                currentBytes = 0;
            }
            current.put(name, tensor);
            currentBytes += bytes;
        }
        shards.add(current);
        return shards;
    }

    private static void deleteStale(Path folder, List<Path> written) throws IOException {
        Set<Path> keep = new HashSet<>();
        for (Path file : written) {
            keep.add(file.getFileName());
        }
        List<Path> stale = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                boolean checkpointFile = name.equals(Checkpoint.SINGLE_FILE) || name.equals(Checkpoint.INDEX_FILE)
                        || SHARD_NAME.matcher(name).matches();
                if (checkpointFile && !keep.contains(file.getFileName())) {
                    stale.add(file);
                }
            }
        }
        for (Path file : stale) {
            Files.deleteIfExists(file);
        }
    }
}
