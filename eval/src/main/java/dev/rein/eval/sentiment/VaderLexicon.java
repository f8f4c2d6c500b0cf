package dev.rein.eval.sentiment;

import dev.rein.formats.FormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * VADER's two data files, read as vaderSentiment 3.3.2 reads them: {@code vader_lexicon.txt} (a word or emoticon, a
 * tab, its mean valence from -4 to 4, then the standard deviation and the ten raters' scores, which VADER ignores)
 * and {@code emoji_utf8_lexicon.txt} (an emoji, a tab, its description). A word listed twice keeps its last valence,
 * as in the Python dictionary (the 3.3.2 lexicon lists {@code lol}, {@code ok} and a dozen others twice). Blank lines
 * are skipped; any other line without a tab, or a valence that is not a decimal number, is a
 * {@link FormatException} naming the file and line.
 */
record VaderLexicon(Map<String, Double> valences, Map<String, String> emojiDescriptions) {
    static final String LEXICON_FILE = "vader_lexicon.txt";
    static final String EMOJI_FILE = "emoji_utf8_lexicon.txt";

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    VaderLexicon {
        valences = Map.copyOf(valences);
        emojiDescriptions = Map.copyOf(emojiDescriptions);
    }

    /** Reads both files from {@code folder}. */
    static VaderLexicon read(Path folder) throws IOException {
        Map<String, Double> valences = new HashMap<>();
        Path lexicon = folder.resolve(LEXICON_FILE);
        readPairs(lexicon, (where, pair) -> valences.put(pair[0], valence(lexicon, where, pair[1])));
        Map<String, String> emoji = new HashMap<>();
        readPairs(folder.resolve(EMOJI_FILE), (where, pair) -> emoji.put(pair[0], pair[1]));
        return new VaderLexicon(valences, emoji);
    }

    /** Whether the lower-cased {@code word} is in the lexicon. */
    boolean contains(String word) {
        return valences.containsKey(word);
    }

    /** The valence of the lower-cased {@code word}, which must be in the lexicon. */
    double valence(String word) {
        return valences.get(word);
    }

    /** The description of the single code point {@code character} when it is a listed emoji, else null. */
    String emojiDescription(String character) {
        return emojiDescriptions.get(character);
    }

    /** Hands each line's first two tab-separated fields, after Python's {@code line.strip()}, to {@code pair}. */
    private static void readPairs(Path file, BiConsumer<String, String[]> pair) throws IOException {
        if (!Files.isRegularFile(file)) throw new FormatException(file, null, "no such file");
        String[] lines = utf8(file).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = PythonText.strip(lines[i]);
            if (line.isEmpty()) continue;
            String where = "line " + (i + 1);
            String[] fields = line.split("\t", -1);
            if (fields.length < 2) {
                throw new FormatException(file, where, "expected at least two tab-separated fields, found \""
                        + line + "\"");
            }
            pair.accept(where, fields);
        }
    }

    private static double valence(Path file, String where, String field) {
        double valence = DECIMAL.matcher(field).matches() ? Double.parseDouble(field) : Double.NaN;
        if (!Double.isFinite(valence)) {
            throw new FormatException(file, where, "expected a finite decimal valence in the second field, found \""
                    + field + "\"");
        }
        return valence;
    }

    private static String utf8(Path file) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new FormatException(file, null, "is not UTF-8 text", e);
        }
    }
}
