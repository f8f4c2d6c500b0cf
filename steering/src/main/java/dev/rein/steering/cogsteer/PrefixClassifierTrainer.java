package dev.rein.steering.cogsteer;

import dev.rein.autograd.LossFunctions;
import dev.rein.data.lm.HeldOut;
import dev.rein.eval.toxicity.TextBatches;
import dev.rein.formats.config.ModelConfig;
import dev.rein.tensor.Tensor;
import dev.rein.text.tokenizer.Tokenizer;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Trains a {@link PrefixClassifier} and scores it on held-out rows (METHODS.md 4.4): the rows split by {@link
 * HeldOut} (the settings' share and seed), texts tokenised as a model-based scorer tokenises them ({@link
 * TextBatches}: BOS, cut to max tokens, right-padded), cross-entropy of the class logits minimised by the loop
 * shared with regression ({@link PrefixTrainingLoop}). Then the held-out rows are predicted (argmax)
 * and scored ({@link ClassificationScores}).
 */
public final class PrefixClassifierTrainer {
    /** A run: its held-out scores, each epoch's mean training loss, and the sizes of the two parts. */
    public record Result(ClassificationScores scores, double[] epochLosses, int trainRows, int heldOutRows) {
    }

    private PrefixClassifierTrainer() {
    }

    /**
     * Trains {@code classifier} on part of {@code rows} and scores it on the rest.
     *
     * @throws IllegalArgumentException when a label is not below the classifier's classes, or a part is empty
     */
    public static Result run(PrefixClassifier classifier, ModelConfig config, Tokenizer tokenizer,
                             List<LabelledText> rows, PrefixClassifierSettings settings, Consumer<String> log) {
        for (LabelledText row : rows) {
            if (row.label() >= classifier.classes()) {
                throw new IllegalArgumentException("label " + row.label() + " is not below the classifier's "
                        + classifier.classes() + " classes");
            }
        }
        HeldOut<LabelledText> split = HeldOut.split(rows, settings.heldOutShare(), settings.seed());
        TextBatches texts = TextBatches.forModel(tokenizer, config, settings.maxTokens());
        List<LabelledText> train = split.train();
        double[] losses = PrefixTrainingLoop.train(classifier, texts, train.stream().map(LabelledText::text).toList(),
                (logits, batchRows) -> {
                    long[] targets = Arrays.stream(batchRows).mapToLong(i -> train.get(i).label()).toArray();
                    return LossFunctions.crossEntropy(logits, Tensor.ofLongs(targets, targets.length));
                }, settings, log);
        int[] labels = split.heldOut().stream().mapToInt(LabelledText::label).toArray();
        return new Result(ClassificationScores.of(predict(classifier, texts, split.heldOut(), settings.batchSize()),
                labels), losses, split.train().size(), split.heldOut().size());
    }

    /** The class of highest logit for each row, in batches of {@code batchSize}. */
    public static int[] predict(PrefixClassifier classifier, TextBatches texts, List<LabelledText> rows,
                                int batchSize) {
        int k = classifier.classes();
        float[] logits = PrefixTrainingLoop.outputs(classifier, texts, rows.stream().map(LabelledText::text).toList(),
                batchSize);                                                                       // [N, k]
        int[] predictions = new int[rows.size()];
        for (int i = 0; i < predictions.length; i++) {
            int best = 0;
            for (int c = 1; c < k; c++) if (logits[i * k + c] > logits[i * k + best]) best = c;
            predictions[i] = best;
        }
        return predictions;
    }
}
