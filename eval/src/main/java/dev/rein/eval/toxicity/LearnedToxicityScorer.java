package dev.rein.eval.toxicity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.autograd.NoGrad;
import dev.rein.autograd.Variable;
import dev.rein.eval.TextScorer;
import dev.rein.formats.FormatException;
import dev.rein.formats.config.ModelConfig;
import dev.rein.formats.io.AtomicFiles;
import dev.rein.formats.json.JsonFields;
import dev.rein.formats.json.JsonFiles;
import dev.rein.models.LanguageModel;
import dev.rein.models.ModelReference;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.tensor.Tensor;
import dev.rein.text.tokenizer.Tokenizer;
import dev.rein.training.checkpoints.AtomicFolder;
import dev.rein.training.checkpoints.ModelFolder;
import dev.rein.training.freezing.TrainableParameters;
import dev.rein.training.heads.PooledHead;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A toxicity scorer learned on a language model: {@code sigmoid(head(mean of the final normed states))}, a
 * {@link PooledHead} with one output read at {@code ln_final.hook_normalized} with masked-mean pooling over the
 * text's tokens ({@link TextBatches} says how texts become tokens). {@link ToxicityTrainer} trains one.
 *
 * <p>Its folder holds {@code toxicity_scorer.json} ({@code {"scorer": "toxicity_head", "base_model": PATH,
 * "max_tokens": N}}), the head's {@code pooled_head.json} and {@code pooled_head.safetensors}, and, when training
 * changed the model's own weights, the model itself in {@code model/} (then {@code base_model} is {@code "model"}; a
 * relative {@code base_model} is resolved against the folder, an absolute one is the frozen model it was trained on,
 * and {@code default} or a Hub id names the model as {@link ModelReference} reads it).
 */
public final class LearnedToxicityScorer implements TextScorer, AutoCloseable {
    /** The scorer's settings file in its folder. */
    public static final String SETTINGS_FILE = "toxicity_scorer.json";
    private static final String KIND = "toxicity_head";
    private static final String MODEL_FOLDER = "model";
    private static final int BATCH_SIZE = 32;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LanguageModel model;
    private final ModelReference baseModel;
    private final PooledHead head;
    private final TextBatches texts;

    /**
     * @param model     the model the head reads, with its tokenizer; the scorer owns it from now on
     * @param baseModel the model {@code model} was loaded from
     * @throws IllegalArgumentException when the model has no tokenizer or the head does not fit it
     */
    LearnedToxicityScorer(LanguageModel model, ModelReference baseModel, PooledHead head, int maxTokens) {
        if (!model.hasTokenizer()) {
            throw new IllegalArgumentException(baseModel
                    + " has no " + Tokenizer.FILE_NAME + "; a scorer of text needs the model's tokenizer");
        }
        Tokenizer tokenizer = model.tokenizer();
        ModelConfig config = model.config();
        if (head.config().hiddenSize() != config.hiddenSize() || head.config().outputs() != 1) {
            throw new IllegalArgumentException("a toxicity head has 1 output on the model's hidden size "
                    + config.hiddenSize() + ", this one " + head.config().outputs() + " on "
                    + head.config().hiddenSize());
        }
        this.model = model;
        this.baseModel = baseModel;
        this.head = head;
        this.texts = TextBatches.forModel(tokenizer, config, maxTokens);
    }

    /**
     * Loads a scorer saved by {@link #save}.
     *
     * @throws FormatException when the folder, its settings, its head or its model are missing or malformed
     */
    public static LearnedToxicityScorer load(Path folder) throws IOException {
        Path settingsFile = folder.resolve(SETTINGS_FILE);
        if (!Files.isRegularFile(settingsFile)) {
            throw new FormatException(folder, null, "no " + SETTINGS_FILE + "; expected a folder written by "
                    + "rein train toxicity");
        }
        JsonFields settings = JsonFiles.readObject(settingsFile);
        if (!settings.string("scorer").equals(KIND)) {
            throw settings.error("scorer", "expected \"" + KIND + "\", found \"" + settings.string("scorer") + "\"");
        }
        ModelReference base = baseModel(settings, folder);
        int maxTokens = settings.positiveInteger("max_tokens");
        PooledHead head = PooledHead.load(folder);
        LanguageModel model = LanguageModel.load(base.resolve());
        try {
            return new LearnedToxicityScorer(model, base, head, maxTokens);
        } catch (IllegalArgumentException e) {
            model.close();
            throw new FormatException(settingsFile, "base_model", e.getMessage(), e);
        }
    }

    /** {@code base_model}: a path (relative to the scorer's folder) that must exist, {@code default} or a Hub id. */
    private static ModelReference baseModel(JsonFields settings, Path folder) {
        String name = settings.string("base_model");
        ModelReference base = ModelReference.parse(name);
        if (!(base instanceof ModelReference.Local)) return base;
        Path path = folder.resolve(name);
        if (!Files.exists(path)) {
            throw settings.error("base_model", path + " does not exist; expected the model the head was trained on");
        }
        return new ModelReference.Local(path);
    }

    /** How {@code base_model} names a frozen model: a local one by its absolute path, others as they are named. */
    private static String persistentName(ModelReference baseModel) {
        return baseModel instanceof ModelReference.Local(Path path)
                ? path.toAbsolutePath().normalize().toString() : baseModel.toString();
    }

    /**
     * Writes the scorer as a new folder {@code target} in one atomic step, replacing one already there: its
     * settings, its head, and the model when any of the model's weights is trained (otherwise the settings name
     * the model's folder by its absolute path).
     */
    public void save(Path target) throws IOException {
        boolean modelTrained = !TrainableParameters.of(model.transformer().weights()).isEmpty();
        AtomicFolder.write(target, folder -> {
            head.save(folder);
            if (modelTrained) {
                ModelFolder.write(folder.resolve(MODEL_FOLDER), model.transformer(), baseModel.resolve());
            }
            ObjectNode settings = JSON.createObjectNode().put("scorer", KIND)
                    .put("base_model", modelTrained ? MODEL_FOLDER : persistentName(baseModel))
                    .put("max_tokens", texts.maxTokens());
            AtomicFiles.write(folder.resolve(SETTINGS_FILE), (JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(settings) + "\n").getBytes(StandardCharsets.UTF_8));
        });
    }

    /** The probability, as the head learned it, that {@code text} is toxic. */
    @Override
    public double score(String text) {
        return scoreAll(List.of(text))[0];
    }

    /** The scores of {@code texts}, computed in batches of texts of similar length. */
    @Override
    public double[] scoreAll(List<String> texts) {
        double[] scores = new double[texts.size()];
        try (NoGrad _ = NoGrad.enter()) {
            this.texts.inBatches(texts, BATCH_SIZE, (rows, batch) -> {
                float[] probabilities = logits(batch).sigmoid().value().toFloatArray();
                for (int i = 0; i < rows.length; i++) scores[rows[i]] = probabilities[i];
            });
        }
        return scores;
    }

    /**
     * Each text's pooled state [H] (the head's input before its pooler), computed without gradients in the batches
     * {@link #scoreAll} uses.
     */
    float[][] pooledStates(List<String> texts) {
        float[][] pooled = new float[texts.size()][];
        try (NoGrad _ = NoGrad.enter()) {
            this.texts.inBatches(texts, BATCH_SIZE, (rows, batch) -> {
                Tensor states = head.pooled(model.transformer(), batch).value();
                for (int i = 0; i < rows.length; i++) pooled[rows[i]] = states.select(0, i).toFloatArray();
            });
        }
        return pooled;
    }

    /** The head's logits [B, 1] for {@code batch}; gradients reach the head and the model's trainable weights. */
    Variable logits(TokenBatch batch) {
        return head.score(model.transformer(), batch);
    }

    PooledHead head() {
        return head;
    }

    LanguageModel model() {
        return model;
    }

    TextBatches texts() {
        return texts;
    }

    /** Releases the model's mapped weights. */
    @Override
    public void close() {
        model.close();
    }
}
