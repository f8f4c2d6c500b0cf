package dev.rein.models.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Cuts normalized text into the words the model tokenizes one by one ({@code "pre_tokenizer"} in
 * tokenizer.json), following the Hugging Face {@code tokenizers} pre-tokenizer of the same name. Each piece
 * of text is handled on its own and gives zero or more non-empty pieces, still aligned to the original text.
 */
sealed interface PreTokenizer {

    List<NormalizedText> preTokenize(NormalizedText piece);

    /**
     * GPT-2's byte level: optionally a leading space, optionally GPT-2's word regex, then every byte spelled
     * with {@link ByteLevelAlphabet} (the pre-tokenizer's own {@code trim_offsets} flag is only used by the
     * post-processor of the same name).
     */
    record ByteLevel(boolean addPrefixSpace, boolean useRegex) implements PreTokenizer {
        private static final Pattern GPT2_WORDS = OnigurumaRegex.compile(
                "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+");
        private static final TextPattern GPT2_WORD_PATTERN = new TextPattern.Regex(GPT2_WORDS.pattern(), GPT2_WORDS);

        @Override
        public List<NormalizedText> preTokenize(NormalizedText piece) {
            if (addPrefixSpace && !piece.text().startsWith(" ")) {
                piece = piece.prepend(" ");
            }
            int[] words = useRegex
                    ? SplitBehavior.ISOLATED.pieces(piece.length(), GPT2_WORD_PATTERN.findMatches(piece.text()), false)
                    : new int[] {0, piece.length()};
            List<NormalizedText> spelled = new ArrayList<>(words.length / 2);
            for (int i = 0; i < words.length; i += 2) {
                spelled.add(spellBytes(piece, words[i], words[i + 1]));
            }
            return spelled;
        }

        /**
         * Every UTF-8 byte of the chars {@code [from, to)} of {@code text} as its byte-level character, aligned
         * to the char it came from.
         */
        private static NormalizedText spellBytes(NormalizedText text, int from, int to) {
            String chars = text.text();
            char[] spelled = new char[to - from];
            for (int i = from; i < to; i++) {
                char c = chars.charAt(i);
                if (c >= 0x80) return spellMultiByte(text.slice(from, to));
                spelled[i - from] = ByteLevelAlphabet.charOf(c);
            }
            return text.slice(from, to, new String(spelled)); // ASCII: one byte per char, same alignment
        }

        private static NormalizedText spellMultiByte(NormalizedText word) {
            String text = word.text();
            NormalizedText.Builder out = word.rewrite();
            byte[] bytes = new byte[4];
            StringBuilder spelled = new StringBuilder(4);
            for (int i = 0; i < text.length(); ) {
                int codePoint = text.codePointAt(i);
                int next = i + Character.charCount(codePoint);
                int count = Utf8.encode(codePoint, bytes);
                spelled.setLength(0);
                for (int b = 0; b < count; b++) {
                    spelled.append(ByteLevelAlphabet.charOf(bytes[b] & 0xFF));
                }
                out.replace(i, next, spelled);
                i = next;
            }
            return out.build();
        }
    }

    /** When SentencePiece's {@code ▁} goes in front of a piece. */
    enum PrependScheme {
        ALWAYS, FIRST, NEVER
    }

    /** SentencePiece style: spaces become {@code replacement}, which may be prepended, then starts each word. */
    record Metaspace(String replacement, PrependScheme prependScheme, boolean split) implements PreTokenizer {
        private static final TextPattern SPACE = new TextPattern.Literal(" ");

        @Override
        public List<NormalizedText> preTokenize(NormalizedText piece) {
            piece = Normalizer.Replace.replaceAll(piece, SPACE, replacement);
            boolean prepend = switch (prependScheme) {
                case ALWAYS -> true;
                case FIRST -> piece.originalOffset() == 0;
                case NEVER -> false;
            };
            if (prepend && !piece.text().startsWith(replacement)) {
                piece = piece.prepend(replacement);
            }
            if (!split) return piece.isEmpty() ? List.of() : List.of(piece);
            TextPattern delimiter = new TextPattern.Literal(replacement);
            return SplitBehavior.MERGED_WITH_NEXT.split(piece, delimiter.findMatches(piece.text()), false);
        }

        /**
         * Metaspace settings, shared by the pre-tokenizer and the decoder, including the older form with
         * {@code add_prefix_space} instead of {@code prepend_scheme}.
         */
        static Metaspace fromJson(JsonNode node, String path, JsonFields json) {
            String schemeName = json.optionalString(node, path, "prepend_scheme", null);
            PrependScheme scheme = schemeName == null ? PrependScheme.ALWAYS : switch (schemeName) {
                case "always", "first", "never" -> PrependScheme.valueOf(schemeName.toUpperCase(Locale.ROOT));
                default -> throw json.problem(path + ".prepend_scheme",
                        "unknown prepend_scheme " + schemeName + " (expected always, first or never)");
            };
            if (!json.optionalBoolean(node, path, "add_prefix_space", true)) {
                if (schemeName != null && scheme != PrependScheme.NEVER) {
                    throw json.problem(path, "add_prefix_space false contradicts prepend_scheme " + schemeName);
                }
                scheme = PrependScheme.NEVER;
            }
            return new Metaspace(json.character(node, path, "replacement"), scheme,
                    json.optionalBoolean(node, path, "split", true));
        }
    }

    /** Splits around the matches of a pattern. */
    record Split(TextPattern pattern, SplitBehavior behavior, boolean invert) implements PreTokenizer {
        @Override
        public List<NormalizedText> preTokenize(NormalizedText piece) {
            return behavior.split(piece, pattern.findMatches(piece.text()), invert);
        }
    }

    /** Words of letters, digits and underscores, and runs of other non-space characters; spaces are dropped. */
    record Whitespace() implements PreTokenizer {
        private static final Pattern WORDS = OnigurumaRegex.compile("\\w+|[^\\w\\s]+");
        private static final TextPattern WORD_PATTERN = new TextPattern.Regex(WORDS.pattern(), WORDS);

        @Override
        public List<NormalizedText> preTokenize(NormalizedText piece) {
            return SplitBehavior.REMOVED.split(piece, WORD_PATTERN.findMatches(piece.text()), true);
        }
    }

    /** Splits on whitespace, which is dropped. */
    record WhitespaceSplit() implements PreTokenizer {
        @Override
        public List<NormalizedText> preTokenize(NormalizedText piece) {
            String text = piece.text();
            int[] matches = new int[2 * text.length()];
            int count = 0;
            for (int i = 0; i < text.length(); ) {
                int codePoint = text.codePointAt(i);
                int next = i + Character.charCount(codePoint);
                if (UnicodeChars.isWhitespace(codePoint)) {
                    matches[count++] = i;
                    matches[count++] = next;
                }
                i = next;
            }
            return SplitBehavior.REMOVED.split(piece, Arrays.copyOf(matches, count), false);
        }
    }

    /** Applies pre-tokenizers in order, each to every piece the previous one gave. */
    record Sequence(List<PreTokenizer> preTokenizers) implements PreTokenizer {
        @Override
        public List<NormalizedText> preTokenize(NormalizedText piece) {
            List<NormalizedText> pieces = List.of(piece);
            for (PreTokenizer preTokenizer : preTokenizers) {
                List<NormalizedText> next = new ArrayList<>();
                for (NormalizedText current : pieces) {
                    next.addAll(preTokenizer.preTokenize(current));
                }
                pieces = next;
            }
            return pieces;
        }
    }

    /** The pre-tokenizer described by {@code node} (a tokenizer.json {@code "pre_tokenizer"} object). */
    static PreTokenizer fromJson(JsonNode node, String path, JsonFields json) {
        json.object(node, path);
        String type = json.string(node, path, "type");
        return switch (type) {
            case "ByteLevel" -> new ByteLevel(json.optionalBoolean(node, path, "add_prefix_space", true),
                    json.optionalBoolean(node, path, "use_regex", true));
            case "Metaspace" -> Metaspace.fromJson(node, path, json);
            case "Split" -> {
                String behaviorName = json.string(node, path, "behavior");
                SplitBehavior behavior = SplitBehavior.fromJsonName(behaviorName);
                if (behavior == null) {
                    throw json.problem(path + ".behavior", "unknown split behavior " + behaviorName
                            + " (expected Removed, Isolated, MergedWithPrevious, MergedWithNext or Contiguous)");
                }
                yield new Split(TextPattern.fromJson(node.get("pattern"), path + ".pattern", json), behavior,
                        json.optionalBoolean(node, path, "invert", false));
            }
            case "Whitespace" -> new Whitespace();
            case "WhitespaceSplit" -> new WhitespaceSplit();
            case "Sequence" -> {
                List<PreTokenizer> preTokenizers = new ArrayList<>();
                List<JsonNode> elements = json.array(node.get("pretokenizers"), path + ".pretokenizers");
                for (int i = 0; i < elements.size(); i++) {
                    preTokenizers.add(fromJson(elements.get(i), path + ".pretokenizers[" + i + "]", json));
                }
                yield new Sequence(List.copyOf(preTokenizers));
            }
            default -> throw json.problem(path + ".type", "unsupported pre_tokenizer type " + type);
        };
    }
}
