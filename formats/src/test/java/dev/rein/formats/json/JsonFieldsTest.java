package dev.rein.formats.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rein.formats.FormatException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Typed reads of JSON objects, and the messages naming file, JSON path and expectation. */
class JsonFieldsTest {
    private static final Path FILE = Path.of("t.json");

    private static JsonFields fields(String json) throws Exception {
        return JsonFields.of(FILE, "", new ObjectMapper().readTree(json));
    }

    private static void assertMessage(String message, Executable read) {
        assertEquals(message, assertThrows(FormatException.class, read).getMessage());
    }

    @Test
    void nestedObjectsAndListsNameTheirPath() throws Exception {
        JsonFields top = fields("""
                {"decoder": {"decoders": [{"type": "Fuse"}, {"start": "x"}]}}""");
        List<JsonFields> decoders = top.object("decoder").objects("decoders");
        assertEquals("Fuse", decoders.get(0).string("type"));
        assertMessage("t.json: decoder.decoders[1].type: missing (required)", () -> decoders.get(1).string("type"));
        assertMessage("t.json: decoder.decoders[1].start: expected a non-negative integer, found \"x\"",
                () -> decoders.get(1).count("start"));
        assertMessage("t.json: decoder.decoders[1]: bad", () -> {
            throw decoders.get(1).error("bad");
        });
        assertMessage("t.json: decoder: expected a list of objects, found"
                + " {\"decoders\":[{\"type\":\"Fuse\"},{\"start\":\"x\"}]}", () -> top.objects("decoder"));
    }

    @Test
    void absentNullAndFallbacks() throws Exception {
        JsonFields json = fields("{\"a\": null, \"b\": 3}");
        assertEquals(7, json.integer("a", 7));
        assertEquals(OptionalInt.empty(), json.optionalInteger("a", OptionalInt.of(1)));
        assertEquals(OptionalInt.of(1), json.optionalInteger("absent", OptionalInt.of(1)));
        assertEquals(List.of(), json.tokenIds("a", List.of(9)));
        assertEquals(List.of(3), json.tokenIds("b", List.of()));
        assertNull(json.value("a"));
        assertEquals("x", json.string("a", "x"));
        JsonFields zero = fields("{\"b\": 0}");
        assertMessage("t.json: b: expected a positive integer, found 0", () -> zero.positiveInteger("b"));
    }

    @Test
    void typedValues() throws Exception {
        JsonFields json = fields("""
                {"ids": [1, 2], "c": "\uD83D\uDE00", "cc": "ab", "f": "yes", "l": ["a", 1]}""");
        assertArrayEquals(new int[] {1, 2}, json.counts("ids"));
        assertEquals("\uD83D\uDE00", json.character("c"));
        assertMessage("t.json: cc: expected a single character, found \"ab\"", () -> json.character("cc"));
        assertMessage("t.json: f: expected true or false, found \"yes\"", () -> json.bool("f", false));
        assertMessage("t.json: l[1]: expected a string, found 1", () -> json.optionalStringList("l"));
        assertEquals(List.of("ids", "c", "cc", "f", "l"), json.names());
    }

    @Test
    void theTopLevelMustBeAnObject() {
        assertMessage("t.json: expected a JSON object at the top level, found [1]",
                () -> JsonFields.of(FILE, "", new ObjectMapper().readTree("[1]")));
        assertMessage("t.json: expected a JSON object at the top level, found nothing",
                () -> JsonFields.of(FILE, "", null));
    }

    @Test
    void describeCutsLongValues() throws Exception {
        JsonNode longList = new ObjectMapper().readTree("[" + "1,".repeat(40) + "1]");
        assertEquals(longList.toString().substring(0, 60) + "...", JsonFields.describe(longList));
        assertEquals("\"short\"", JsonFields.describe(new ObjectMapper().readTree("\"short\"")));
    }
}
