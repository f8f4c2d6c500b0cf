package dev.rein.formats.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {
    private static final HubRepo REPO = HubRepo.of("org/name");

    @Test
    void aShardedModelTakesTheIndexAndNeverThePickles() {
        List<String> repoFiles = List.of(".gitattributes", "README.md", "config.json", "generation_config.json",
                "tokenizer.json", "tokenizer.model", "tokenizer_config.json", "special_tokens_map.json",
                "chat_template.jinja", "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors",
                "model.safetensors.index.json", "pytorch_model.bin", "pytorch_model.bin.index.json",
                "consolidated.safetensors", "original/params.json");

        assertEquals(List.of("config.json", "generation_config.json", "tokenizer.json", "tokenizer_config.json",
                "special_tokens_map.json", "chat_template.jinja", "model.safetensors.index.json"),
                ModelFiles.select(REPO, repoFiles));
    }

    @Test
    void theShardsAreThoseTheIndexNames(@TempDir Path folder) throws IOException {
        Path index = Files.writeString(folder.resolve("model.safetensors.index.json"), """
                {"metadata": {"total_size": 8}, "weight_map": {"a": "model-00002-of-00002.safetensors",
                 "b": "model-00001-of-00002.safetensors", "c": "model-00001-of-00002.safetensors"}}""");
        List<String> shards = List.of("model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors");

        assertEquals(shards, ModelFiles.shards(REPO, index, shards));

        HubException missing = assertThrows(HubException.class, () -> ModelFiles.shards(REPO, index,
                List.of("model-00001-of-00002.safetensors")));
        assertEquals("org/name@main: model.safetensors.index.json: the index names the shard"
                + " model-00002-of-00002.safetensors, which the repository does not hold", missing.getMessage());
    }

    @Test
    void repositoriesWithoutWhatReinLoadsAreRefused() {
        HubException noConfig = assertThrows(HubException.class, () -> ModelFiles.select(REPO,
                List.of("model.safetensors")));
        assertTrue(noConfig.getMessage().startsWith("org/name@main: the repository holds no config.json"),
                noConfig.getMessage());

        HubException adapter = assertThrows(HubException.class, () -> ModelFiles.select(REPO,
                List.of("config.json", "adapter_model.safetensors")));
        assertTrue(adapter.getMessage().contains("holds adapter_model.safetensors but neither model.safetensors"),
                adapter.getMessage());

        HubException gguf = assertThrows(HubException.class, () -> ModelFiles.select(REPO,
                List.of("config.json", "model-Q4_K_M.gguf")));
        assertTrue(gguf.getMessage().contains("no safetensors weights") && gguf.getMessage().contains("gguf"),
                gguf.getMessage());
    }
}
