package dev.rein.eval.model;

import dev.rein.eval.MetricReport;
import dev.rein.eval.RowScore;
import dev.rein.eval.RowError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Multiple-choice questions answered by a model's log-probabilities, the DPH benchmarks' log-prob baseline
 * (METHODS.md 3.5): each choice is scored by the log-probabilities of its tokens given the context, and the
 * prediction is the best-scoring choice (the first on ties). {@link Scoring#MEAN} (DPH's) averages over the answer
 * tokens, so long answers are not penalised for their length; {@link Scoring#SUM} adds them up.
 *
 * <p>Tokenization boundary: the context is encoded alone and followed by the choice (concatenated as given, so a
 * choice usually starts with a space: {@code " blue"}), both with the tokenizer's special tokens. The answer tokens
 * are those of context + choice after the longest prefix it shares with the context's own tokens; the context
 * prefix is masked out. When the tokenizer merges the context's last characters with the choice's first, the merged
 * token counts as an answer token.
 */
public final class MultipleChoice {
    private final ScoringModel model;

    public MultipleChoice(ScoringModel model) {
        this.model = model;
    }

    /** How a choice's answer-token log-probabilities become its score. */
    public enum Scoring {
        /** Their mean (DPH's log-prob prediction). */
        MEAN,
        /** Their sum, the choice's total log-probability. */
        SUM
    }

    /**
     * A question: its context, the candidate answers and the index of the right one.
     *
     * @throws IllegalArgumentException when there are no choices or the label is not an index into them
     */
    public record Question(String context, List<String> choices, int label) {
        public Question {
            choices = List.copyOf(choices);
            if (choices.isEmpty()) throw new IllegalArgumentException("a question needs at least one choice");
            if (label < 0 || label >= choices.size()) {
                throw new IllegalArgumentException("label " + label + " is not the index of one of the "
                        + choices.size() + " choices");
            }
        }
    }

    /**
     * The model's view of one question's choices: the summed log-probability of each choice's answer tokens and
     * how many there are.
     */
    public record Answer(double[] logProbSums, int[] answerTokens) {
        public Answer {
            logProbSums = logProbSums.clone();
            answerTokens = answerTokens.clone();
        }

        @Override
        public double[] logProbSums() {
            return logProbSums.clone();
        }

        @Override
        public int[] answerTokens() {
            return answerTokens.clone();
        }

        /** Choice {@code choice}'s score. */
        public double score(int choice, Scoring scoring) {
            return scoring == Scoring.SUM ? logProbSums[choice] : logProbSums[choice] / answerTokens[choice];
        }

        /** The index of the best-scoring choice, the first of equal ones. */
        public int prediction(Scoring scoring) {
            int best = 0;
            for (int choice = 1; choice < logProbSums.length; choice++) {
                if (score(choice, scoring) > score(best, scoring)) best = choice;
            }
            return best;
        }
    }

    /** The answers to the questions, in order, predicted under one scoring. */
    public record Result(List<Question> questions, List<Answer> answers, Scoring scoring) {
        public Result {
            questions = List.copyOf(questions);
            answers = List.copyOf(answers);
        }

        /** Each question's predicted choice. */
        public int[] predictions() {
            return answers.stream().mapToInt(answer -> answer.prediction(scoring)).toArray();
        }

        /** The share of questions whose prediction is their label. */
        public double accuracy() {
            int[] predictions = predictions();
            int right = 0;
            for (int i = 0; i < predictions.length; i++) {
                if (predictions[i] == questions.get(i).label()) right++;
            }
            return (double) right / predictions.length;
        }

        /**
         * The report, with the scoring and {@code model} (a name or folder) as settings; per row the question's
         * {@code label}, {@code prediction}, whether it is {@code correct}, and each choice's {@code scores}.
         */
        public MetricReport report(String model) {
            return MetricReport.builder("choice", questions.size()).setting("model", model)
                    .setting("scoring", scoring.name().toLowerCase(Locale.ROOT))
                    .value("accuracy", accuracy(), "share of questions whose best-scoring choice is the label")
                    .value("mean_choices", questions.stream().mapToInt(q -> q.choices().size()).average()
                            .orElseThrow(), "mean number of choices per question")
                    .perRow(rowScores())
                    .build();
        }

        private List<RowScore> rowScores() {
            int[] predictions = predictions();
            List<RowScore> scores = new ArrayList<>(predictions.length);
            for (int q = 0; q < predictions.length; q++) {
                Answer answer = answers.get(q);
                double[] choiceScores = new double[answer.logProbSums.length];
                for (int choice = 0; choice < choiceScores.length; choice++) {
                    choiceScores[choice] = answer.score(choice, scoring);
                }
                int label = questions.get(q).label();
                scores.add(new RowScore().count("label", label).count("prediction", predictions[q])
                        .flag("correct", predictions[q] == label).numbers("scores", choiceScores));
            }
            return scores;
        }
    }

    /**
     * Scores every choice of every question ({@link ScoringModel#batchSize()} choices per forward pass).
     *
     * @throws RowError naming the first question whose context has no tokens to predict from, or a choice with no
     *                  tokens of its own, or context + choice longer than the model's context
     */
    public Result answer(List<Question> questions, Scoring scoring) {
        if (questions.isEmpty()) throw new IllegalArgumentException("no questions to answer");
        List<int[]> sequences = new ArrayList<>();
        List<Integer> answerStarts = new ArrayList<>();
        for (int q = 0; q < questions.size(); q++) {
            Question question = questions.get(q);
            int[] context = model.encode(q, question.context());
            for (String choice : question.choices()) {
                int[] full = model.encode(q, question.context() + choice);
                int start = Arrays.mismatch(context, full);
                start = start < 0 ? context.length : start;
                if (start == 0) throw new RowError(q, "the context has no tokens to predict the choices from");
                if (start == full.length) throw new RowError(q, "choice \"" + choice + "\" adds no tokens to the context");
                sequences.add(full);
                answerStarts.add(start);
            }
        }
        List<float[]> logProbs = model.nextTokenLogProbs(sequences);
        List<Answer> answers = new ArrayList<>();
        int sequence = 0;
        for (Question question : questions) {
            int k = question.choices().size();
            double[] sums = new double[k];
            int[] counts = new int[k];
            for (int choice = 0; choice < k; choice++, sequence++) {
                float[] next = logProbs.get(sequence);                   // next[j]: log p(token j + 1 | tokens 0..j)
                for (int j = answerStarts.get(sequence) - 1; j < next.length; j++) sums[choice] += next[j];
                counts[choice] = next.length + 1 - answerStarts.get(sequence);
            }
            answers.add(new Answer(sums, counts));
        }
        return new Result(questions, answers, scoring);
    }
}
