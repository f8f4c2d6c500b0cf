package dev.rein.steering.ctrl;

import dev.rein.data.lm.EpochOrder;
import dev.rein.eval.MetricReport;
import dev.rein.eval.alignment.Misalignment;
import dev.rein.eval.text.SentenceSplitter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The seed's evaluation of control tokens (METHODS.md 2.4): the same prompts (validation sentences) are continued
 * under each {@link Condition}, its tokens put where the {@link Placement} says (before the prompt, where training
 * put them, or after it, as the seed's evaluation did), with the same sampling and seeds; every
 * continuation is cut into sentences ({@link SentenceSplitter}) and each sentence judged for toxicity and sentiment
 * ({@link Misalignment}). {@link Condition#NONE} always runs first: it is every comparison's baseline.
 *
 * <p>Which sentences count is the {@link ScoredText}: the continuation's (the report's description), the prompt's
 * too (the seed's code), or the whole sentence a prompt opens and its continuation finishes.
 */
public final class CtrlEvaluation {
    private final Continuations continuations;
    private final Misalignment misalignment;
    private final ScoredText scoredText;
    private final Placement placement;

    /**
     * @param continuations   continues the prompts, e.g. a {@link ModelContinuations}
     * @param misalignment    judges the sentences (its toxicity scorer and threshold, and sentiment scorer)
     * @param scoredText      which sentences of prompt and continuation are judged
     * @param placement       where each condition's tokens go
     */
    public CtrlEvaluation(Continuations continuations, Misalignment misalignment, ScoredText scoredText,
                          Placement placement) {
        this.continuations = continuations;
        this.misalignment = misalignment;
        this.scoredText = scoredText;
        this.placement = placement;
    }

    /**
     * Up to {@code n} rows of {@code rows} drawn at random by {@code seed} (all of them when there are no more), in
     * file order: the seed's 400 prompts of its validation set.
     */
    public static List<LabelledSentence> samplePrompts(List<LabelledSentence> rows, int n, long seed) {
        if (n >= rows.size()) return List.copyOf(rows);
        int[] chosen = Arrays.copyOf(EpochOrder.shuffled(rows.size(), seed, 0), n);
        Arrays.sort(chosen);
        return Arrays.stream(chosen).mapToObj(rows::get).toList();
    }

    /**
     * Continues and judges {@code prompts} under {@link Condition#NONE} and each of {@code conditions}, in that order.
     *
     * @throws IllegalArgumentException when there are no prompts, a prompt is blank, or a condition's continuations
     *                                  have no sentence at all
     */
    public CtrlReport run(List<LabelledSentence> prompts, List<Condition> conditions) {
        if (prompts.isEmpty()) throw new IllegalArgumentException("the evaluation needs at least one prompt");
        for (int i = 0; i < prompts.size(); i++) {
            if (prompts.get(i).text().isBlank()) {
                throw new IllegalArgumentException("prompt " + i + " is blank; a prompt needs a sentence to continue");
            }
        }
        Set<Condition> run = new LinkedHashSet<>();
        run.add(Condition.NONE);
        run.addAll(conditions);
        List<CtrlReport.ConditionResult> results = new ArrayList<>();
        for (Condition condition : run) {
            List<String> texts = prompts.stream()
                    .map(prompt -> placement.prompt(prompt.text(), condition.tokens())).toList();
            List<String> continued = continuations.of(texts);
            if (continued.size() != prompts.size()) {
                throw new IllegalStateException(continued.size() + " continuations of " + prompts.size() + " prompts");
            }
            List<List<String>> sentences = new ArrayList<>(prompts.size());
            for (int i = 0; i < prompts.size(); i++) {
                sentences.add(scoredText.sentences(prompts.get(i).text(), continued.get(i)));
            }
            List<List<Misalignment.JudgedSentence>> judged = misalignment.judge(sentences);
            MetricReport report = misalignment.summary(judged);
            results.add(new CtrlReport.ConditionResult(condition, continued, judged, report));
        }
        return new CtrlReport(prompts, results, scoredText, placement);
    }
}
