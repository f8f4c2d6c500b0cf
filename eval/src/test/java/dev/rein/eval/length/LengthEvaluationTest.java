package dev.rein.eval.length;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rein.eval.MetricReport;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LengthEvaluationTest {
    /** Six exact targets (two of them, 62 and 70, in the unseen band 60-80) and one range [10, 20]. */
    private static final List<LengthRow> ROWS = List.of(row(1, 5), row(2, 15), row(3, 25), row(4, 35), row(5, 62),
            row(6, 70), new LengthRow(7, "range", new LengthTarget.Range(10, 20)));

    /** A fake method writing {@code words(value)} words for each row. */
    private record Fake(String name, IntUnaryOperator words) implements LengthResponder {
        @Override
        public List<String> respond(List<LengthRow> rows) {
            return rows.stream().map(row -> "w ".repeat(words.applyAsInt(row.value())).strip()).toList();
        }
    }

    private static final Fake EXACT = new Fake("exact", value -> value);
    private static final Fake OFF_BY_3 = new Fake("off-by-3", value -> value + 3);
    private static final Fake CONSTANT = new Fake("constant", value -> 30);

    @TempDir
    Path folder;

    private static LengthRow row(int line, int words) {
        return new LengthRow(line, "write " + words + " words", new LengthTarget.Exact(words));
    }

    private static LengthComparison compare() {
        return LengthEvaluation.against("constant").unseen(UnseenTargets.band(60, 80))
                .run(ROWS, List.of(CONSTANT, OFF_BY_3, EXACT));
    }

    @Test
    void scoresEachMethodOverAllRows() {
        LengthComparison comparison = compare();
        MetricReport constant = comparison.method("constant").all();
        // |30 - v| over 5, 15, 25, 35, 62, 70 is 25, 15, 5, 5, 32, 40; the range row's 30 words are 10 above 20
        assertEquals(122 / 6.0, constant.value("mean_absolute_error"), 1e-12);
        assertEquals(0, constant.value("exact"));
        assertEquals(2 / 6.0, constant.value("within_5"), 1e-12);
        assertEquals(2 / 6.0, constant.value("within_10"), 1e-12);
        assertEquals(0, constant.value("in_range"));
        MetricReport offBy3 = comparison.method("off-by-3").all();
        assertEquals(3, offBy3.value("mean_absolute_error"));
        assertEquals(0, offBy3.value("exact"));
        assertEquals(1, offBy3.value("within_5"));
        assertEquals(0, offBy3.value("in_range"));
        MetricReport exact = comparison.method("exact").all();
        assertEquals(0, exact.value("mean_absolute_error"));
        assertEquals(1, exact.value("exact"));
        assertEquals(1, exact.value("in_range"));
        assertEquals(List.of(5, 15, 25, 35, 62, 70, 20), comparison.method("exact").words());
    }

    @Test
    void splitsByTargetBinAndUnseenValues() {
        MethodScores constant = compare().method("constant");
        assertEquals(List.of("all", "unseen", "bin 1-20", "bin 21-40", "bin 61-80"),
                List.copyOf(constant.groups().keySet()));
        MetricReport low = constant.groups().get("bin 1-20");
        assertEquals(3, low.rows());
        assertEquals(20, low.value("mean_absolute_error"), 1e-12);
        assertEquals(0, low.value("in_range"));
        assertEquals(5, constant.groups().get("bin 21-40").value("mean_absolute_error"), 1e-12);
        MetricReport unseen = constant.groups().get("unseen");
        assertEquals(2, unseen.rows());
        assertEquals(36, unseen.value("mean_absolute_error"), 1e-12);

        MethodScores wide = LengthEvaluation.against("exact").binWidth(50).unseen(UnseenTargets.values(Set.of(25, 99)))
                .run(ROWS, List.of(EXACT)).method("exact");
        assertEquals(List.of("all", "unseen", "bin 1-50", "bin 51-100"), List.copyOf(wide.groups().keySet()));
        assertEquals(1, wide.groups().get("unseen").rows());
        assertFalse(LengthEvaluation.against("exact").unseen(UnseenTargets.band(100, 120)).run(ROWS, List.of(EXACT))
                .method("exact").groups().containsKey("unseen"), "no row is unseen, so there is no such group");
    }

    @Test
    void comparesWithTheBaselineAsRelativeMaeReduction() {
        LengthComparison comparison = compare();
        assertEquals((122 / 6.0 - 3) / (122 / 6.0), comparison.maeReduction("off-by-3", "all"), 1e-12);
        assertEquals(1, comparison.maeReduction("exact", "all"), 1e-12);
        assertEquals(0, comparison.maeReduction("constant", "all"), 1e-12);
        assertEquals((36 - 3) / 36.0, comparison.maeReduction("off-by-3", "unseen"), 1e-12);
        assertTrue(Double.isNaN(LengthEvaluation.against("exact").run(ROWS, List.of(EXACT, CONSTANT))
                .maeReduction("constant", "all")), "a baseline with no error leaves the reduction undefined");

        String table = comparison.table();
        assertTrue(table.startsWith("length control: 7 rows, baseline=constant, bin_width=20, unseen=60-80"), table);
        String reductions = "all\\s+mae_reduction\\s+0\\.0%\\s+85\\.2%\\s+100\\.0%";
        assertTrue(table.lines().anyMatch(line -> line.matches(reductions)),
                table);
        assertTrue(table.lines().anyMatch(line -> line.matches("all\\s+spearman\\s+-\\s+1\\s+1")), table);
    }

    @Test
    void measuresMonotonicityWithSpearman() {
        LengthComparison comparison = compare();
        assertEquals(1, comparison.method("exact").spearman(), 1e-12);
        assertEquals(1, comparison.method("off-by-3").spearman(), 1e-12);
        assertTrue(Double.isNaN(comparison.method("constant").spearman()), "a method ignoring the target has no rho");
        Fake reversed = new Fake("reversed", value -> 200 - value);
        assertEquals(-1, LengthEvaluation.against("reversed").run(ROWS, List.of(reversed)).method("reversed")
                .spearman(), 1e-12);
    }

    @Test
    void refusesBadMethodsAndBaselines() {
        assertThrows(IllegalArgumentException.class,
                () -> LengthEvaluation.against("nobody").run(ROWS, List.of(EXACT)));
        assertThrows(IllegalArgumentException.class,
                () -> LengthEvaluation.against("exact").run(ROWS, List.of(EXACT, EXACT)));
        LengthResponder short1 = new LengthResponder() {
            @Override
            public String name() {
                return "short";
            }

            @Override
            public List<String> respond(List<LengthRow> rows) {
                return List.of("one");
            }
        };
        String message = assertThrows(IllegalArgumentException.class,
                () -> LengthEvaluation.against("short").run(ROWS, List.of(short1))).getMessage();
        assertEquals("short returned 1 responses for 7 rows; expected one per row", message);
        assertThrows(IllegalArgumentException.class,
                () -> LengthEvaluation.against("exact").run(List.of(), List.of(EXACT)));
        assertThrows(IllegalArgumentException.class, () -> LengthEvaluation.against("x").tolerances(-1));
    }

    @Test
    void writesJsonPredictionsAndThePlot() throws IOException {
        LengthComparison comparison = compare();
        Path json = folder.resolve("report.json");
        comparison.writeJson(json);
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals(7, root.get("rows").asInt());
        assertEquals("constant", root.get("settings").get("baseline").asText());
        JsonNode offBy3 = root.get("methods").get(1);
        assertEquals("off-by-3", offBy3.get("name").asText());
        assertEquals(1, offBy3.get("spearman").asDouble(), 1e-12);
        assertEquals(3, offBy3.get("groups").get("all").get("values").get("mean_absolute_error").asDouble());
        assertEquals(33 / 36.0, offBy3.get("groups").get("unseen").get("mae_reduction_vs_baseline").asDouble(), 1e-12);
        assertTrue(root.get("methods").get(0).get("spearman").isNull());

        Path predictions = folder.resolve("predictions.jsonl");
        LengthPredictionsFile.write(predictions, comparison);
        List<String> lines = Files.readAllLines(predictions);
        assertEquals(21, lines.size());
        assertEquals("{\"method\":\"constant\",\"line\":1,\"prediction\":\"" + "w ".repeat(30).strip()
                + "\",\"target\":5,\"words\":30}", lines.getFirst());
        assertEquals("{\"method\":\"exact\",\"line\":7,\"prediction\":\"" + "w ".repeat(20).strip()
                + "\",\"target\":20,\"words\":20,\"min\":10,\"max\":20}", lines.getLast());

        Path png = folder.resolve("sweep.png");
        LengthSweepPlot.writePng(png, comparison, "length sweep", 640, 480);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(640, image.getWidth());
        assertEquals(480, image.getHeight());
        var series = LengthSweepPlot.chart(comparison, "t").getXYPlot().getDataset();
        assertEquals(4, series.getSeriesCount(), "three methods and y = x");
        assertEquals("y = x", series.getSeriesKey(3));
    }
}
