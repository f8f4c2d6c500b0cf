package dev.rein.text.tokenizer;

import dev.rein.formats.json.JsonFields;
import java.util.List;
import java.util.Locale;

/**
 * The first rewrite of the input text in a tokenizer.json pipeline ({@code "normalizer"}): Unicode
 * normalization, lowercasing, the {@code ▁} prefix and space replacement of SentencePiece models. Each
 * implementation follows the Hugging Face {@code tokenizers} normalizer of the same name and keeps the
 * alignment to the original text.
 */
sealed interface Normalizer {

    NormalizedText normalize(NormalizedText text);

    /** NFC, NFD, NFKC or NFKD. */
    record UnicodeForm(java.text.Normalizer.Form form) implements Normalizer {
        @Override
        public NormalizedText normalize(NormalizedText text) {
            String source = text.text();
            if (java.text.Normalizer.isNormalized(source, form)) return text;
            // Normalize segment by segment (a segment ends where the next code point normalizes on its own), so
            // that each output char is aligned to the original chars of its segment.
            NormalizedText.Builder out = text.rewrite();
            int segmentStart = 0;
            int position = 0;
            while (position < source.length()) {
                int next = position + Character.charCount(source.codePointAt(position));
                if (position > segmentStart && startsSegment(source, segmentStart, position, next)) {
                    appendSegment(out, source, segmentStart, position);
                    segmentStart = position;
                }
                position = next;
            }
            appendSegment(out, source, segmentStart, source.length());
            return out.build();
        }

        private boolean startsSegment(String source, int segmentStart, int position, int next) {
            String joined = java.text.Normalizer.normalize(source.substring(segmentStart, next), form);
            String separate = java.text.Normalizer.normalize(source.substring(segmentStart, position), form)
                    + java.text.Normalizer.normalize(source.substring(position, next), form);
            return joined.equals(separate);
        }

        private void appendSegment(NormalizedText.Builder out, String source, int from, int to) {
            String segment = source.substring(from, to);
            String normalized = java.text.Normalizer.normalize(segment, form);
            if (normalized.equals(segment)) {
                out.copy(from, to);
            } else if (!normalized.isEmpty()) {
                out.replace(from, to, normalized);
            }
        }
    }

    /** Lowercases each code point on its own, as Rust's {@code char::to_lowercase} does (no final-sigma rule). */
    record Lowercase() implements Normalizer {
        @Override
        public NormalizedText normalize(NormalizedText text) {
            String source = text.text();
            if (source.toLowerCase(Locale.ROOT).equals(source)) return text;
            NormalizedText.Builder out = text.rewrite();
            for (int i = 0; i < source.length(); ) {
                int codePoint = source.codePointAt(i);
                int next = i + Character.charCount(codePoint);
                String original = source.substring(i, next);
                String lower = original.toLowerCase(Locale.ROOT);
                if (lower.equals(original)) {
                    out.copy(i, next);
                } else {
                    out.replace(i, next, lower);
                }
                i = next;
            }
            return out.build();
        }
    }

    /** Puts {@code prepend} in front of a non-empty text ({@code ▁} for SentencePiece's dummy prefix). */
    record Prepend(String prepend) implements Normalizer {
        @Override
        public NormalizedText normalize(NormalizedText text) {
            return text.prepend(prepend);
        }
    }

    /** Replaces every match of {@code pattern} with {@code content}. */
    record Replace(TextPattern pattern, String content) implements Normalizer {
        @Override
        public NormalizedText normalize(NormalizedText text) {
            return replaceAll(text, pattern, content);
        }

        static NormalizedText replaceAll(NormalizedText text, TextPattern pattern, String content) {
            int[] matches = pattern.findMatches(text.text());
            if (matches.length == 0) return text;
            NormalizedText.Builder out = text.rewrite();
            int copied = 0;
            for (int m = 0; m < matches.length; m += 2) {
                int start = matches[m];
                int end = matches[m + 1];
                out.copy(copied, start);
                if (end > start) {
                    if (!content.isEmpty()) out.replace(start, end, content);
                } else {
                    out.insert(content, start);
                }
                copied = end;
            }
            out.copy(copied, text.length());
            return out.build();
        }
    }

    /** Removes whitespace (Unicode White_Space) at the start and/or end. */
    record Strip(boolean left, boolean right) implements Normalizer {
        @Override
        public NormalizedText normalize(NormalizedText text) {
            String source = text.text();
            int from = 0;
            int to = source.length();
            while (left && from < to && UnicodeChars.isWhitespace(source.codePointAt(from))) {
                from += Character.charCount(source.codePointAt(from));
            }
            while (right && to > from && UnicodeChars.isWhitespace(source.codePointBefore(to))) {
                to -= Character.charCount(source.codePointBefore(to));
            }
            if (from == 0 && to == source.length()) return text;
            return text.rewrite().copy(from, to).build();
        }
    }

    /** Applies normalizers in order. */
    record Sequence(List<Normalizer> normalizers) implements Normalizer {
        @Override
        public NormalizedText normalize(NormalizedText text) {
            for (Normalizer normalizer : normalizers) {
                text = normalizer.normalize(text);
            }
            return text;
        }
    }

    /** The normalizer described by {@code json} (a tokenizer.json {@code "normalizer"} object). */
    static Normalizer fromJson(JsonFields json) {
        String type = json.string("type");
        return switch (type) {
            case "NFC" -> new UnicodeForm(java.text.Normalizer.Form.NFC);
            case "NFD" -> new UnicodeForm(java.text.Normalizer.Form.NFD);
            case "NFKC" -> new UnicodeForm(java.text.Normalizer.Form.NFKC);
            case "NFKD" -> new UnicodeForm(java.text.Normalizer.Form.NFKD);
            case "Lowercase" -> new Lowercase();
            case "Prepend" -> new Prepend(json.string("prepend"));
            case "Replace" -> new Replace(TextPattern.fromJson(json.object("pattern")), json.string("content"));
            case "Strip" -> new Strip(json.bool("strip_left", true), json.bool("strip_right", true));
            case "Sequence" -> new Sequence(json.objects("normalizers").stream().map(Normalizer::fromJson).toList());
            default -> throw json.error("type", "unsupported normalizer type " + type);
        };
    }
}
