package dev.rein.eval.toxicity;

import dev.rein.eval.MetricReport;
import dev.rein.eval.Samples;
import dev.rein.eval.PearsonCorrelation;
import dev.rein.eval.RocAuc;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * How well a scorer's scores follow reference toxicity scores on the same texts: Pearson's r with the reference,
 * and the ROC AUC of the scores for the reference's binary label (score > 0.5), over all texts and over prompts and
 * continuations apart (every prompt of CogSteer's file is toxic, so the split shows how much of the overall figure
 * only tells the two parts apart). A value that is undefined (no text of one label) is left out.
 */
public final class ToxicityAgreement {
    private ToxicityAgreement() {
    }

    /** The report of {@code scores}, one per example, against the examples' reference toxicity. */
    public static MetricReport report(String scorerName, List<ToxicityExample> examples, double[] scores) {
        if (examples.size() != scores.length) {
            throw new IllegalArgumentException(examples.size() + " examples but " + scores.length + " scores");
        }
        MetricReport.Builder report = MetricReport.builder("toxicity_agreement", examples.size())
                .setting("scorer", scorerName).setting("toxic_above", ToxicityMetrics.TOXIC_ABOVE);
        add(report, "", examples, scores);
        for (ToxicityExample.Part part : ToxicityExample.Part.values()) {
            int[] rows = IntStream.range(0, examples.size()).filter(i -> examples.get(i).part() == part).toArray();
            if (rows.length < 2) continue;
            add(report, "_" + part.name().toLowerCase(Locale.ROOT) + "s",
                    Arrays.stream(rows).mapToObj(examples::get).toList(),
                    Arrays.stream(rows).mapToDouble(i -> scores[i]).toArray());
        }
        return report.build();
    }

    private static void add(MetricReport.Builder report, String suffix, List<ToxicityExample> examples,
                            double[] scores) {
        double[] reference = examples.stream().mapToDouble(ToxicityExample::toxicity).toArray();
        boolean[] toxic = new boolean[examples.size()];
        for (int i = 0; i < toxic.length; i++) toxic[i] = examples.get(i).toxic();
        String which = suffix.isEmpty() ? "" : " (" + suffix.substring(1) + " only)";
        if (!suffix.isEmpty()) report.value("texts" + suffix, examples.size(), "texts" + which);
        putIfDefined(report, "pearson" + suffix, PearsonCorrelation.of(scores, reference),
                "Pearson r of score and reference" + which);
        putIfDefined(report, "roc_auc" + suffix, RocAuc.of(scores, toxic),
                "ROC AUC of the score for reference > " + ToxicityMetrics.TOXIC_ABOVE + which);
        report.value("mean_score" + suffix, Samples.mean(scores), "mean score" + which);
        report.value("mean_reference" + suffix, Samples.mean(reference), "mean reference toxicity" + which);
    }

    private static void putIfDefined(MetricReport.Builder report, String name, double value, String meaning) {
        if (Double.isFinite(value)) report.value(name, value, meaning);
    }
}
