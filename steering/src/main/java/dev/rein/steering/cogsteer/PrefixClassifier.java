package dev.rein.steering.cogsteer;

import dev.rein.autograd.Variable;
import dev.rein.models.hooks.HookPoints;
import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.models.transformer.Transformer;
import dev.rein.training.adapters.GatedPrefixAdapter;
import dev.rein.training.adapters.GatedPrefixConfig;
import dev.rein.training.heads.HeadConfig;
import dev.rein.training.heads.PooledHead;
import dev.rein.training.heads.Pooling;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CogSteer's single-layer prefix tuning for classification (METHODS.md 4.4, the paper's GLUE experiment): a prefix
 * of {@value #PREFIX_LENGTH} positions in one layer L of a frozen model, plus a sequence-classification head as
 * Hugging Face's {@code ...ForSequenceClassification} has it for decoder models (a linear map without bias of the
 * final normed state at each row's last real token to k class logits). The prefix is the training module's
 * {@link GatedPrefixAdapter} (LLaMA-Adapter's: its own softmax, a tanh gate from 0), not the {@code adapters}
 * library's {@code PrefixTuningConfig} (keys and values joined to the layer's, one softmax): either way only layer
 * L's attention sees the prefix. Without a layer ({@link #headOnly}) it is the head alone on the frozen model, the
 * baseline that says what the prefix adds. A regressor ({@link #regressor}, {@link #headOnlyRegressor}) is the same
 * with a head of one output, the sequence-regression head Hugging Face uses for STS-B ({@code num_labels=1}).
 */
public final class PrefixClassifier {
    /** The paper's prefix length. */
    public static final int PREFIX_LENGTH = 30;

    private final Transformer model;
    private final GatedPrefixAdapter prefix;     // null for the head alone
    private final PooledHead head;

    private PrefixClassifier(Transformer model, GatedPrefixAdapter prefix, PooledHead head) {
        this.model = model;
        this.prefix = prefix;
        this.head = head;
    }

    /**
     * A fresh classifier of {@code classes} classes with its prefix in {@code layer} of {@code model}, drawn from
     * {@code seed}.
     *
     * @throws IllegalArgumentException when the layer is outside the model or there are fewer than 2 classes
     */
    public static PrefixClassifier create(Transformer model, int layer, int classes, long seed) {
        return new PrefixClassifier(model, newPrefix(model, layer, seed), newClassHead(model, classes, seed));
    }

    /** The head alone on the frozen model, drawn from {@code seed} as {@link #create} draws it. */
    public static PrefixClassifier headOnly(Transformer model, int classes, long seed) {
        return new PrefixClassifier(model, null, newClassHead(model, classes, seed));
    }

    /**
     * A fresh regressor (one output) with its prefix in {@code layer} of {@code model}, drawn from {@code seed}.
     *
     * @throws IllegalArgumentException when the layer is outside the model
     */
    public static PrefixClassifier regressor(Transformer model, int layer, long seed) {
        return new PrefixClassifier(model, newPrefix(model, layer, seed), newHead(model, 1, seed));
    }

    /** The one-output head alone on the frozen model, drawn from {@code seed} as {@link #regressor} draws it. */
    public static PrefixClassifier headOnlyRegressor(Transformer model, long seed) {
        return new PrefixClassifier(model, null, newHead(model, 1, seed));
    }

    private static GatedPrefixAdapter newPrefix(Transformer model, int layer, long seed) {
        LayerAdapter.checkLayer(model, layer);
        return GatedPrefixAdapter.create(model, GatedPrefixConfig.of(layer, PREFIX_LENGTH), seed);
    }

    private static PooledHead newClassHead(Transformer model, int classes, long seed) {
        if (classes < 2) throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + classes);
        return newHead(model, classes, seed);
    }

    private static PooledHead newHead(Transformer model, int outputs, long seed) {
        return PooledHead.create(HeadConfig.reward(HookPoints.FINAL_NORMALIZED, new Pooling.LastReal(),
                model.config().hiddenSize()).withOutputs(outputs), seed);
    }

    /** The prefix's layer, or -1 for the head alone. */
    public int layer() {
        return prefix == null ? -1 : prefix.config().layer();
    }

    /** k, the head's outputs: the number of classes, 1 for a regressor. */
    public int classes() {
        return head.config().outputs();
    }

    /** batch [B, T] -> class logits [B, k] (a regressor's predictions [B, 1]); gradients reach the prefix and the head, never the model. */
    public Variable logits(TokenBatch batch) {
        return head.score(model, batch, prefix == null ? new Hooks() : prefix.hooks());
    }

    /** What an optimizer updates, by name: {@code prefix.prompt}, {@code prefix.gate}, {@code head.head.weight}. */
    public Map<String, Variable> parameters() {
        Map<String, Variable> parameters = new LinkedHashMap<>();
        if (prefix != null) prefix.parameters().forEach((name, p) -> parameters.put("prefix." + name, p));
        head.parameters().forEach((name, p) -> parameters.put("head." + name, p));
        return parameters;
    }
}
