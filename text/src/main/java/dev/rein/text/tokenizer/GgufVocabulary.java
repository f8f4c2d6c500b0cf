package dev.rein.text.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rein.formats.FormatException;
import dev.rein.formats.gguf.GgufValue;
import dev.rein.formats.gguf.GgufValueType;
import dev.rein.formats.json.JsonFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code tokenizer.*} metadata of a GGUF file for a Hugging Face BPE tokenizer, as llama.cpp's converter writes
 * it ({@code gguf-py}'s vocab and the converter's {@code _set_vocab_gpt2} / {@code _set_vocab_sentencepiece}), so
 * that llama.cpp and {@link GgufTokenizer} read back the same tokenizer:
 * <ul>
 *   <li>byte-fallback BPE (SentencePiece converted, Llama 2, llama2.c) as model {@code llama}: tokens, scores
 *       (minus the rank of the first merge that makes the token, so that highest score first is the merge order),
 *       token types ({@code <0xNN>} bytes, control, user-defined, unknown, unused);</li>
 *   <li>byte-level BPE as model {@code gpt2}: tokens, types and merges, with {@code tokenizer.ggml.pre} named from
 *       the pre-tokenizer ({@code gpt2} for GPT-2's, {@code llama-bpe} and {@code qwen2} for those split
 *       patterns).</li>
 * </ul>
 * Ids without a token (a vocabulary smaller than the embedding) get {@code [PADn]} of type unused; added tokens
 * beyond the embedding (Gemma 3's {@code <image_soft_token>}) are left out. BOS, EOS, padding
 * and unknown ids, whether encoding adds BOS and EOS (what the tokenizer does to an empty text) and the chat template
 * are written too.
 */
public final class GgufVocabulary {
    private static final String PREFIX = "tokenizer.ggml.";
    private static final Pattern BYTE_TOKEN = Pattern.compile("<0x[0-9A-Fa-f]{2}>");

    private GgufVocabulary() {
    }

    /**
     * The metadata for {@code tokenizer} (loaded from {@code folder}, whose tokenizer.json this reads) with
     * {@code vocabSize} tokens (the embedding's rows).
     *
     * @throws FormatException when the tokenizer.json cannot be expressed for llama.cpp (a pre-tokenizer it has no
     *                         name for, more tokens than rows)
     */
    public static Map<String, GgufValue> of(Path folder, Tokenizer tokenizer, int vocabSize) throws IOException {
        Path file = folder.resolve(Tokenizer.FILE_NAME);
        JsonNode json = JsonFiles.read(file);
        JsonNode model = json.path("model");
        List<String> tokens = new ArrayList<>();
        long[] types = new long[vocabSize];
        for (int id = 0; id < vocabSize; id++) tokens.add(null);
        for (var entry : model.path("vocab").properties()) {
            put(file, tokens, types, entry.getValue().asInt(), entry.getKey(), LlamaCppVocabulary.NORMAL);
        }
        for (JsonNode added : json.path("added_tokens")) {
            int id = added.path("id").asInt();
            if (id >= vocabSize) continue; // beyond the embedding (Gemma 3's <image_soft_token>): unusable
            put(file, tokens, types, id, added.path("content").asText(),
                    added.path("special").asBoolean() ? LlamaCppVocabulary.CONTROL : LlamaCppVocabulary.USER_DEFINED);
        }
        for (int id = 0; id < vocabSize; id++) {
            if (tokens.get(id) == null) {
                tokens.set(id, "[PAD" + id + "]");
                types[id] = LlamaCppVocabulary.UNUSED;
            }
        }
        List<String> merges = merges(model.path("merges"));
        Map<String, GgufValue> metadata = new LinkedHashMap<>();
        if (model.path("byte_fallback").asBoolean(false)) {
            sentencePiece(metadata, json, tokens, types, merges, tokenizer);
        } else {
            metadata.put(PREFIX + "model", GgufValue.ofString("gpt2"));
            metadata.put(PREFIX + "pre", GgufValue.ofString(preName(file, json.path("pre_tokenizer"))));
            metadata.put(PREFIX + "tokens", GgufValue.ofArray(GgufValueType.STRING, tokens));
            metadata.put(PREFIX + "token_type", ints(types));
            metadata.put(PREFIX + "merges", GgufValue.ofArray(GgufValueType.STRING, merges));
        }
        TokenizerConfig config = tokenizer.tokenizerConfig();
        id(metadata, "bos_token_id", config.bosToken(), tokenizer);
        id(metadata, "eos_token_id", config.eosToken(), tokenizer);
        id(metadata, "unknown_token_id", config.unkToken(), tokenizer);
        id(metadata, "padding_token_id", config.padToken(), tokenizer);
        int[] empty = tokenizer.encode("");
        int bos = config.bosToken() == null ? -1 : tokenizer.pieceToId(config.bosToken());
        int eos = config.eosToken() == null ? -1 : tokenizer.pieceToId(config.eosToken());
        metadata.put(PREFIX + "add_bos_token", GgufValue.ofBool(empty.length > 0 && empty[0] == bos));
        metadata.put(PREFIX + "add_eos_token", GgufValue.ofBool(empty.length > 0 && empty[empty.length - 1] == eos
                && (empty.length > 1 || bos != eos)));
        if (config.chatTemplate() != null) {
            metadata.put("tokenizer.chat_template", GgufValue.ofString(config.chatTemplate()));
        }
        return metadata;
    }

    private static void sentencePiece(Map<String, GgufValue> metadata, JsonNode json, List<String> tokens,
            long[] types, List<String> merges, Tokenizer tokenizer) {
        Map<String, Integer> firstRank = new HashMap<>();
        for (int rank = 0; rank < merges.size(); rank++) {
            firstRank.putIfAbsent(merges.get(rank).replace(" ", ""), rank);
        }
        List<Double> scores = new ArrayList<>();
        String unknown = tokenizer.tokenizerConfig().unkToken();
        for (int id = 0; id < tokens.size(); id++) {
            String token = tokens.get(id);
            if (types[id] == LlamaCppVocabulary.NORMAL && BYTE_TOKEN.matcher(token).matches()) {
                types[id] = LlamaCppVocabulary.BYTE;
            }
            if (types[id] == LlamaCppVocabulary.CONTROL && token.equals(unknown)) {
                types[id] = LlamaCppVocabulary.UNKNOWN;
            }
            scores.add(types[id] == LlamaCppVocabulary.NORMAL ? -(double) firstRank.getOrDefault(token, merges.size())
                    : types[id] == LlamaCppVocabulary.BYTE ? 0.0 : -1000.0);
        }
        boolean prefixSpace = json.path("normalizer").toString().contains("\"Prepend\"");
        metadata.put(PREFIX + "model", GgufValue.ofString("llama"));
        metadata.put(PREFIX + "pre", GgufValue.ofString("default"));
        metadata.put(PREFIX + "tokens", GgufValue.ofArray(GgufValueType.STRING, tokens));
        metadata.put(PREFIX + "scores", GgufValue.ofArray(GgufValueType.FLOAT32, scores));
        metadata.put(PREFIX + "token_type", ints(types));
        metadata.put(PREFIX + "add_space_prefix", GgufValue.ofBool(prefixSpace));
    }

    /** llama.cpp's name for a byte-level pre-tokenizer: GPT-2's alone, or a split pattern it knows. */
    private static String preName(Path file, JsonNode pre) {
        if (pre.path("type").asText().equals("ByteLevel") && pre.path("use_regex").asBoolean(true)) {
            return LlamaCppVocabulary.GPT2;
        }
        for (JsonNode step : pre.path("pretokenizers")) {
            String regex = step.path("pattern").path("Regex").asText(null);
            if (regex == null) continue;
            if (regex.equals(LlamaCppVocabulary.LLAMA3_PATTERN)) return "llama-bpe";
            if (regex.equals(LlamaCppVocabulary.QWEN2_PATTERN)) return "qwen2";
        }
        throw new FormatException(file, "pre_tokenizer", "this pre-tokenizer has no llama.cpp name; GGUF files can "
                + "hold GPT-2's, Llama 3's and Qwen 2's");
    }

    private static void put(Path file, List<String> tokens, long[] types, int id, String token, int type) {
        if (id < 0 || id >= tokens.size()) {
            throw new FormatException(file, "model.vocab", "token id " + id + " of \"" + token + "\" is not below "
                    + "the model's vocabulary size " + tokens.size());
        }
        tokens.set(id, token);
        types[id] = type;
    }

    private static List<String> merges(JsonNode merges) {
        List<String> list = new ArrayList<>();
        for (JsonNode merge : merges) {
            list.add(merge.isTextual() ? merge.textValue() : merge.get(0).asText() + " " + merge.get(1).asText());
        }
        return list;
    }

    private static void id(Map<String, GgufValue> metadata, String key, String token, Tokenizer tokenizer) {
        if (token == null) return;
        int id = tokenizer.pieceToId(token);
        if (id >= 0) metadata.put(PREFIX + key, GgufValue.ofUint32(id));
    }

    private static GgufValue ints(long[] values) {
        return GgufValue.ofArray(GgufValueType.INT32, Arrays.stream(values).boxed().toList());
    }
}
