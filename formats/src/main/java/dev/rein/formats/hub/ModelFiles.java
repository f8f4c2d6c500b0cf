package dev.rein.formats.hub;

import dev.rein.formats.config.GenerationConfig;
import dev.rein.formats.config.ModelConfig;
import dev.rein.formats.safetensors.Checkpoint;
import dev.rein.formats.safetensors.ShardIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which files of a repository a model needs: its config, its tokenizer and chat template files when present, and its
 * safetensors weights (the single file, or the index and the shards it names). Other weight formats
 * (pytorch_model.bin, TensorFlow, Flax, GGUF, ONNX) are never downloaded, nor files in sub-folders (README, images,
 * other quantizations).
 */
final class ModelFiles {
    /** The files taken when the repository holds them, besides config.json and the weights. */
    static final List<String> OPTIONAL = List.of(GenerationConfig.FILE_NAME, "tokenizer.json", "tokenizer_config.json",
            "special_tokens_map.json", "chat_template.json", "chat_template.jinja");

    private ModelFiles() {
    }

    /**
     * The files of {@code repoFiles} to download first: config.json, the {@link #OPTIONAL} files present, and
     * model.safetensors.index.json when present (its shards come from {@link #shards}) or else model.safetensors.
     *
     * @throws HubException when the repository holds no config.json or no safetensors weights Rein can read
     */
    static List<String> select(HubRepo repo, Collection<String> repoFiles) {
        Set<String> present = Set.copyOf(repoFiles);
        if (!present.contains(ModelConfig.FILE_NAME)) {
            throw new HubException(repo, null, "the repository holds no " + ModelConfig.FILE_NAME
                    + "; Rein loads transformers models (config.json with safetensors weights)");
        }
        List<String> files = new ArrayList<>(List.of(ModelConfig.FILE_NAME));
        OPTIONAL.stream().filter(present::contains).forEach(files::add);
        if (present.contains(Checkpoint.INDEX_FILE)) {
            files.add(Checkpoint.INDEX_FILE);
        } else if (present.contains(Checkpoint.SINGLE_FILE)) {
            files.add(Checkpoint.SINGLE_FILE);
        } else {
            throw new HubException(repo, null, noWeights(present));
        }
        return files;
    }

    /**
     * The shard files the downloaded {@code index} names, sorted.
     *
     * @throws HubException when the repository lacks a shard the index names
     */
    static List<String> shards(HubRepo repo, Path index, Collection<String> repoFiles) throws IOException {
        Set<String> shards = new TreeSet<>(ShardIndex.read(index).weightMap().values());
        for (String shard : shards) {
            if (!repoFiles.contains(shard)) {
                throw new HubException(repo, Checkpoint.INDEX_FILE, "the index names the shard " + shard
                        + ", which the repository does not hold");
            }
        }
        return List.copyOf(shards);
    }

    /** Why a repository without model.safetensors or its index cannot be loaded, naming what it holds instead. */
    private static String noWeights(Set<String> present) {
        List<String> safetensors = present.stream().filter(f -> f.endsWith(".safetensors")).sorted().toList();
        if (!safetensors.isEmpty()) {
            return "the repository holds " + String.join(", ", safetensors) + " but neither " + Checkpoint.SINGLE_FILE
                    + " nor " + Checkpoint.INDEX_FILE + " (an adapter or another layout Rein does not load)";
        }
        List<String> others = present.stream().filter(f -> f.endsWith(".bin") || f.endsWith(".pt")
                || f.endsWith(".pth") || f.endsWith(".h5") || f.endsWith(".msgpack") || f.endsWith(".gguf")).sorted()
                .toList();
        return "the repository holds no safetensors weights (expected " + Checkpoint.SINGLE_FILE + " or "
                + Checkpoint.INDEX_FILE + (others.isEmpty() ? "" : "; found " + String.join(", ", others))
                + "); Rein reads only safetensors, which transformers writes with save_pretrained";
    }
}
