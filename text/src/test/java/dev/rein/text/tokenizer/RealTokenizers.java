package dev.rein.text.tokenizer;

import dev.rein.tensor.testing.SharedData;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The real tokenizers of ../shared/tokenizers, each loaded once per test run (Gemma 3's takes a second). */
final class RealTokenizers {
    private static final Map<String, Tokenizer> LOADED = new ConcurrentHashMap<>();

    private RealTokenizers() {
    }

    /** The tokenizer in ../shared/{@code folder}, e.g. "tokenizers/gemma3" or "models/stories260K". */
    static Tokenizer get(String folder) {
        return LOADED.computeIfAbsent(folder, name -> Tokenizer.load(SharedData.path(name)));
    }
}
