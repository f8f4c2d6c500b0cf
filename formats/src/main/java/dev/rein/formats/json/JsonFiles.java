package dev.rein.formats.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.rein.formats.FormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Parses JSON files into Jackson trees. Text that is not one JSON value (nothing but whitespace may follow it)
 * becomes a {@link FormatException} naming the file, Jackson's line and column and, as its field, the top-level
 * key under which the parser stopped (in a safetensors header: the tensor's name). A file that cannot be read is
 * an {@link IOException}, as it is not a format problem.
 *
 * <p>The strict reading, which safetensors headers and indexes get, also rejects bytes that are not UTF-8
 * (including overlong forms and encoded surrogates) and a key given twice in one object (Jackson would otherwise
 * keep the last one silently).
 */
public final class JsonFiles {
    /** Streaming parsers read the parts they hold as trees through it, so it must allow tokens after a value. */
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectReader TREES = MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ObjectReader STRICT_TREES = TREES.with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    private JsonFiles() {
    }

    /** Reads a JSON file holding one value of any kind. */
    public static JsonNode read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return TREES.readTree(bytes);
        } catch (JacksonException e) {
            throw invalid(file, e);
        }
    }

    /** Reads a JSON file whose top level must be an object, for typed reads of its fields. */
    public static JsonFields readObject(Path file) throws IOException {
        return JsonFields.of(file, "", read(file));
    }

    /** Reads a JSON file strictly (see the class comment). */
    public static JsonNode readStrict(Path file) throws IOException {
        return parseStrict(file, Files.readAllBytes(file));
    }

    /** Parses {@code utf8} strictly (see the class comment); {@code file} is where the bytes came from. */
    public static JsonNode parseStrict(Path file, byte[] utf8) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw new FormatException(file, null, "the JSON is not valid UTF-8", e);
        }
        try {
            return STRICT_TREES.readTree(text);
        } catch (JacksonException e) {
            throw invalid(file, e);
        }
    }

    /** A reader that pulls the tokens of a file from the parser {@link #stream} gives it. */
    @FunctionalInterface
    public interface StreamReader {
        void read(JsonParser parser) throws IOException;
    }

    /**
     * Streams a JSON file too large to hold as a tree in full: {@code reader} pulls its tokens (and may read small
     * parts as trees with {@link JsonParser#readValueAsTree}), after which only whitespace may follow.
     */
    public static void stream(Path file, StreamReader reader) throws IOException {
        try (JsonParser parser = MAPPER.createParser(file.toFile())) {
            reader.read(parser);
            if (parser.nextToken() != null) {
                throw new FormatException(file, null, "not valid JSON" + at(parser.currentLocation())
                        + ": trailing content after the top-level value");
            }
        } catch (JacksonException e) {
            throw invalid(file, e);
        }
    }

    private static FormatException invalid(Path file, JacksonException e) {
        return new FormatException(file, topLevelKey(e), "not valid JSON" + at(e.getLocation()) + ": "
                + e.getOriginalMessage(), e);
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) return "";
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** The key of the root object under which the parser stopped, or null when it stopped at the root. */
    private static String topLevelKey(JacksonException e) {
        if (!(e.getProcessor() instanceof JsonParser parser)) return null;
        JsonStreamContext context = parser.getParsingContext();
        while (context != null && context.getParent() != null && !context.getParent().inRoot()) {
            context = context.getParent();
        }
        return context == null || context.inRoot() ? null : context.getCurrentName();
    }
}
