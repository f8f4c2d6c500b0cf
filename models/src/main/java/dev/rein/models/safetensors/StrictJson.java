package dev.rein.models.safetensors;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rein.models.FormatException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * JSON as safetensors headers and index files need it. Reading: strict UTF-8 (overlong forms and encoded
 * surrogates are errors), no duplicate keys at any depth (Jackson would otherwise keep the last one silently),
 * nothing but whitespace after the value; every failure is a {@link FormatException} whose field is the top-level
 * key being read, which in a header is the tensor's name. Writing: strings are escaped as serde_json, the
 * reference implementation's JSON library, escapes them (supplementary characters as raw UTF-8, control
 * characters as lower-case escapes such as <code>&#92;u001f</code>), so that headers come out byte-identical.
 */
final class StrictJson {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .build();

    private StrictJson() {
    }

    /** Decodes {@code bytes} as UTF-8, rejecting malformed input instead of replacing it. */
    static String decodeUtf8(Path file, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new FormatException(file, null, "the JSON is not valid UTF-8", e);
        }
    }

    /** Parses one JSON value filling all of {@code text} (surrounding whitespace allowed). */
    static JsonNode parse(Path file, String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new FormatException(file, topLevelKey(e), "invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** True when {@code text} survives a round trip through UTF-8, i.e. it holds no unpaired surrogate. */
    static boolean isValidUnicode(String text) {
        return StandardCharsets.UTF_8.newEncoder().canEncode(text);
    }

    /** The key of the root object under which the parser stopped, or null when it stopped at the root. */
    private static String topLevelKey(JacksonException e) {
        if (!(e.getProcessor() instanceof JsonParser parser)) {
            return null;
        }
        JsonStreamContext context = parser.getParsingContext();
        while (context != null && context.getParent() != null && !context.getParent().inRoot()) {
            context = context.getParent();
        }
        return context == null || context.inRoot() ? null : context.getCurrentName();
    }
}
