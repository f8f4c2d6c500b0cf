package dev.rein.formats.safetensors;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;

/**
 * JSON as the reference safetensors implementation writes it: strings are escaped as serde_json, its JSON
 * library, escapes them (supplementary characters as raw UTF-8, control characters as lower-case escapes such as
 * <code>&#92;u001f</code>), so that headers come out byte-identical. Reading goes through
 * {@link dev.rein.formats.json.JsonFiles}' strict mode.
 */
final class HeaderJson {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .build();

    private HeaderJson() {
    }

    /** True when {@code text} survives a round trip through UTF-8, i.e. it holds no unpaired surrogate. */
    static boolean isValidUnicode(String text) {
        return StandardCharsets.UTF_8.newEncoder().canEncode(text);
    }
}
