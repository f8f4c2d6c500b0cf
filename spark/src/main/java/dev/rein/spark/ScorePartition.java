package dev.rein.spark;

import dev.rein.eval.TextScorer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Scoring over one partition: each scorer scores {@value #CHUNK} texts at a time (batched where it batches, a model);
 * every row comes out with its values and one score per scorer, null where the row has no text.
 */
final class ScorePartition implements MapPartitionsFunction<Row, Row> {
    private static final int CHUNK = 64;

    private final int textField;
    private final List<ScorerSpec> scorers;

    ScorePartition(int textField, List<ScorerSpec> scorers) {
        this.textField = textField;
        this.scorers = List.copyOf(scorers);
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) throws Exception {
        List<TextScorer> opened = new ArrayList<>();
        for (ScorerSpec spec : scorers) {
            opened.add(ExecutorScorers.get(spec));
        }
        return Chunks.flatMap(rows, CHUNK, chunk -> {
            List<String> texts = chunk.stream().filter(row -> !row.isNullAt(textField))
                    .map(row -> row.getString(textField)).toList();
            List<double[]> scores = opened.stream().map(scorer -> scorer.scoreAll(texts)).toList();
            List<Row> out = new ArrayList<>();
            int scored = 0;
            for (Row row : chunk) {
                Object[] values = new Object[row.size() + opened.size()];
                for (int i = 0; i < row.size(); i++) {
                    values[i] = row.get(i);
                }
                if (!row.isNullAt(textField)) {
                    for (int s = 0; s < opened.size(); s++) {
                        values[row.size() + s] = scores.get(s)[scored];
                    }
                    scored++;
                }
                out.add(RowFactory.create(values));
            }
            return out;
        });
    }
}
