package dev.rein.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-row scores as JSON Lines: each row's line and id first, then its scores in order; one score per row. */
class RowScoresFileTest {
    @TempDir
    Path folder;

    private PredictionRows input() throws IOException {
        Path file = folder.resolve("in.jsonl");
        Files.writeString(file, "{\"id\": \"x\", \"text\": \"a\"}\n\n{\"text\": \"b\", \"id\": null}\n");
        return PredictionRows.read(file);
    }

    @Test
    void eachRowHasItsLineItsIdAndItsScoresInOrder() throws IOException {
        MetricReport report = MetricReport.builder("m", 2).value("mean", 1, "")
                .perRow(List.of(new RowScore().number("score", 0.5).flag("toxic", false).label("label", "positive"),
                        new RowScore().count("words", 3).numbers("scores", 1, Double.NaN).number("ppl", 1 / 0.0)))
                .build()
                .withSetting("scorer", "s");                                       // keeps the row scores
        Path file = folder.resolve("rows.jsonl");
        RowScoresFile.write(file, input(), report);
        assertEquals("""
                {"line":1,"id":"x","score":0.5,"toxic":false,"label":"positive"}
                {"line":3,"words":3,"scores":[1.0,null],"ppl":null}
                """, Files.readString(file));
    }

    @Test
    void aReportMustHoldOneScorePerRow() throws IOException {
        IllegalArgumentException builder = assertThrows(IllegalArgumentException.class,
                () -> MetricReport.builder("m", 2).perRow(List.of(new RowScore())));
        assertEquals("m has 2 rows but 1 row scores", builder.getMessage());
        MetricReport three = MetricReport.builder("m", 3).perRow(RowScore.forRows(3)).build();
        assertThrows(IllegalArgumentException.class, () -> RowScoresFile.jsonl(input(), three));
        assertThrows(IllegalArgumentException.class, () -> new RowScore().count("a", 1).count("a", 2));
    }
}
