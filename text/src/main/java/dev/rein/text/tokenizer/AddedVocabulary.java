package dev.rein.text.tokenizer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The added tokens of a tokenizer and how they are found in text, following Hugging Face's
 * {@code AddedVocabulary}: tokens with {@code normalized = false} are matched in the raw text first, then the
 * text between them is normalized and tokens with {@code normalized = true} are matched in it (against their
 * own normalized form). Matching is leftmost-longest; {@code single_word}, {@code lstrip} and {@code rstrip}
 * are honoured as Hugging Face does.
 *
 * <p>Immutable: adding tokens gives a new vocabulary.
 */
final class AddedVocabulary {

    /** A stretch of text that is either an added token ({@code tokenId >= 0}) or text for the model. */
    record Segment(NormalizedText text, int tokenId) {
        boolean isToken() {
            return tokenId >= 0;
        }
    }

    private final Map<Integer, AddedToken> tokensById;
    private final Map<String, Integer> idsByContent;
    private final Map<Integer, String> normalizedForms;
    private final Normalizer normalizer;
    private final TokenTrie rawTrie;
    private final TokenTrie normalizedTrie;
    private final int maxId;

    /**
     * @param tokens     the added tokens (a later token with the same content or id replaces an earlier one)
     * @param normalizer the tokenizer's normalizer, or null
     */
    AddedVocabulary(Collection<AddedToken> tokens, Normalizer normalizer) {
        this.normalizer = normalizer;
        this.tokensById = new LinkedHashMap<>();
        this.idsByContent = new HashMap<>();
        this.normalizedForms = new HashMap<>();
        for (AddedToken token : tokens) {
            tokensById.put(token.id(), token);
            idsByContent.put(token.content(), token.id());
        }
        List<String> raw = new ArrayList<>();
        List<Integer> rawIds = new ArrayList<>();
        List<String> normalized = new ArrayList<>();
        List<Integer> normalizedIds = new ArrayList<>();
        for (AddedToken token : tokensById.values()) {
            if (token.normalized()) {
                String form = normalizedForm(token.content());
                if (!form.equals(token.content())) normalizedForms.put(token.id(), form);
                if (!form.isEmpty()) {
                    normalized.add(form);
                    normalizedIds.add(token.id());
                }
            } else if (!token.content().isEmpty()) {
                raw.add(token.content());
                rawIds.add(token.id());
            }
        }
        rawTrie = trie(raw, rawIds);
        normalizedTrie = trie(normalized, normalizedIds);
        maxId = tokensById.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1);
    }

    /** All added tokens, in the order they were given. */
    Collection<AddedToken> tokens() {
        return tokensById.values();
    }

    /** The added token with {@code id}, or null. */
    AddedToken token(int id) {
        return tokensById.get(id);
    }

    /** The id of the added token with {@code content}, or null. */
    Integer idOf(String content) {
        return idsByContent.get(content);
    }

    /** The piece the decoder sees for added token {@code id} (its normalized form when it is matched normalized). */
    String decodingPiece(int id) {
        String form = normalizedForms.get(id);
        if (form != null) return form;
        AddedToken token = tokensById.get(id);
        return token == null ? null : token.content();
    }

    /** The highest added token id, or -1 when there are none. */
    int maxId() {
        return maxId;
    }

    /**
     * Splits {@code text} into added tokens and normalized text, dropping empty stretches. With
     * {@code matchSpecialTokens} false, special tokens are left in the text (non-special added tokens are
     * still matched).
     */
    List<Segment> split(String text, boolean matchSpecialTokens) {
        List<Segment> segments = new ArrayList<>();
        for (Segment raw : findTokens(NormalizedText.of(text, 0, text.length()), rawTrie, matchSpecialTokens)) {
            if (raw.isToken()) {
                segments.add(raw);
            } else {
                NormalizedText normalized = normalizer == null ? raw.text() : normalizer.normalize(raw.text());
                segments.addAll(findTokens(normalized, normalizedTrie, matchSpecialTokens));
            }
        }
        return segments;
    }

    private List<Segment> findTokens(NormalizedText text, TokenTrie trie, boolean matchSpecialTokens) {
        List<Segment> segments = new ArrayList<>();
        String chars = text.text();
        int[] copied = {0};
        trie.findAll(chars, (start, end, id) -> {
            AddedToken token = tokensById.get(id);
            if (!matchSpecialTokens && token.special()) return;
            if (token.singleWord() && (endsWithWordChar(chars, start) || startsWithWordChar(chars, end))) return;
            if (token.leftStrip()) {
                while (start > copied[0] && UnicodeChars.isWhitespace(chars.codePointBefore(start))) {
                    start -= Character.charCount(chars.codePointBefore(start));
                }
            }
            if (token.rightStrip()) {
                while (end < chars.length() && UnicodeChars.isWhitespace(chars.codePointAt(end))) {
                    end += Character.charCount(chars.codePointAt(end));
                }
            }
            // A match inside whitespace swallowed by the previous token's rstrip is dropped.
            if (start < copied[0]) return;
            if (start > copied[0]) segments.add(new Segment(text.slice(copied[0], start), -1));
            segments.add(new Segment(text.slice(start, end), id));
            copied[0] = end;
        });
        if (copied[0] < chars.length()) segments.add(new Segment(text.slice(copied[0], chars.length()), -1));
        return segments;
    }

    private static boolean endsWithWordChar(String text, int end) {
        return end > 0 && UnicodeChars.isWordChar(text.codePointBefore(end));
    }

    private static boolean startsWithWordChar(String text, int start) {
        return start < text.length() && UnicodeChars.isWordChar(text.codePointAt(start));
    }

    private String normalizedForm(String content) {
        if (normalizer == null) return content;
        return normalizer.normalize(NormalizedText.of(content, 0, content.length())).text();
    }

    private static TokenTrie trie(List<String> strings, List<Integer> ids) {
        return new TokenTrie(strings.toArray(String[]::new), ids.stream().mapToInt(Integer::intValue).toArray());
    }
}
