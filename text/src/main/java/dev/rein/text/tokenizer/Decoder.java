package dev.rein.text.tokenizer;

import dev.rein.formats.json.JsonFields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns token pieces back into text ({@code "decoder"} in tokenizer.json), following the Hugging Face
 * {@code tokenizers} decoder of the same name: each decoder maps the list of pieces to a new list, and the
 * final list is concatenated.
 */
sealed interface Decoder {

    List<String> decodeChain(List<String> pieces);

    /** GPT-2's byte level: every piece spelled in {@link ByteLevelAlphabet} back to bytes, decoded as UTF-8. */
    record ByteLevel() implements Decoder {
        @Override
        public List<String> decodeChain(List<String> pieces) {
            ByteSink bytes = new ByteSink();
            byte[] encoded = new byte[4];
            for (String piece : pieces) {
                if (isSpelledInBytes(piece)) {
                    for (int i = 0; i < piece.length(); i++) bytes.add(ByteLevelAlphabet.byteOf(piece.charAt(i)));
                } else {
                    // A piece outside the alphabet (an added token such as a CJK word) stands for its own UTF-8.
                    for (int i = 0; i < piece.length(); ) {
                        int codePoint = piece.codePointAt(i);
                        int count = Utf8.encode(codePoint, encoded);
                        for (int b = 0; b < count; b++) bytes.add(encoded[b]);
                        i += Character.charCount(codePoint);
                    }
                }
            }
            return List.of(Utf8.decodeLossy(bytes.bytes, 0, bytes.size));
        }

        private static boolean isSpelledInBytes(String piece) {
            for (int i = 0; i < piece.length(); i++) {
                if (ByteLevelAlphabet.byteOf(piece.charAt(i)) < 0) return false;
            }
            return true;
        }
    }

    /**
     * SentencePiece style: {@code replacement} becomes a space, except in the first piece where it is removed
     * (unless the pre-tokenizer never prepends one).
     */
    record Metaspace(String replacement, PreTokenizer.PrependScheme prependScheme) implements Decoder {
        @Override
        public List<String> decodeChain(List<String> pieces) {
            List<String> decoded = new ArrayList<>(pieces.size());
            for (int i = 0; i < pieces.size(); i++) {
                String space = i == 0 && prependScheme != PreTokenizer.PrependScheme.NEVER ? "" : " ";
                decoded.add(pieces.get(i).replace(replacement, space));
            }
            return decoded;
        }
    }

    /**
     * Runs of byte pieces ({@code <0x41>}) become the text they spell in UTF-8, or one U+FFFD per byte when they
     * are not valid UTF-8.
     */
    record ByteFallback() implements Decoder {
        @Override
        public List<String> decodeChain(List<String> pieces) {
            List<String> decoded = new ArrayList<>(pieces.size());
            ByteSink run = new ByteSink();
            for (String piece : pieces) {
                int value = byteValue(piece);
                if (value >= 0) {
                    run.add((byte) value);
                    continue;
                }
                flush(run, decoded);
                decoded.add(piece);
            }
            flush(run, decoded);
            return decoded;
        }

        private static void flush(ByteSink run, List<String> decoded) {
            if (run.size == 0) return;
            String text = Utf8.decodeStrict(run.bytes, 0, run.size);
            if (text != null) {
                decoded.add(text);
            } else {
                for (int i = 0; i < run.size; i++) decoded.add("\uFFFD");
            }
            run.clear();
        }

        /** The byte a piece {@code <0xAB>} stands for, or -1. */
        static int byteValue(String piece) {
            if (piece.length() != 6 || !piece.startsWith("<0x") || piece.charAt(5) != '>') return -1;
            int high = hexDigit(piece.charAt(3));
            int low = hexDigit(piece.charAt(4));
            return high < 0 || low < 0 ? -1 : high * 16 + low;
        }

        private static int hexDigit(char c) {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }
    }

    /** Joins all pieces into one. */
    record Fuse() implements Decoder {
        @Override
        public List<String> decodeChain(List<String> pieces) {
            return List.of(String.join("", pieces));
        }
    }

    /** Removes up to {@code start} leading and {@code stop} trailing {@code content} characters of each piece. */
    record Strip(String content, int start, int stop) implements Decoder {
        @Override
        public List<String> decodeChain(List<String> pieces) {
            List<String> decoded = new ArrayList<>(pieces.size());
            for (String piece : pieces) {
                int from = 0;
                for (int n = 0; n < start && piece.startsWith(content, from); n++) from += content.length();
                int to = piece.length();
                for (int n = 0; n < stop && to - content.length() >= from
                        && piece.startsWith(content, to - content.length()); n++) {
                    to -= content.length();
                }
                decoded.add(piece.substring(from, to));
            }
            return decoded;
        }
    }

    /** Replaces the matches of {@code pattern} in each piece with {@code content}. */
    record Replace(TextPattern pattern, String content) implements Decoder {
        @Override
        public List<String> decodeChain(List<String> pieces) {
            List<String> decoded = new ArrayList<>(pieces.size());
            for (String piece : pieces) decoded.add(pattern.replaceAll(piece, content));
            return decoded;
        }
    }

    /** Applies decoders in order. */
    record Sequence(List<Decoder> decoders) implements Decoder {
        @Override
        public List<String> decodeChain(List<String> pieces) {
            for (Decoder decoder : decoders) pieces = decoder.decodeChain(pieces);
            return pieces;
        }
    }

    /** Whether {@code decoder} is, or has in its sequence, a decoder of class {@code type}. */
    static boolean contains(Decoder decoder, Class<? extends Decoder> type) {
        if (type.isInstance(decoder)) return true;
        if (decoder instanceof Sequence sequence) {
            for (Decoder element : sequence.decoders()) {
                if (contains(element, type)) return true;
            }
        }
        return false;
    }

    /** The decoder described by {@code json} (a tokenizer.json {@code "decoder"} object). */
    static Decoder fromJson(JsonFields json) {
        String type = json.string("type");
        return switch (type) {
            case "ByteLevel" -> new ByteLevel();
            case "Metaspace" -> {
                PreTokenizer.Metaspace settings = PreTokenizer.Metaspace.fromJson(json);
                yield new Metaspace(settings.replacement(), settings.prependScheme());
            }
            case "ByteFallback" -> new ByteFallback();
            case "Fuse" -> new Fuse();
            case "Strip" -> new Strip(json.character("content"), json.count("start"), json.count("stop"));
            case "Replace" -> new Replace(TextPattern.fromJson(json.object("pattern")), json.string("content"));
            case "Sequence" -> new Sequence(json.objects("decoders").stream().map(Decoder::fromJson).toList());
            default -> throw json.error("type", "unsupported decoder type " + type);
        };
    }

    /** A growable byte array. */
    final class ByteSink {
        byte[] bytes = new byte[64];
        int size;

        void add(int value) {
            if (size == bytes.length) bytes = Arrays.copyOf(bytes, size * 2);
            bytes[size++] = (byte) value;
        }

        void clear() {
            size = 0;
        }
    }
}
