package dev.rein.steering.dph;

import dev.rein.data.batch.TrainingBatch;
import dev.rein.data.lm.LmExample;
import dev.rein.eval.MetricReport;
import dev.rein.eval.RowScore;
import dev.rein.eval.model.MultipleChoice;
import dev.rein.eval.model.ScoringModel;
import java.util.ArrayList;
import java.util.List;

/**
 * DPH's benchmark evaluation (METHODS.md 3.5): every choice of a question becomes one conversation (the question as
 * the prompt, the choice as the reply), and the prediction is made twice, side by side: by the DPH reward at the
 * pool token, and by the mean log-probability of the reply's tokens (the test mask: the reply without its end-of-turn
 * token), each the argmax over the choices, the first of equal ones.
 *
 * @param questions the questions, with their choices and answers
 * @param rewards   per question, each choice's reward
 * @param logProbs  per question, the model's view of each choice ({@link MultipleChoice.Answer})
 */
public record ChoiceComparison(List<MultipleChoice.Question> questions, List<double[]> rewards,
                               List<MultipleChoice.Answer> logProbs) {

    /** Scores every choice of {@code questions} with head {@code head} and with the model's log-probabilities. */
    public static ChoiceComparison of(DphModel model, ScoringModel scoring, List<MultipleChoice.Question> questions,
                                      String head, int batchSize) {
        int column = model.heads().column(head);
        List<LmExample> rows = new ArrayList<>();
        for (MultipleChoice.Question q : questions) {
            for (String choice : q.choices()) rows.add(model.format().example(q.context(), choice));
        }
        double[][] rewards = model.rewards(rows, batchSize);
        List<float[]> next = scoring.withBatchSize(batchSize).nextTokenLogProbs(rows.stream().map(LmExample::ids).toList());
        List<double[]> byQuestion = new ArrayList<>();
        List<MultipleChoice.Answer> answers = new ArrayList<>();
        int row = 0;
        for (MultipleChoice.Question q : questions) {
            int k = q.choices().size();
            double[] r = new double[k];
            double[] sums = new double[k];
            int[] counts = new int[k];
            for (int c = 0; c < k; c++, row++) {
                r[c] = rewards[row][column];
                LmExample example = rows.get(row);
                int last = lastLabelled(example);                  // the end-of-turn token, left out (test mask)
                for (int t = 1; t < last; t++) {
                    if (example.label(t) != TrainingBatch.IGNORED) {
                        sums[c] += next.get(row)[t - 1];
                        counts[c]++;
                    }
                }
                counts[c] = Math.max(1, counts[c]);
            }
            byQuestion.add(r);
            answers.add(new MultipleChoice.Answer(sums, counts));
        }
        return new ChoiceComparison(questions, byQuestion, answers);
    }

    /** The share of questions the reward answers right. */
    public double rewardAccuracy() {
        int right = 0;
        for (int q = 0; q < questions.size(); q++) right += argmax(rewards.get(q)) == questions.get(q).label() ? 1 : 0;
        return (double) right / questions.size();
    }

    /** The share of questions the mean log-probability answers right. */
    public double logProbAccuracy() {
        int right = 0;
        for (int q = 0; q < questions.size(); q++) {
            right += logProbs.get(q).prediction(MultipleChoice.Scoring.MEAN) == questions.get(q).label() ? 1 : 0;
        }
        return (double) right / questions.size();
    }

    /** Both accuracies, and per question the label, both predictions and the rewards. */
    public MetricReport report(String model, String heads, String head) {
        List<RowScore> rows = new ArrayList<>();
        for (int q = 0; q < questions.size(); q++) {
            rows.add(new RowScore().count("label", questions.get(q).label())
                    .count("reward_prediction", argmax(rewards.get(q)))
                    .count("logprob_prediction", logProbs.get(q).prediction(MultipleChoice.Scoring.MEAN))
                    .numbers("rewards", rewards.get(q)));
        }
        return MetricReport.builder("dph_choice", questions.size()).setting("model", model).setting("heads", heads)
                .setting("head", head)
                .value("reward_accuracy", rewardAccuracy(), "share of questions whose highest-reward choice is right")
                .value("logprob_accuracy", logProbAccuracy(),
                        "share of questions whose choice of highest mean token log-probability is right")
                .perRow(rows).build();
    }

    private static int lastLabelled(LmExample example) {
        for (int t = example.length() - 1; t >= 0; t--) {
            if (example.label(t) != TrainingBatch.IGNORED) return t;
        }
        return 0;
    }

    private static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
        return best;
    }
}
