package dev.rein.cli;

import dev.rein.eval.PredictionRows;
import dev.rein.eval.RowError;
import dev.rein.eval.model.MultipleChoice;
import dev.rein.eval.model.MultipleChoice.Question;
import dev.rein.eval.model.MultipleChoice.Scoring;
import dev.rein.models.LanguageModel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rein eval choice}: multiple-choice accuracy from log-probabilities (see {@link MultipleChoice}). */
@Command(name = "choice", description = {"Multiple-choice accuracy, DPH's log-prob baseline: each choice is scored by "
        + "the mean log-probability of its tokens after the context (--scoring sum: their total), and the "
        + "best-scoring choice is the prediction.",
        "Rows hold context (text), choices (array of texts, each appended to the context as is, so usually starting "
                + "with a space) and label (the 0-based index of the right choice)."})
final class EvalChoiceCommand implements Callable<Integer> {
    @Mixin
    private EvalInput input;

    @Mixin
    private EvalModel model;

    @Option(names = "--scoring", defaultValue = "mean", paramLabel = "mean|sum",
            description = "How the answer tokens' log-probabilities score a choice (default: mean).")
    private Scoring scoring;

    @Override
    public Integer call() throws IOException {
        PredictionRows rows = input.rows();
        List<Question> questions = questions(rows);
        try (LanguageModel loaded = model.load()) {
            MultipleChoice choice = new MultipleChoice(model.scoring(loaded));
            return input.publish(EvalInput.atLines(rows, () -> choice.answer(questions, scoring)).report(model.name()));
        }
    }

    private static List<Question> questions(PredictionRows rows) {
        List<String> contexts = rows.strings("context");
        List<List<String>> choices = rows.stringLists("choices");
        int[] labels = rows.integers("label");
        List<Question> questions = new ArrayList<>(contexts.size());
        for (int i = 0; i < contexts.size(); i++) {
            if (labels[i] < 0 || labels[i] >= choices.get(i).size()) {
                throw rows.at(new RowError(i, "label: expected the index of one of the " + choices.get(i).size()
                        + " choices (0 to " + (choices.get(i).size() - 1) + "), found " + labels[i]));
            }
            questions.add(new Question(contexts.get(i), choices.get(i), labels[i]));
        }
        return questions;
    }
}
