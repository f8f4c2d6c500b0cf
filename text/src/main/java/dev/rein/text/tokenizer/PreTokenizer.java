package dev.rein.text.tokenizer;

import dev.rein.formats.json.JsonFields;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Cuts normalized text into the words the model tokenizes one by one ({@code "pre_tokenizer"} in
 * tokenizer.json), following the Hugging Face {@code tokenizers} pre-tokenizer of the same name. Each piece
 * of text is handled on its own and gives zero or more non-empty pieces, still aligned to the original text.
 */
sealed interface PreTokenizer {

    /** Gives the words of {@code piece} to {@code words}, in order. */
    void preTokenize(NormalizedText piece, Consumer<NormalizedText> words);

    /**
     * GPT-2's byte level: optionally a leading space, optionally GPT-2's word regex, then every byte spelled
     * with {@link ByteLevelAlphabet} (the pre-tokenizer's own {@code trim_offsets} flag is only used by the
     * post-processor of the same name).
     */
    record ByteLevel(boolean addPrefixSpace, boolean useRegex) implements PreTokenizer {
        private static final TextPattern GPT2_WORDS = TextPattern.regex(
                "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+");

        @Override
        public void preTokenize(NormalizedText piece, Consumer<NormalizedText> words) {
            NormalizedText text = addPrefixSpace && !piece.text().startsWith(" ") ? piece.prepend(" ") : piece;
            if (useRegex) {
                SplitBehavior.ISOLATED.forEachPiece(text.text(), GPT2_WORDS, false,
                        (start, end) -> words.accept(spellBytes(text, start, end)));
            } else {
                words.accept(spellBytes(text, 0, text.length()));
            }
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
        public void preTokenize(NormalizedText piece, Consumer<NormalizedText> words) {
            piece = Normalizer.Replace.replaceAll(piece, SPACE, replacement);
            boolean prepend = switch (prependScheme) {
                case ALWAYS -> true;
                case FIRST -> piece.originalOffset() == 0;
                case NEVER -> false;
            };
            if (prepend && !piece.text().startsWith(replacement)) {
                piece = piece.prepend(replacement);
            }
            if (!split) {
                if (!piece.isEmpty()) words.accept(piece);
                return;
            }
            SplitBehavior.MERGED_WITH_NEXT.split(piece, new TextPattern.Literal(replacement), false, words);
        }

        /**
         * Metaspace settings, shared by the pre-tokenizer and the decoder, including the older form with
         * {@code add_prefix_space} instead of {@code prepend_scheme}.
         */
        static Metaspace fromJson(JsonFields json) {
            String schemeName = json.string("prepend_scheme", null);
            PrependScheme scheme = schemeName == null ? PrependScheme.ALWAYS : switch (schemeName) {
                case "always", "first", "never" -> PrependScheme.valueOf(schemeName.toUpperCase(Locale.ROOT));
                default -> throw json.error("prepend_scheme",
                        "unknown prepend_scheme " + schemeName + " (expected always, first or never)");
            };
            if (!json.bool("add_prefix_space", true)) {
                if (schemeName != null && scheme != PrependScheme.NEVER) {
                    throw json.error("add_prefix_space false contradicts prepend_scheme " + schemeName);
                }
                scheme = PrependScheme.NEVER;
            }
            return new Metaspace(json.character("replacement"), scheme, json.bool("split", true));
        }
    }

    /** Splits around the matches of a pattern. */
    record Split(TextPattern pattern, SplitBehavior behavior, boolean invert) implements PreTokenizer {
        @Override
        public void preTokenize(NormalizedText piece, Consumer<NormalizedText> words) {
            behavior.split(piece, pattern, invert, words);
        }
    }

    /** Words of letters, digits and underscores, and runs of other non-space characters; spaces are dropped. */
    record Whitespace() implements PreTokenizer {
        private static final TextPattern WORDS = TextPattern.regex("\\w+|[^\\w\\s]+");

        @Override
        public void preTokenize(NormalizedText piece, Consumer<NormalizedText> words) {
            SplitBehavior.REMOVED.split(piece, WORDS, true, words);
        }
    }

    /** Splits on whitespace (Unicode White_Space), which is dropped. */
    record WhitespaceSplit() implements PreTokenizer {
        private static final TextPattern WHITESPACE = TextPattern.regex("\\s");

        @Override
        public void preTokenize(NormalizedText piece, Consumer<NormalizedText> words) {
            SplitBehavior.REMOVED.split(piece, WHITESPACE, false, words);
        }
    }

    /** Applies pre-tokenizers in order, each to every piece the previous one gave. */
    record Sequence(List<PreTokenizer> preTokenizers) implements PreTokenizer {
        @Override
        public void preTokenize(NormalizedText piece, Consumer<NormalizedText> words) {
            preTokenizeFrom(0, piece, words);
        }

        private void preTokenizeFrom(int index, NormalizedText piece, Consumer<NormalizedText> words) {
            if (index == preTokenizers.size()) {
                words.accept(piece);
            } else {
                preTokenizers.get(index).preTokenize(piece, word -> preTokenizeFrom(index + 1, word, words));
            }
        }
    }

    /** The pre-tokenizer described by {@code json} (a tokenizer.json {@code "pre_tokenizer"} object). */
    static PreTokenizer fromJson(JsonFields json) {
        String type = json.string("type");
        return switch (type) {
            case "ByteLevel" -> new ByteLevel(json.bool("add_prefix_space", true), json.bool("use_regex", true));
            case "Metaspace" -> Metaspace.fromJson(json);
            case "Split" -> {
                String behaviorName = json.string("behavior");
                SplitBehavior behavior = SplitBehavior.fromJsonName(behaviorName);
                if (behavior == null) {
                    throw json.error("behavior", "unknown split behavior " + behaviorName
                            + " (expected Removed, Isolated, MergedWithPrevious, MergedWithNext or Contiguous)");
                }
                yield new Split(TextPattern.fromJson(json.object("pattern")), behavior, json.bool("invert", false));
            }
            case "Whitespace" -> new Whitespace();
            case "WhitespaceSplit" -> new WhitespaceSplit();
            case "Sequence" ->
                    new Sequence(json.objects("pretokenizers").stream().map(PreTokenizer::fromJson).toList());
            default -> throw json.error("type", "unsupported pre_tokenizer type " + type);
        };
    }
}
