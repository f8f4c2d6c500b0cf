package dev.rein.text.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.formats.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a tokenizer's files with special tokens added, as transformers'
 * {@code tokenizer.add_special_tokens({"pad_token": ..., "additional_special_tokens": [...]})} followed by
 * {@code save_pretrained} writes them, so that Rein and Hugging Face read the same tokens under the same ids. The ids
 * are those {@link Tokenizer#addSpecialTokens} gives: a new token gets the next id after the vocabulary, in order; a
 * token that is already an added token keeps its id and becomes special; existing ids never change.
 *
 * <ul>
 *   <li>tokenizer.json: each new token is appended to {@code added_tokens} as
 *       {@code {id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true}}
 *       (the fields of the tokenizers library's AddedToken), the list kept in id order;</li>
 *   <li>tokenizer_config.json (made when there is none): {@code added_tokens_decoder} lists every added token by
 *       id, as save_pretrained writes it; {@code additional_special_tokens} gains the new tokens other than the
 *       pad token (an existing list is extended, as with {@code replace_additional_special_tokens=False});
 *       {@code pad_token} names the pad token;</li>
 *   <li>special_tokens_map.json, only when the source has one: the same two fields.</li>
 * </ul>
 * Every other field of the files is kept as it was.
 */
public final class SpecialTokenFiles {
    /** The file transformers writes beside tokenizer_config.json with the special tokens' names. */
    public static final String SPECIAL_TOKENS_MAP = "special_tokens_map.json";
    private static final String ADDED_TOKENS = "added_tokens";
    private static final String ADDITIONAL = "additional_special_tokens";
    private static final String PAD = "pad_token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SpecialTokenFiles() {
    }

    /**
     * Writes tokenizer.json, tokenizer_config.json (and special_tokens_map.json when {@code from} has one) into
     * {@code to} with {@code tokens} added as special tokens and {@code padToken} as the pad token. Other files of the
     * tokenizer (vocab.json, merges.txt) are the caller's to copy. Each file is written atomically.
     *
     * @param from     a tokenizer folder, or its tokenizer.json (the configuration files are read beside it)
     * @param to       the folder written (created if needed; may be {@code from}'s)
     * @param tokens   the tokens to add, in the order their new ids are given
     * @param padToken one of {@code tokens}: the token that pads
     * @return the tokenizer as written, loaded from {@code to}
     * @throws IllegalArgumentException when {@code padToken} is not one of {@code tokens}, or a token is empty
     */
    public static Tokenizer write(Path from, Path to, List<String> tokens, String padToken) throws IOException {
        if (!tokens.contains(padToken)) {
            throw new IllegalArgumentException("the pad token " + padToken + " must be one of the tokens added: "
                    + tokens);
        }
        Path source = Files.isDirectory(from) ? from.resolve(Tokenizer.FILE_NAME) : from;
        Path sourceFolder = source.toAbsolutePath().getParent();
        int[] ids = Tokenizer.load(source).addSpecialTokens(tokens);
        Files.createDirectories(to);

        ObjectNode tokenizer = (ObjectNode) JSON.readTree(source.toFile());
        List<JsonNode> added = withTokens(tokenizer.path(ADDED_TOKENS), tokens, ids);
        tokenizer.set(ADDED_TOKENS, JSON.createArrayNode().addAll(added));
        write(to.resolve(Tokenizer.FILE_NAME), tokenizer);

        List<String> additional = tokens.stream().filter(token -> !token.equals(padToken)).toList();
        Path configFile = sourceFolder.resolve(TokenizerConfig.FILE_NAME);
        ObjectNode config = Files.isRegularFile(configFile) ? (ObjectNode) JSON.readTree(configFile.toFile())
                : JSON.createObjectNode();
        config.set("added_tokens_decoder", decoder(added));
        name(config, additional, padToken);
        write(to.resolve(TokenizerConfig.FILE_NAME), config);

        Path mapFile = sourceFolder.resolve(SPECIAL_TOKENS_MAP);
        if (Files.isRegularFile(mapFile)) {
            ObjectNode map = (ObjectNode) JSON.readTree(mapFile.toFile());
            name(map, additional, padToken);
            write(to.resolve(SPECIAL_TOKENS_MAP), map);
        }
        return Tokenizer.load(to);
    }

    /** {@code added_tokens} with each token marked special or appended, in id order. */
    private static List<JsonNode> withTokens(JsonNode existing, List<String> tokens, int[] ids) {
        Map<String, ObjectNode> byContent = new LinkedHashMap<>();
        for (JsonNode token : existing) {
            byContent.put(token.path("content").asText(), (ObjectNode) token.deepCopy());
        }
        for (int i = 0; i < ids.length; i++) {
            ObjectNode token = byContent.get(tokens.get(i));
            if (token != null) {
                token.put("special", true);
            } else {
                byContent.put(tokens.get(i), JSON.createObjectNode().put("id", ids[i]).put("content", tokens.get(i))
                        .put("single_word", false).put("lstrip", false).put("rstrip", false)
                        .put("normalized", false).put("special", true));
            }
        }
        List<JsonNode> sorted = new ArrayList<>(byContent.values());
        sorted.sort(Comparator.comparingInt(token -> token.path("id").asInt()));
        return sorted;
    }

    /** tokenizer_config.json's {@code added_tokens_decoder}: id -> the token's fields, keys sorted as HF sorts them. */
    private static ObjectNode decoder(List<JsonNode> added) {
        ObjectNode decoder = JSON.createObjectNode();
        for (JsonNode token : added) {
            ObjectNode entry = decoder.putObject(Integer.toString(token.path("id").asInt()));
            entry.put("content", token.path("content").asText());
            for (String flag : List.of("lstrip", "normalized", "rstrip", "single_word", "special")) {
                entry.put(flag, token.path(flag).asBoolean(false));
            }
        }
        return decoder;
    }

    /** Extends {@code additional_special_tokens} with {@code additional} and sets {@code pad_token}. */
    private static void name(ObjectNode file, List<String> additional, String padToken) {
        JsonNode existing = file.path(ADDITIONAL);
        ArrayNode names = existing.isArray() ? (ArrayNode) existing.deepCopy() : JSON.createArrayNode();
        List<String> present = new ArrayList<>();
        for (JsonNode name : names) {
            present.add(name.isObject() ? name.path("content").asText() : name.asText());
        }
        for (String token : additional) {
            if (!present.contains(token)) {
                names.add(token);
            }
        }
        file.set(ADDITIONAL, names);
        file.put(PAD, padToken);
    }

    private static void write(Path file, JsonNode json) throws IOException {
        AtomicFiles.write(file, (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n")
                .getBytes(StandardCharsets.UTF_8));
    }
}
