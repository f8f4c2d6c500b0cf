package dev.rein.text.tokenizer;

import dev.rein.formats.json.JsonFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The last step of encoding ({@code "post_processor"} in tokenizer.json): adds special tokens such as BOS
 * around the encoded sequence (or pair of sequences) and adjusts token ranges, following the Hugging Face
 * {@code tokenizers} processor of the same name.
 */
sealed interface PostProcessor {

    /**
     * Processes the encoded sequences (one, or two for a pair) and returns the parts of the result, to be
     * concatenated in order.
     *
     * @param addSpecialTokens whether special tokens are added (else only ranges are adjusted)
     * @param pieces           id to vocabulary piece
     */
    List<TokenBuffer> process(List<TokenBuffer> sequences, boolean addSpecialTokens, IntFunction<String> pieces);

    /** One element of a template: a sequence (0 for A, 1 for B) or a named special token. */
    sealed interface TemplatePiece {
    }

    /** The encoded sequence A (0) or B (1). */
    record SequencePiece(int sequence) implements TemplatePiece {
    }

    /** The special token {@code name} of the template's special-token table. */
    record SpecialPiece(String name) implements TemplatePiece {
    }

    /**
     * TemplateProcessing: the single and pair templates, and the ids of each special token they name. An added
     * special token gets an empty range where it was inserted: the start of the text before sequence A, the
     * end of the text after it.
     */
    record Template(List<TemplatePiece> single, List<TemplatePiece> pair, Map<String, int[]> specialTokens)
            implements PostProcessor {
        @Override
        public List<TokenBuffer> process(List<TokenBuffer> sequences, boolean addSpecialTokens,
                                         IntFunction<String> pieces) {
            List<TemplatePiece> template = sequences.size() == 2 ? pair : single;
            List<TokenBuffer> parts = new ArrayList<>();
            int position = 0;
            for (TemplatePiece piece : template) {
                switch (piece) {
                    case SequencePiece sequence -> {
                        TokenBuffer tokens = sequences.get(sequence.sequence());
                        parts.add(tokens);
                        position = tokens.textLength();
                    }
                    case SpecialPiece special -> {
                        if (addSpecialTokens) {
                            TokenBuffer inserted = new TokenBuffer(0);
                            for (int id : specialTokens.get(special.name())) inserted.add(id, position, position);
                            parts.add(inserted);
                        }
                    }
                }
            }
            return parts;
        }
    }

    /**
     * ByteLevel: with {@code trimOffsets}, token ranges leave out the spaces at the ends of the token (except
     * the single space a prefix-space pre-tokenizer added in front of the first token).
     */
    record ByteLevel(boolean trimOffsets, boolean addPrefixSpace) implements PostProcessor {
        private static final char SPACE = ByteLevelAlphabet.charOf(' ');

        @Override
        public List<TokenBuffer> process(List<TokenBuffer> sequences, boolean addSpecialTokens,
                                         IntFunction<String> pieces) {
            if (!trimOffsets) return sequences;
            for (TokenBuffer tokens : sequences) {
                for (int i = 0; i < tokens.size(); i++) {
                    trim(tokens, i, pieces.apply(tokens.id(i)));
                }
            }
            return sequences;
        }

        private void trim(TokenBuffer tokens, int index, String piece) {
            int leading = 0;
            while (leading < piece.length() && isSpace(piece.charAt(leading))) leading++;
            int trailing = 0;
            while (trailing < piece.length() && isSpace(piece.charAt(piece.length() - 1 - trailing))) trailing++;
            int start = tokens.start(index);
            int end = tokens.end(index);
            if (leading > 0) {
                boolean first = index == 0 || start == 0;
                if (!(first && addPrefixSpace && leading == 1)) start = Math.min(start + leading, end);
            }
            if (trailing > 0 && end >= trailing) end = Math.max(end - trailing, start);
            tokens.setRange(index, start, end);
        }

        private static boolean isSpace(char c) {
            return c == SPACE || UnicodeChars.isWhitespace(c);
        }
    }

    /** Applies processors in order. */
    record Sequence(List<PostProcessor> processors) implements PostProcessor {
        @Override
        public List<TokenBuffer> process(List<TokenBuffer> sequences, boolean addSpecialTokens,
                                         IntFunction<String> pieces) {
            for (PostProcessor processor : processors) {
                sequences = processor.process(sequences, addSpecialTokens, pieces);
            }
            return sequences;
        }
    }

    /** The post-processor described by {@code json} (a tokenizer.json {@code "post_processor"} object). */
    static PostProcessor fromJson(JsonFields json) {
        String type = json.string("type");
        return switch (type) {
            case "TemplateProcessing" -> template(json);
            case "ByteLevel" -> new ByteLevel(json.bool("trim_offsets", true), json.bool("add_prefix_space", true));
            case "Sequence" ->
                    new Sequence(json.objects("processors").stream().map(PostProcessor::fromJson).toList());
            default -> throw json.error("type", "unsupported post_processor type " + type);
        };
    }

    private static Template template(JsonFields json) {
        Map<String, int[]> specialTokens = new LinkedHashMap<>();
        JsonFields table = json.object("special_tokens");
        for (String name : table.names()) {
            specialTokens.put(name, table.object(name).counts("ids"));
        }
        return new Template(templatePieces(json, "single", specialTokens),
                templatePieces(json, "pair", specialTokens), Map.copyOf(specialTokens));
    }

    private static List<TemplatePiece> templatePieces(JsonFields json, String name, Map<String, int[]> specialTokens) {
        List<TemplatePiece> pieces = new ArrayList<>();
        for (JsonFields element : json.objects(name)) {
            if (element.containsKey("Sequence")) {
                JsonFields sequence = element.object("Sequence");
                String id = sequence.string("id");
                switch (id) {
                    case "A" -> pieces.add(new SequencePiece(0));
                    case "B" -> pieces.add(new SequencePiece(1));
                    default -> throw sequence.error("id", "expected A or B, found " + id);
                }
            } else if (element.containsKey("SpecialToken")) {
                JsonFields special = element.object("SpecialToken");
                String id = special.string("id");
                if (!specialTokens.containsKey(id)) {
                    throw special.error("id", id + " is not in special_tokens");
                }
                pieces.add(new SpecialPiece(id));
            } else {
                throw element.error("expected {\"Sequence\": ...} or {\"SpecialToken\": ...}");
            }
        }
        return List.copyOf(pieces);
    }
}
