package dev.rein.models.tokenizer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rein.models.FormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Hugging Face tokenizer.json into its components. The model's vocabulary and merges (hundreds of
 * thousands of entries: Gemma 3's file is 33 MB) are streamed straight into their tables; the other, small
 * sections are read as JSON trees and handed to the component parsers.
 */
final class TokenizerJsonReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The components of a tokenizer.json (the optional ones may be null). */
    record Components(Normalizer normalizer, PreTokenizer preTokenizer, BpeModel model,
                      PostProcessor postProcessor, Decoder decoder, List<AddedToken> addedTokens) {
    }

    private final Path file;
    private final JsonFields json;
    private final Map<String, JsonNode> sections = new HashMap<>();
    private final Map<String, JsonNode> modelOptions = new HashMap<>();
    private String modelType;
    private Map<String, Integer> vocab;
    private final List<String> mergeLefts = new ArrayList<>();
    private final List<String> mergeRights = new ArrayList<>();

    private TokenizerJsonReader(Path file) {
        this.file = file;
        this.json = new JsonFields(file);
    }

    /** Reads {@code file}; FormatException when it is not a tokenizer.json Rein supports. */
    static Components read(Path file) {
        TokenizerJsonReader reader = new TokenizerJsonReader(file);
        try (JsonParser parser = MAPPER.createParser(file.toFile())) {
            reader.readTopLevel(parser);
        } catch (JsonProcessingException e) {
            throw new FormatException(file, null, "not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return reader.components();
    }

    private void readTopLevel(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw json.problem(null, "expected a JSON object at the top level");
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            if (name.equals("model")) {
                readModel(parser);
            } else {
                sections.put(name, parser.readValueAsTree());
            }
        }
    }

    private void readModel(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw json.problem("model", "expected a JSON object");
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "type" -> modelType = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                case "vocab" -> {
                    if (value == JsonToken.START_OBJECT) {
                        vocab = readVocab(parser);
                    } else {
                        parser.skipChildren(); // another model type's vocabulary (Unigram: a list of pieces)
                    }
                }
                case "merges" -> readMerges(parser);
                default -> modelOptions.put(name, parser.readValueAsTree());
            }
        }
    }

    private Map<String, Integer> readVocab(JsonParser parser) throws IOException {
        Map<String, Integer> pieces = new HashMap<>(1 << 16);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String piece = parser.currentName();
            if (parser.nextToken() != JsonToken.VALUE_NUMBER_INT || parser.getLongValue() < 0
                    || parser.getLongValue() > Integer.MAX_VALUE - 1) {
                throw json.problem("model.vocab." + piece, "expected a non-negative integer id, found "
                        + parser.getText());
            }
            pieces.put(piece, parser.getIntValue());
        }
        return pieces;
    }

    /** Merges as {@code "a b"} strings (older files) or {@code ["a", "b"]} pairs. */
    private void readMerges(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw json.problem("model.merges", "expected a JSON array");
        }
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            String path = "model.merges[" + mergeLefts.size() + "]";
            if (token == JsonToken.VALUE_STRING) {
                String merge = parser.getText();
                if (merge.startsWith("#version")) continue;
                int space = merge.indexOf(' ');
                if (space < 0 || merge.indexOf(' ', space + 1) >= 0) {
                    throw json.problem(path, "expected two pieces separated by one space, found \"" + merge + "\"");
                }
                mergeLefts.add(merge.substring(0, space));
                mergeRights.add(merge.substring(space + 1));
            } else if (token == JsonToken.START_ARRAY) {
                String left = parser.nextToken() == JsonToken.VALUE_STRING ? parser.getText() : null;
                String right = parser.nextToken() == JsonToken.VALUE_STRING ? parser.getText() : null;
                if (left == null || right == null || parser.nextToken() != JsonToken.END_ARRAY) {
                    throw json.problem(path, "expected a pair of strings");
                }
                mergeLefts.add(left);
                mergeRights.add(right);
            } else {
                throw json.problem(path, "expected \"a b\" or [\"a\", \"b\"], found " + parser.getText());
            }
        }
    }

    private Components components() {
        BpeModel.Options options = modelOptions();
        BpeModel model = new BpeModel(vocab, mergeTable(options), options);
        return new Components(parse("normalizer", Normalizer::fromJson),
                parse("pre_tokenizer", PreTokenizer::fromJson), model,
                parse("post_processor", PostProcessor::fromJson), parse("decoder", Decoder::fromJson),
                addedTokens());
    }

    /** A component's {@code fromJson} parser. */
    @FunctionalInterface
    private interface ComponentParser<T> {
        T parse(JsonNode node, String path, JsonFields json);
    }

    /** The component in top-level {@code section}, or null when the file has none. */
    private <T> T parse(String section, ComponentParser<T> parser) {
        JsonNode node = optional(section);
        return node == null ? null : parser.parse(node, section, json);
    }

    private JsonNode optional(String section) {
        JsonNode node = sections.get(section);
        return node == null || node.isNull() ? null : node;
    }

    private BpeModel.Options modelOptions() {
        if (modelType == null && vocab == null && mergeLefts.isEmpty()) {
            throw json.problem("model", "missing: expected the model object with its vocab and merges");
        }
        String type = modelType != null ? modelType : (mergeLefts.isEmpty() ? null : "BPE");
        if (!"BPE".equals(type)) {
            throw json.problem("model.type", "unsupported model type " + type + " (only BPE is supported)");
        }
        if (vocab == null) throw json.problem("model.vocab", "missing: expected an object of piece to id");
        JsonNode options = MAPPER.valueToTree(modelOptions);
        JsonNode dropout = options.get("dropout");
        if (dropout != null && !dropout.isNull() && !(dropout.isNumber() && dropout.doubleValue() == 0)) {
            throw json.problem("model.dropout", "BPE dropout " + dropout + " is not supported (expected null or 0)");
        }
        String unkToken = json.optionalString(options, "model", "unk_token", null);
        if (unkToken != null && !vocab.containsKey(unkToken)) {
            throw json.problem("model.unk_token", "\"" + unkToken + "\" is not in the vocabulary");
        }
        return new BpeModel.Options(unkToken,
                json.optionalBoolean(options, "model", "fuse_unk", false),
                json.optionalBoolean(options, "model", "byte_fallback", false),
                json.optionalBoolean(options, "model", "ignore_merges", false),
                json.optionalString(options, "model", "continuing_subword_prefix", null),
                json.optionalString(options, "model", "end_of_word_suffix", null));
    }

    private MergeTable mergeTable(BpeModel.Options options) {
        String prefix = options.continuingSubwordPrefix();
        int prefixLength = prefix == null ? 0 : prefix.length();
        MergeTable merges = new MergeTable(mergeLefts.size());
        for (int rank = 0; rank < mergeLefts.size(); rank++) {
            String left = mergeLefts.get(rank);
            String right = mergeRights.get(rank);
            // The merged piece drops the right piece's continuing-subword prefix ("##"), as Hugging Face does.
            String merged = left + right.substring(Math.min(prefixLength, right.length()));
            merges.put(vocabId(left, rank), vocabId(right, rank), rank, vocabId(merged, rank));
        }
        return merges;
    }

    private int vocabId(String piece, int rank) {
        Integer id = vocab.get(piece);
        if (id == null) {
            throw json.problem("model.merges[" + rank + "]", "\"" + piece + "\" is not in the vocabulary");
        }
        return id;
    }

    private List<AddedToken> addedTokens() {
        JsonNode node = optional("added_tokens");
        if (node == null) return List.of();
        List<AddedToken> tokens = new ArrayList<>();
        List<JsonNode> elements = json.array(node, "added_tokens");
        for (int i = 0; i < elements.size(); i++) {
            String path = "added_tokens[" + i + "]";
            JsonNode token = json.object(elements.get(i), path);
            boolean special = json.optionalBoolean(token, path, "special", false);
            tokens.add(new AddedToken(json.count(token, path, "id"), json.string(token, path, "content"), special,
                    json.optionalBoolean(token, path, "normalized", !special),
                    json.optionalBoolean(token, path, "lstrip", false),
                    json.optionalBoolean(token, path, "rstrip", false),
                    json.optionalBoolean(token, path, "single_word", false)));
        }
        return tokens;
    }
}
