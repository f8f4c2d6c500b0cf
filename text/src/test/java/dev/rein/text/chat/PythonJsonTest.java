package dev.rein.text.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected texts are what CPython's {@code json.dumps(value, ensure_ascii=False, indent=...)} prints. */
class PythonJsonTest {

    @Test
    void oneLineWithPythonSeparators() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("a", Arrays.asList(1, 2.5, null, true, "é\"\n\u0001"));
        value.put("b", Map.of());
        assertEquals("{\"a\": [1, 2.5, null, true, \"é\\\"\\n\\u0001\"], \"b\": {}}", PythonJson.dumps(value, null));
    }

    @Test
    void indentedKeepsKeyOrder() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("a", List.of(1, Map.of("b", List.of())));
        value.put("c", "d");
        String expected = "{\n  \"a\": [\n    1,\n    {\n      \"b\": []\n    }\n  ],\n  \"c\": \"d\"\n}";
        assertEquals(expected, PythonJson.dumps(value, 2));
    }

    @Test
    void floatsAsPythonReprs() {
        List<Double> values = List.of(1e-7, 1e16, 123456789.0, 0.1, -0.0, 1e22, 1.5e-5, 12345678901234567890.0);
        assertEquals("[1e-07, 1e+16, 123456789.0, 0.1, -0.0, 1e+22, 1.5e-05, 1.2345678901234567e+19]",
                PythonJson.dumps(values, null));
    }
}
