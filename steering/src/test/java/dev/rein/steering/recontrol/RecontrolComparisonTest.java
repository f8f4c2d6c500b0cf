package dev.rein.steering.recontrol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.rein.eval.diversity.DiversityReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecontrolComparisonTest {
    private static final EvaluatedResponses PLAIN = side(List.of("a b a b a b", "c d e f"), new double[] {0, 1},
            new double[] {0.5, 0.7});
    private static final EvaluatedResponses STEERED = side(List.of("a b c d e", "good good good"),
            new double[] {1, 2}, new double[] {0.6, 0.2});

    @Test
    void rowsPutEachMeasureOfBothSidesTogether() {
        List<RecontrolComparison.Row> rows = new RecontrolComparison(PLAIN, STEERED).rows();
        assertEquals(List.of("mean_reward", "diversity", "distinct_2", "coherence", "response_length"),
                rows.stream().map(RecontrolComparison.Row::name).toList());
        assertEquals(0.5, rows.get(0).plain());
        assertEquals(1.5, rows.get(0).steered());
        assertEquals(1.0, rows.get(0).change());
        assertEquals(DiversityReport.of(List.of("a b c d e", "good good good")).value("diversity"),
                rows.get(1).steered());
        assertEquals(0.6, rows.get(3).plain(), 1e-12);
        assertEquals(0.4, rows.get(3).steered(), 1e-12);
        assertEquals((9 + 14) / 2.0, rows.get(4).steered(), "characters");
    }

    @Test
    void theTableHasTheMetricThePlainAndSteeredValuesAndTheChange() {
        String table = new RecontrolComparison(PLAIN, STEERED).table();
        assertEquals("metric                  plain   RE-Control       change",
                table.lines().findFirst().orElseThrow());
        assertEquals("reward                 0.5000       1.5000      +1.0000", table.lines().skip(1).findFirst()
                .orElseThrow());
        assertEquals(6, table.lines().count());
    }

    @Test
    void theJsonHoldsTheSettingsMetricsReportsAndEveryPair(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("eval.json");
        new RecontrolComparison(PLAIN, STEERED).writeJson(file, JsonNodeFactory.instance.objectNode().put("steps", 3));
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertEquals(3, json.get("settings").get("steps").asInt());
        assertEquals(1.0, json.get("metrics").get("mean_reward").get("change").asDouble());
        assertEquals(PLAIN.diversity().value("rep_2"), json.get("diversity").get("plain").get("rep_2").asDouble());
        JsonNode second = json.get("rows").get(1);
        assertEquals("prompt 1", second.get("prompt").asText());
        assertEquals("c d e f", second.get("plain").asText());
        assertEquals("good good good", second.get("re_control").asText());
        assertEquals(2.0, second.get("re_control_reward").asDouble());
        assertEquals(0.2, second.get("re_control_coherence").asDouble());
    }

    @Test
    void sidesAnsweringDifferentPromptsAreRefused() {
        EvaluatedResponses one = side(List.of("a"), new double[] {0}, new double[] {0});
        assertThrows(IllegalArgumentException.class, () -> new RecontrolComparison(PLAIN, one));
        EvaluatedResponses swapped = new EvaluatedResponses(List.of(PLAIN.responses().get(1),
                PLAIN.responses().get(0)), PLAIN.rewards(), PLAIN.coherences(), PLAIN.diversity());
        assertThrows(IllegalArgumentException.class, () -> new RecontrolComparison(PLAIN, swapped));
    }

    @Test
    void responsesNeedOneRewardAndCoherenceEach() {
        assertThrows(IllegalArgumentException.class, () -> new EvaluatedResponses(PLAIN.responses(), new double[1],
                new double[2], PLAIN.diversity()));
    }

    private static EvaluatedResponses side(List<String> texts, double[] rewards, double[] coherences) {
        List<CollectedResponse> responses = new java.util.ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            responses.add(new CollectedResponse(i, 0, "prompt " + i, texts.get(i), new int[] {1}, new int[] {2},
                    "stop_token"));
        }
        return new EvaluatedResponses(responses, rewards, coherences, DiversityReport.of(texts));
    }
}
