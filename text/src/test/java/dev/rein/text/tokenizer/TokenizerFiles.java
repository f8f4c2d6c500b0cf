package dev.rein.text.tokenizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small tokenizer.json files for tests, written from their JSON sections. */
final class TokenizerFiles {
    /** A BPE model over a, b, c with merges "a b" then "ab c", and an unknown token. */
    static final String ABC_MODEL = """
            {"type": "BPE", "unk_token": "<unk>", "fuse_unk": true,
             "vocab": {"<unk>": 0, "a": 1, "b": 2, "c": 3, "ab": 4, "abc": 5, "▁": 6, "▁a": 7},
             "merges": ["a b", ["ab", "c"], "▁ a"]}""";

    private TokenizerFiles() {
    }

    /** A builder of one tokenizer.json; every section not set is null. */
    static Builder tokenizer() {
        return new Builder();
    }

    static final class Builder {
        private String normalizer = "null";
        private String preTokenizer = "null";
        private String model = ABC_MODEL;
        private String postProcessor = "null";
        private String decoder = "null";
        private String addedTokens = "[]";

        Builder normalizer(String json) {
            normalizer = json;
            return this;
        }

        Builder preTokenizer(String json) {
            preTokenizer = json;
            return this;
        }

        Builder model(String json) {
            model = json;
            return this;
        }

        Builder postProcessor(String json) {
            postProcessor = json;
            return this;
        }

        Builder decoder(String json) {
            decoder = json;
            return this;
        }

        Builder addedTokens(String json) {
            addedTokens = json;
            return this;
        }

        String json() {
            return """
                    {"version": "1.0", "truncation": null, "padding": null,
                     "added_tokens": %s, "normalizer": %s, "pre_tokenizer": %s, "post_processor": %s,
                     "decoder": %s, "model": %s}""".formatted(addedTokens, normalizer, preTokenizer, postProcessor,
                    decoder, model);
        }

        /** Writes tokenizer.json into {@code directory} and returns its path. */
        Path write(Path directory) {
            return TokenizerFiles.write(directory, Tokenizer.FILE_NAME, json());
        }

        /** Writes and loads the tokenizer from {@code directory}. */
        Tokenizer load(Path directory) {
            return Tokenizer.load(write(directory));
        }
    }

    /** Writes {@code content} to {@code directory/name}. */
    static Path write(Path directory, String name, String content) {
        try {
            return Files.writeString(directory.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An added token entry of tokenizer.json. */
    static String addedToken(int id, String content, boolean special, boolean normalized, boolean lstrip,
                             boolean rstrip, boolean singleWord) {
        return """
                {"id": %d, "content": "%s", "special": %b, "normalized": %b, "lstrip": %b, "rstrip": %b,
                 "single_word": %b}""".formatted(id, content, special, normalized, lstrip, rstrip, singleWord);
    }
}
