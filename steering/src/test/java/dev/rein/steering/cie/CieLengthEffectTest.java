package dev.rein.steering.cie;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.data.stories.Politeness;
import dev.rein.data.stories.Sentiment;
import dev.rein.data.stories.Story;
import dev.rein.data.stories.StoryGenerator;
import dev.rein.data.stories.WordCount;
import dev.rein.models.DefaultModel;
import dev.rein.models.LanguageModel;
import dev.rein.models.generation.GeneratedSequence;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.training.freezing.TrainableSelection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CIE's effect on held-out data: the embedded default model is fine-tuned on (first sentence of a tale → the rest of
 * the tale) with the rest's word count as the control, lengths of the band {@value #BAND_LOW}..{@value #BAND_HIGH}
 * words held out of training; then greedy generation for openings of unseen tales at a sweep of targets, the held-out
 * band included. The baseline is the same fine-tuning on the same rows without the placeholder (no control).
 */
class CieLengthEffectTest {
    private static final int BAND_LOW = 55;
    private static final int BAND_HIGH = 70;
    private static final int[] TARGETS = {20, 35, 50, 60, 65, 80, 95, 110};
    private static final ControlSignal LENGTH = ControlSignal.length();

    @TempDir
    Path out;

    @Test
    void theControlSetsTheLengthOfHeldOutTales() throws Exception {
        List<CieRow> train = rows(0, 240).stream()
                .filter(r -> r.length() < BAND_LOW || r.length() > BAND_HIGH).toList();
        List<String> openings = rows(10_000, 8).stream().map(CieRow::instruction).toList();
        long start = System.nanoTime();
        double[] cie = sweep(train, openings, true);
        double cieSeconds = (System.nanoTime() - start) / 1e9;
        double[] plain = sweep(train, openings, false);
        double cieError = meanAbsoluteError(cie, openings.size());
        double plainError = meanAbsoluteError(plain, openings.size());
        double rho = spearman(targets(openings.size()), cie);
        System.out.printf(Locale.ROOT, "rows %d, CIE MAE %.1f, no-control MAE %.1f, Spearman %.3f, CIE %.0f s%n",
                train.size(), cieError, plainError, rho, cieSeconds);
        assertTrue(rho > 0.8, "Spearman " + rho);
        assertTrue(cieError < plainError, cieError + " vs " + plainError);
    }

    /** Tales {@code from}.. as rows: the first sentence, the rest, the rest's word count; 3 to 12 sentences. */
    private static List<CieRow> rows(long from, int count) {
        List<CieRow> rows = new ArrayList<>();
        for (long seed = from; seed < from + count; seed++) {
            int sentences = StoryGenerator.MIN_SENTENCES + (int) (seed % (StoryGenerator.MAX_SENTENCES - 2));
            Story story = StoryGenerator.story(seed, Sentiment.values()[(int) (seed / 2 % 2)],
                    Politeness.values()[(int) (seed / 4 % 2)], sentences);
            int cut = story.text().indexOf(". ") + 1;
            String rest = story.text().substring(cut + 1);
            rows.add(new CieRow(story.text().substring(0, cut), rest, WordCount.of(rest)));
        }
        return rows;
    }

    /** Generated word counts, opening by opening, target by target, after fine-tuning with or without control. */
    private double[] sweep(List<CieRow> train, List<String> openings, boolean controlled) throws Exception {
        try (LanguageModel model = LanguageModel.load(DefaultModel.unpacked(), TrainableSelection.all())) {
            ControlInjection injection = new ControlInjection(List.of(ControlTable.initialized(LENGTH,
                    model.config().hiddenSize(), 7)));
            PlaceholderTokens placeholders = PlaceholderTokens.add(model.tokenizer(), List.of(LENGTH));
            CieExamples examples = new CieExamples(CieTemplate.of(model.tokenizer(),
                    model.config().specialTokens().eos().getFirst()), placeholders, LENGTH);
            Function<CieRow, ControlledExample> example = controlled ? r -> examples.controlled(r, "row")
                    : r -> examples.uncontrolled(r.instruction(), r.answer());
            CieTrainingSettings settings = CieTrainingSettings.defaults(300).withBatchSize(8).withLearningRate(2e-3);
            CieTrainer.Result result = CieTrainer.train(model, injection, train.stream().map(example).toList(),
                    settings, out.resolve(controlled ? "cie" : "plain"));
            List<ControlledTokens> prompts = new ArrayList<>();
            for (String opening : openings) {
                for (int target : TARGETS) {
                    prompts.add(controlled ? examples.prompt(opening, target, "sweep")
                            : examples.uncontrolledPrompt(opening));
                }
            }
            SamplingSettings greedy = SamplingSettings.builder().greedy().maxNewTokens(220)
                    .stopTokenIds(model.config().specialTokens().eos()).build();
            List<GeneratedSequence> generated = new ControlledGeneration(result.model(), injection)
                    .generate(prompts, greedy);
            return generated.stream().mapToDouble(g -> WordCount.of(model.tokenizer().decode(g.newIds()))).toArray();
        }
    }

    private static double[] targets(int openings) {
        double[] targets = new double[openings * TARGETS.length];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = TARGETS[i % TARGETS.length];
        }
        return targets;
    }

    private static double meanAbsoluteError(double[] words, int openings) {
        double[] targets = targets(openings);
        double sum = 0;
        for (int i = 0; i < words.length; i++) {
            sum += Math.abs(words[i] - targets[i]);
        }
        return sum / words.length;
    }

    /** Spearman's rank correlation: Pearson's correlation of the ranks, ties given their mean rank. */
    private static double spearman(double[] x, double[] y) {
        double[] rx = ranks(x);
        double[] ry = ranks(y);
        double mx = Arrays.stream(rx).average().orElseThrow();
        double my = Arrays.stream(ry).average().orElseThrow();
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < rx.length; i++) {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    private static double[] ranks(double[] values) {
        Integer[] order = new Integer[values.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double[] ranks = new double[values.length];
        for (int i = 0; i < order.length; ) {
            int j = i;
            while (j + 1 < order.length && values[order[j + 1]] == values[order[i]]) j++;
            for (int k = i; k <= j; k++) ranks[order[k]] = (i + j) / 2.0 + 1;
            i = j + 1;
        }
        return ranks;
    }
}
