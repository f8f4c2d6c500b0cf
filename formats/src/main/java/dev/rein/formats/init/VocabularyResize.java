package dev.rein.formats.init;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.formats.FormatException;
import dev.rein.formats.config.ModelConfig;
import dev.rein.formats.io.AtomicFiles;
import dev.rein.formats.layout.ParameterLayout;
import dev.rein.formats.layout.ParameterRole;
import dev.rein.formats.layout.ParameterSpec;
import dev.rein.formats.layout.WeightNames;
import dev.rein.formats.safetensors.Checkpoint;
import dev.rein.formats.safetensors.CheckpointWriter;
import dev.rein.tensor.DType;
import dev.rein.tensor.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model folder's weights and config.json with a larger vocabulary, as transformers'
 * {@code model.resize_token_embeddings(n, mean_resizing=True)} followed by {@code save_pretrained} writes them:
 * the token embedding [V, d] becomes [n, d], and so does the LM head when it is a tensor of its own
 * ({@code tie_word_embeddings: false}; a tied head stays the embedding, and no {@code lm_head.weight} is written for
 * it). Rows 0..V-1 are copied unchanged, so existing tokens keep their vectors; each new row is the mean of the V
 * old rows of its matrix, computed in F32 and stored in the matrix's dtype. config.json gets {@code vocab_size: n}
 * (where its family keeps it: Gemma 3's multimodal config in {@code text_config}); every other field and every
 * other tensor is kept.
 *
 * <p>Where Rein differs on purpose: transformers draws each new row from a normal around the mean with
 * 10<sup>-9</sup> times the old rows' covariance (its fallback, when that covariance is not positive definite, is
 * the plain mean); Rein writes the plain mean, so that the same folder always gives the same file. The difference
 * is about 3·10<sup>-5</sup> of a row's spread.
 */
public final class VocabularyResize {
    private static final String VOCAB_SIZE = "vocab_size";
    private static final String TEXT_CONFIG = "text_config";
    private static final ObjectMapper JSON = new ObjectMapper();

    private VocabularyResize() {
    }

    /**
     * Writes {@code source}'s weights and config.json with {@code vocabSize} token rows into {@code target}
     * (created if needed; another folder than {@code source}). Other files of the folder are the caller's to copy.
     *
     * @throws IllegalArgumentException when {@code vocabSize} is smaller than the model's vocabulary
     * @throws FormatException when the folder's config or weights are malformed
     */
    public static void write(Path source, Path target, int vocabSize) throws IOException {
        ModelConfig config = ModelConfig.readFolder(source);
        if (vocabSize < config.vocabSize()) {
            throw new IllegalArgumentException(source + ": cannot shrink the vocabulary from " + config.vocabSize()
                    + " to " + vocabSize + " rows");
        }
        try (Checkpoint checkpoint = Checkpoint.open(source)) {
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (String name : checkpoint.names()) {
                tensors.put(name, checkpoint.tensor(name));
            }
            for (ParameterSpec spec : ParameterLayout.of(config)) {
                if (spec.role() == ParameterRole.TOKEN_EMBEDDING || spec.role() == ParameterRole.LM_HEAD) {
                    String stored = storedName(config, checkpoint, spec);
                    tensors.put(stored, grown(checkpoint.tensor(stored), vocabSize));
                }
            }
            CheckpointWriter.write(target, tensors, Map.of("format", "pt"), RandomCheckpoint.MAX_SHARD_BYTES);
        }
        AtomicFiles.write(target.resolve(ModelConfig.FILE_NAME), configJson(config, vocabSize));
    }

    /**
     * {@code config}'s config.json with {@code vocab_size} set to {@code vocabSize}, as bytes to write: the field is
     * set where the config has it (the top level, else Gemma 3's {@code text_config}), else at the top level.
     */
    public static byte[] configJson(ModelConfig config, int vocabSize) throws IOException {
        ObjectNode json = config.raw().deepCopy();
        JsonNode text = json.path(TEXT_CONFIG);
        ObjectNode holder = !json.has(VOCAB_SIZE) && text.isObject() && text.has(VOCAB_SIZE) ? (ObjectNode) text : json;
        holder.put(VOCAB_SIZE, vocabSize);
        return (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The name the checkpoint stores {@code spec}'s tensor under (the loader's candidates, in order). */
    private static String storedName(ModelConfig config, Checkpoint checkpoint, ParameterSpec spec) {
        for (String name : WeightNames.candidates(config, spec.name())) {
            if (checkpoint.contains(name)) {
                return name;
            }
        }
        throw new FormatException(checkpoint.path(), spec.name(), "missing: the config describes a "
                + config.modelType() + " model, which has this tensor");
    }

    /** [V, d] -> [rows, d]: the old rows, then the old rows' mean (F32, stored in the tensor's dtype). */
    private static Tensor grown(Tensor matrix, int rows) {
        int[] shape = matrix.shape();
        int old = shape[0];
        int width = shape[1];
        if (rows == old) {
            return matrix;
        }
        Tensor mean = matrix.to(DType.F32).mean(0).reshape(1, width);
        Tensor out = Tensor.zeros(matrix.dtype(), rows, width);
        out.narrow(0, 0, old).copyFrom(matrix);
        out.narrow(0, old, rows - old).copyFrom(mean);
        return out;
    }
}
