package dev.rein.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricReportTest {
    private static MetricReport sample() {
        return MetricReport.builder("length", 3).setting("tolerances", List.of(5, 10))
                .value("rows_scored", 3, "rows").value("mean_absolute_error", 2.5, "mean |w - v|").build();
    }

    @Test
    void tableAlignsNamesAndFormatsCountsAndFractions() {
        assertEquals("""
                length: 3 rows (tolerances=[5, 10])
                  rows_scored                     3  rows
                  mean_absolute_error        2.5000  mean |w - v|
                """, sample().table());
    }

    @Test
    void jsonHoldsMetricRowsSettingsAndValues(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("report.json");
        sample().writeJson(file);
        JsonNode json = new ObjectMapper().readTree(Files.readString(file));
        assertEquals("length", json.get("metric").asText());
        assertEquals(3, json.get("rows").asInt());
        assertEquals(10, json.get("settings").get("tolerances").get(1).asInt());
        assertEquals(2.5, json.get("values").get("mean_absolute_error").asDouble());
        assertEquals(2.5, sample().value("mean_absolute_error"));
    }

    @Test
    void refusesNonFiniteAndRepeatedValuesAndNamesMissingOnes() {
        MetricReport.Builder builder = MetricReport.builder("x", 1).value("a", 1, "");
        assertThrows(IllegalArgumentException.class, () -> builder.value("b", Double.NaN, ""));
        assertThrows(IllegalArgumentException.class, () -> builder.value("a", 2, ""));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> builder.build().value("c"));
        assertEquals("report x has no value c; it has [a]", missing.getMessage());
    }
}
