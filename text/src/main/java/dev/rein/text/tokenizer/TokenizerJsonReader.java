package dev.rein.text.tokenizer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.formats.FormatException;
import dev.rein.formats.json.JsonFields;
import dev.rein.formats.json.JsonFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Reads a Hugging Face tokenizer.json into its components. The model's vocabulary and merges (hundreds of
 * thousands of entries: Gemma 3's file is 33 MB) are streamed straight into their tables; the other, small
 * sections are read as JSON trees and handed to the component parsers.
 */
final class TokenizerJsonReader {
    /** The components of a tokenizer.json (the optional ones may be null). */
    record Components(Normalizer normalizer, PreTokenizer preTokenizer, BpeModel model,
                      PostProcessor postProcessor, Decoder decoder, List<AddedToken> addedTokens) {
    }

    private static final ObjectMapper TREES = new ObjectMapper();

    private final Path file;
    private final ObjectNode sections = JsonNodeFactory.instance.objectNode();
    private final ObjectNode modelOptions = JsonNodeFactory.instance.objectNode();
    private String modelType;
    private Map<String, Integer> vocab;
    private final List<String> mergeLefts = new ArrayList<>();
    private final List<String> mergeRights = new ArrayList<>();

    private TokenizerJsonReader(Path file) {
        this.file = file;
    }

    /** Reads {@code file}; FormatException when it is not a tokenizer.json Rein supports. */
    static Components read(Path file) {
        TokenizerJsonReader reader = new TokenizerJsonReader(file);
        try {
            JsonFiles.stream(file, reader::readTopLevel);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return reader.components();
    }

    /**
     * Reads a tokenizer.json built in memory (by a reader of another format, such as {@link GgufTokenizer});
     * {@code source} is named in errors.
     */
    static Components read(Path source, JsonNode tree) {
        TokenizerJsonReader reader = new TokenizerJsonReader(source);
        try (JsonParser parser = TREES.treeAsTokens(tree)) {
            reader.readTopLevel(parser);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tokenizer of " + source, e);
        }
        return reader.components();
    }

    private void readTopLevel(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw problem(null, "expected a JSON object at the top level");
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            if (name.equals("model")) {
                readModel(parser);
            } else {
                sections.set(name, parser.readValueAsTree());
            }
        }
    }

    private void readModel(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw problem("model", "expected an object, found " + parser.getText());
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
                default -> modelOptions.set(name, parser.readValueAsTree());
            }
        }
    }

    private Map<String, Integer> readVocab(JsonParser parser) throws IOException {
        Map<String, Integer> pieces = new HashMap<>(1 << 16);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String piece = parser.currentName();
            if (parser.nextToken() != JsonToken.VALUE_NUMBER_INT || parser.getLongValue() < 0
                    || parser.getLongValue() > Integer.MAX_VALUE - 1) {
                throw problem("model.vocab." + piece, "expected a non-negative integer id, found "
                        + parser.getText());
            }
            pieces.put(piece, parser.getIntValue());
        }
        return pieces;
    }

    /** Merges as {@code "a b"} strings (older files) or {@code ["a", "b"]} pairs. */
    private void readMerges(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw problem("model.merges", "expected a list, found " + parser.getText());
        }
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            String path = "model.merges[" + mergeLefts.size() + "]";
            if (token == JsonToken.VALUE_STRING) {
                String merge = parser.getText();
                if (merge.startsWith("#version")) continue;
                int space = merge.indexOf(' ');
                if (space < 0 || merge.indexOf(' ', space + 1) >= 0) {
                    throw problem(path, "expected two pieces separated by one space, found \"" + merge + "\"");
                }
                mergeLefts.add(merge.substring(0, space));
                mergeRights.add(merge.substring(space + 1));
            } else if (token == JsonToken.START_ARRAY) {
                String left = parser.nextToken() == JsonToken.VALUE_STRING ? parser.getText() : null;
                String right = parser.nextToken() == JsonToken.VALUE_STRING ? parser.getText() : null;
                if (left == null || right == null || parser.nextToken() != JsonToken.END_ARRAY) {
                    throw problem(path, "expected a pair of strings");
                }
                mergeLefts.add(left);
                mergeRights.add(right);
            } else {
                throw problem(path, "expected \"a b\" or [\"a\", \"b\"], found " + parser.getText());
            }
        }
    }

    private Components components() {
        JsonFields top = JsonFields.of(file, "", sections);
        BpeModel.Options options = modelOptions(JsonFields.of(file, "model", modelOptions));
        BpeModel model = new BpeModel(vocab, mergeTable(options), options);
        return new Components(top.optionalObject("normalizer").map(Normalizer::fromJson).orElse(null),
                top.optionalObject("pre_tokenizer").map(PreTokenizer::fromJson).orElse(null), model,
                top.optionalObject("post_processor").map(PostProcessor::fromJson).orElse(null),
                top.optionalObject("decoder").map(Decoder::fromJson).orElse(null),
                top.has("added_tokens") ? addedTokens(top.objects("added_tokens")) : List.of());
    }

    private BpeModel.Options modelOptions(JsonFields model) {
        if (modelType == null && vocab == null && mergeLefts.isEmpty()) {
            throw problem("model", "missing: expected the model object with its vocab and merges");
        }
        String type = modelType != null ? modelType : (mergeLefts.isEmpty() ? null : "BPE");
        if (!"BPE".equals(type)) {
            throw problem("model.type", "unsupported model type " + type + " (only BPE is supported)");
        }
        if (vocab == null) throw problem("model.vocab", "missing: expected an object of piece to id");
        OptionalDouble dropout = model.optionalNumber("dropout", OptionalDouble.empty());
        if (dropout.isPresent() && dropout.getAsDouble() != 0) {
            throw model.error("dropout", "BPE dropout " + dropout.getAsDouble()
                    + " is not supported (expected null or 0)");
        }
        String unkToken = model.string("unk_token", null);
        if (unkToken != null && !vocab.containsKey(unkToken)) {
            throw model.error("unk_token", "\"" + unkToken + "\" is not in the vocabulary");
        }
        return new BpeModel.Options(unkToken, model.bool("fuse_unk", false), model.bool("byte_fallback", false),
                model.bool("ignore_merges", false), model.string("continuing_subword_prefix", null),
                model.string("end_of_word_suffix", null));
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
            throw problem("model.merges[" + rank + "]", "\"" + piece + "\" is not in the vocabulary");
        }
        return id;
    }

    private static List<AddedToken> addedTokens(List<JsonFields> entries) {
        List<AddedToken> tokens = new ArrayList<>(entries.size());
        for (JsonFields token : entries) {
            boolean special = token.bool("special", false);
            tokens.add(new AddedToken(token.count("id"), token.string("content"), special,
                    token.bool("normalized", !special), token.bool("lstrip", false), token.bool("rstrip", false),
                    token.bool("single_word", false)));
        }
        return tokens;
    }

    private FormatException problem(String field, String problem) {
        return new FormatException(file, field, problem);
    }
}
