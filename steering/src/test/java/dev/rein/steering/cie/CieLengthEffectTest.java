package dev.rein.steering.cie;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.eval.SpearmanCorrelation;
import dev.rein.eval.length.LengthComparison;
import dev.rein.eval.length.LengthEvaluation;
import dev.rein.eval.length.LengthRow;
import dev.rein.eval.length.LengthTarget;
import dev.rein.eval.length.MethodScores;
import dev.rein.eval.length.UnseenTargets;
import dev.rein.models.DefaultModel;
import dev.rein.models.LanguageModel;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.training.freezing.TrainableSelection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CIE's effect on held-out data. The embedded default model is fine-tuned on rows made from 36 tales of
 * {@value #SENTENCES} sentences ({@link TaleRows}): the first sentence, then each continuation of 1 to 6 further
 * sentences, its word count (5..59) the control; the same opening thus comes with several lengths, so only the control
 * tells them apart. Lengths {@value #BAND_LOW}..{@value #BAND_HIGH} are held out of training. Then greedy generation
 * for the openings of 8 unseen tales at a sweep of targets, some in the held-out band. Baselines: the same fine-tuning
 * on the same rows without the placeholder ({@code none}), with "Answer using N words." ({@link InPromptLength}), and
 * with a learned token per 20-word bucket ({@link LengthBuckets}). CIE must cut the error of {@code none} and of the
 * in-prompt baseline by 30% over all targets and over the held-out ones, the buckets' by 30% over all targets and beat
 * them on the held-out ones (their bucket 21-40 was trained, on the band's neighbours).
 *
 * <p>Settings chosen for a tiny model and 2 cores, departures from the paper stated: the signal spans [1, 70]
 * words (the paper's [1, 200] would squeeze these lengths into a quarter of the table's range); the table starts at
 * the scale of the model's embeddings ({@link ControlTable#initializedLike}, RMS 0.087 instead of 0.02) and learns
 * {@value #TABLE_FACTOR} times faster than the backbone; 300 steps of batch 8 at learning rate 2e-3.
 *
 * <p>Measured since the CPU kernels sum vector lanes in one fixed order (the tensor module's VectorMath.sum), which
 * made training repeatable to the bit, so every run on this machine prints the same: mean absolute error CIE 5.1
 * words, buckets 13.2, in-prompt 14.6, none 18.9; on the held-out values (targets 25, 28, 30) CIE 5.5, buckets 9.3,
 * in-prompt 13.5, none 14.2; Spearman's rho of target against each generated length 0.902 for CIE (buckets 0.49,
 * in-prompt 0.20), and 1.0 against CIE's mean length per target (8.8 words at target 10, 52 at 60). Before that
 * fix CIE's figures varied between processes (MAE 3.8-4.6, held-out 4.8-6.2) while the baselines' did not; a
 * single update drifting by an ulp changes CIE's greedy lengths more than theirs. About 100 s for all four methods
 * on 2 idle cores, 6-7 min while other jobs loaded them. With the paper's N(0, 0.02) table, [1, 200] range and one
 * learning rate, on whole tales, the control was ignored (rho 0.03).
 */
class CieLengthEffectTest {
    private static final int SENTENCES = 7;
    private static final int BAND_LOW = 25;
    private static final int BAND_HIGH = 32;
    private static final int[] TARGETS = {10, 20, 25, 28, 30, 35, 40, 50, 60};
    private static final double TABLE_FACTOR = 30;
    /** The least share of the baseline's error that CIE removes. */
    private static final double MARGIN = 0.3;
    private static final ControlSignal LENGTH = new ControlSignal("length", ControlSignal.DEFAULT_PLACEHOLDER, 1, 70);

    @TempDir
    Path out;
    private final List<LanguageModel> loaded = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (LanguageModel model : loaded) {
            model.close();
        }
    }

    @Test
    void theControlSetsTheLengthOfHeldOutTales() throws Exception {
        List<CieRow> train = TaleRows.continuations(0, 36, SENTENCES).stream()
                .filter(r -> r.length() < BAND_LOW || r.length() > BAND_HIGH).toList();
        List<LengthRow> sweep = new ArrayList<>();
        for (String opening : TaleRows.openings(10_000, 8, SENTENCES)) {
            for (int target : TARGETS) {
                sweep.add(new LengthRow(0, opening, new LengthTarget.Exact(target)));
            }
        }
        List<ControlledLengthResponder> methods = new ArrayList<>();
        for (LengthMethod method : LengthMethod.values()) {
            methods.add(trained(method, train));
        }
        LengthComparison comparison = LengthEvaluation.against("none")
                .unseen(UnseenTargets.band(BAND_LOW, BAND_HIGH)).run(sweep, methods);
        System.out.println(comparison.table());
        for (MethodScores scores : comparison.methods()) {
            System.out.printf(Locale.ROOT, "%s: MAE %.1f, held-out %.1f, rho %.3f, mean words by target %s%n",
                    scores.name(), mae(scores, MethodScores.ALL), mae(scores, MethodScores.UNSEEN),
                    scores.spearman(), Arrays.toString(meanWords(scores)));
        }
        MethodScores cie = comparison.method("cie");
        for (String group : List.of(MethodScores.ALL, MethodScores.UNSEEN)) {
            for (String baseline : List.of("none", "prompt")) {
                double limit = (1 - MARGIN) * mae(comparison.method(baseline), group);
                assertTrue(mae(cie, group) <= limit, group + ": CIE's error " + mae(cie, group) + " vs " + baseline
                        + "'s " + mae(comparison.method(baseline), group));
            }
        }
        MethodScores buckets = comparison.method("buckets");
        assertTrue(mae(cie, MethodScores.ALL) <= (1 - MARGIN) * mae(buckets, MethodScores.ALL),
                "CIE's error " + mae(cie, MethodScores.ALL) + " vs the buckets' " + mae(buckets, MethodScores.ALL));
        assertTrue(mae(cie, MethodScores.UNSEEN) < mae(buckets, MethodScores.UNSEEN), "held out: CIE's error "
                + mae(cie, MethodScores.UNSEEN) + " vs the buckets' " + mae(buckets, MethodScores.UNSEEN));
        double rho = SpearmanCorrelation.of(Arrays.stream(TARGETS).asDoubleStream().toArray(), meanWords(cie));
        assertTrue(rho > 0.8, "Spearman of target against mean length " + rho);
    }

    private static double mae(MethodScores scores, String group) {
        return scores.groups().get(group).value("mean_absolute_error");
    }

    /** The mean generated word count at each target of {@link #TARGETS} (the sweep runs target by target). */
    private static double[] meanWords(MethodScores scores) {
        double[] means = new double[TARGETS.length];
        int openings = scores.words().size() / TARGETS.length;
        for (int i = 0; i < scores.words().size(); i++) {
            means[i % TARGETS.length] += scores.words().get(i) / (double) openings;
        }
        return means;
    }

    /** Fine-tunes a fresh copy of the default model as {@code method} asks and returns it as a responder. */
    private ControlledLengthResponder trained(LengthMethod method, List<CieRow> train) throws Exception {
        LanguageModel model = LanguageModel.load(DefaultModel.unpacked(), TrainableSelection.all());
        loaded.add(model);
        List<ControlSignal> signals = method.signals(LENGTH, LengthBuckets.DEFAULT_WIDTH);
        ControlInjection injection = new ControlInjection(ControlTableInit.EMBEDDINGS.tables(signals,
                model.transformer().embedding().tokens(), method == LengthMethod.BUCKETS ? 8 : 7));
        LengthControl control = LengthControl.of(method, signals, CieTemplate.of(model),
                PlaceholderTokens.add(model.tokenizer(), signals));
        CieTrainingSettings settings = CieTrainingSettings.defaults(300).withBatchSize(8).withLearningRate(2e-3)
                .withTableFactor(TABLE_FACTOR);
        CieTrainer.Result result = CieTrainer.train(model, control, injection,
                train.stream().map(r -> control.example(r, "row")).toList(), settings, out.resolve(method.id()));
        SamplingSettings greedy = SamplingSettings.builder().greedy().maxNewTokens(80)
                .stopTokenIds(model.config().specialTokens().eos()).build();
        return new ControlledLengthResponder(method.id(), new ControlledGeneration(result.model(), injection)
                ::generate, model.tokenizer(), r -> control.prompt(r.instruction(), r.value(), "sweep"), greedy,
                Integer.MAX_VALUE);
    }
}
