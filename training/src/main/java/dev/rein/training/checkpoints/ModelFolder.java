package dev.rein.training.checkpoints;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rein.autograd.Variable;
import dev.rein.formats.config.GenerationConfig;
import dev.rein.formats.config.ModelConfig;
import dev.rein.formats.init.RandomCheckpoint;
import dev.rein.formats.io.AtomicFiles;
import dev.rein.formats.safetensors.CheckpointWriter;
import dev.rein.models.transformer.Transformer;
import dev.rein.tensor.Tensor;
import dev.rein.text.tokenizer.SpecialTokenFiles;
import dev.rein.text.tokenizer.Tokenizer;
import dev.rein.text.tokenizer.TokenizerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a model being trained as a Hugging Face model folder that {@code LanguageModel.load} (and
 * {@code from_pretrained}) reads: config.json, every weight under its Hugging Face name in model.safetensors
 * (trained weights in F32, frozen ones in their stored dtype; sharded past 5 GB as Hugging Face shards), and the
 * tokenizer and generation files of the model it started from, when that folder has them.
 */
public final class ModelFolder {
    /** The files copied from the source model folder when present. */
    private static final List<String> TOKENIZER_FILES = List.of(Tokenizer.FILE_NAME, TokenizerConfig.FILE_NAME,
            TokenizerConfig.CHAT_TEMPLATE_FILE_NAME, SpecialTokenFiles.SPECIAL_TOKENS_MAP, "tokenizer.model",
            "vocab.json", "merges.txt", GenerationConfig.FILE_NAME);
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFolder() {
    }

    /**
     * Writes the model as a new folder {@code target} in one atomic step (see {@link AtomicFolder}), replacing a
     * folder already there.
     *
     * @param filesFrom the folder whose tokenizer and generation files are copied; null for none
     */
    public static void publish(Path target, Transformer model, Path filesFrom) throws IOException {
        AtomicFolder.write(target, folder -> write(folder, model, filesFrom));
    }

    /**
     * Writes the model into {@code folder} (created if needed), every file atomically.
     *
     * @param filesFrom the folder whose tokenizer and generation files are copied; null for none
     */
    public static void write(Path folder, Transformer model, Path filesFrom) throws IOException {
        Files.createDirectories(folder);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, Variable> entry : model.weights().parameters().entrySet()) {
            tensors.put(entry.getKey(), entry.getValue().value());
        }
        CheckpointWriter.write(folder, tensors, Map.of("format", "pt"), RandomCheckpoint.MAX_SHARD_BYTES);
        AtomicFiles.write(folder.resolve(ModelConfig.FILE_NAME),
                (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(model.config().raw()) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
        if (filesFrom != null) {
            copyTokenizerFiles(filesFrom, folder);
        }
    }

    /**
     * Copies the tokenizer and generation files of model folder {@code from} that exist into {@code to}, each
     * atomically: tokenizer.json, tokenizer_config.json, chat_template.jinja, special_tokens_map.json,
     * tokenizer.model, vocab.json, merges.txt and generation_config.json. A {@code from} that is a file is taken as
     * a tokenizer.json, copied under that name with the tokenizer_config.json beside it, if any.
     */
    public static void copyTokenizerFiles(Path from, Path to) throws IOException {
        if (Files.isRegularFile(from)) {
            AtomicFiles.write(to.resolve(Tokenizer.FILE_NAME), Files.readAllBytes(from));
            Path config = from.toAbsolutePath().resolveSibling(TokenizerConfig.FILE_NAME);
            if (Files.isRegularFile(config)) {
                AtomicFiles.write(to.resolve(TokenizerConfig.FILE_NAME), Files.readAllBytes(config));
            }
            return;
        }
        for (String name : TOKENIZER_FILES) {
            Path source = from.resolve(name);
            if (Files.isRegularFile(source)) {
                AtomicFiles.write(to.resolve(name), Files.readAllBytes(source));
            }
        }
    }
}
