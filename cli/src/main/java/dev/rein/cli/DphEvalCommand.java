package dev.rein.cli;

import dev.rein.eval.MetricReport;
import dev.rein.eval.PredictionRows;
import dev.rein.eval.RowError;
import dev.rein.eval.model.MultipleChoice;
import dev.rein.eval.model.ScoringModel;
import dev.rein.models.LanguageModel;
import dev.rein.steering.dph.ChoiceComparison;
import dev.rein.steering.dph.DphModel;
import dev.rein.steering.dph.PairwiseAccuracy;
import dev.rein.steering.dph.PreferenceFile;
import dev.rein.steering.dph.PreferencePair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rein dph eval}: a trained head on held-out pairs, or on multiple-choice questions beside the log-probs. */
@Command(name = "eval", description = {"Evaluate DPH heads. On preference pairs (as rein dph train reads them): "
        + "pairwise accuracy (chosen reward above rejected) and mean margin.",
        "On multiple-choice rows {question, choices, answer}: accuracy of the highest-reward choice beside that of "
                + "the choice with the highest mean token log-probability, DPH's two predictions.",
        "Prints a table and writes the JSON report (default: beside the input, NAME.dph_pairs.json or "
                + "NAME.dph_choice.json)."})
final class DphEvalCommand implements Callable<Integer> {
    @Mixin
    private ModelOption model;

    @Option(names = "--heads", required = true, paramLabel = "DIR", description = "Trained heads (rein dph train's OUT/heads).")
    private Path heads;

    @Option(names = "--head", paramLabel = "NAME", description = "The head to evaluate (default: the first).")
    private String head;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "Preference pairs, or multiple-choice rows (JSON Lines).")
    private Path input;

    @Option(names = "--out", paramLabel = "FILE", description = "Where the JSON report goes.")
    private Path out;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "16", description = "Rows per pass (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--json", description = "Print the JSON report instead of the table.")
    private boolean json;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(input)) throw new UserError("--input " + input + ": no such file");
        PredictionRows rows = PredictionRows.read(input);
        try (LanguageModel loaded = model.load()) {
            DphModel dph = DphModels.load(loaded, "--heads", heads);
            String name = head != null ? head : dph.heads().names().getFirst();
            dph.heads().column(name);
            MetricReport report = rows.has("question")
                    ? ChoiceComparison.of(dph, ScoringModel.of(loaded), questions(rows), name, batchSize)
                            .report(model.name(), heads.toString(), name)
                    : PairwiseAccuracy.of(dph, pairs(), name, batchSize).report(model.name(), heads.toString(), name);
            Path target = out != null ? out : input.resolveSibling(stem(input) + "." + report.metric() + ".json");
            OutputFile.requireFolder("--out", target);
            report.writeJson(target);
            System.out.print(json ? report.json() : report.table());
            if (!json) System.out.println("wrote " + target);
        }
        return 0;
    }

    private List<PreferencePair> pairs() throws IOException {
        PreferenceFile.Result read = PreferenceFile.read(input, 0);
        if (!read.identicalLines().isEmpty()) {
            System.err.println("rein: warning: " + read.identicalLines().size() + " pairs have identical replies "
                    + "and are left out");
        }
        return read.pairs();
    }

    private static List<MultipleChoice.Question> questions(PredictionRows rows) {
        List<String> texts = rows.strings("question");
        List<List<String>> choices = rows.stringLists("choices");
        int[] answers = rows.integers("answer");
        List<MultipleChoice.Question> questions = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            if (answers[i] < 0 || answers[i] >= choices.get(i).size()) {
                throw rows.at(new RowError(i, "answer: expected the index of one of the " + choices.get(i).size()
                        + " choices, found " + answers[i]));
            }
            questions.add(new MultipleChoice.Question(texts.get(i), choices.get(i), answers[i]));
        }
        return questions;
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
