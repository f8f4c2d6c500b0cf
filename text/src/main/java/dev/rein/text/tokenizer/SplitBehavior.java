package dev.rein.text.tokenizer;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * What a splitting pre-tokenizer does with the delimiters it finds (Hugging Face's
 * {@code SplitDelimiterBehavior}): for "a-b" split on "-", Removed gives [a, b], Isolated [a, -, b],
 * MergedWithPrevious [a-, b], MergedWithNext [a, -b], and Contiguous joins runs of delimiters into one piece.
 */
enum SplitBehavior {
    REMOVED, ISOLATED, MERGED_WITH_PREVIOUS, MERGED_WITH_NEXT, CONTIGUOUS;

    /** The tokenizer.json name ({@code "MergedWithPrevious"}...) of a behaviour, or null if unknown. */
    static SplitBehavior fromJsonName(String name) {
        return switch (name) {
            case "Removed" -> REMOVED;
            case "Isolated" -> ISOLATED;
            case "MergedWithPrevious" -> MERGED_WITH_PREVIOUS;
            case "MergedWithNext" -> MERGED_WITH_NEXT;
            case "Contiguous" -> CONTIGUOUS;
            default -> null;
        };
    }

    /**
     * Splits {@code text} around the matches of {@code pattern} (with {@code invert} the matches are the pieces
     * to keep and the text between them the delimiters), giving each non-empty piece to {@code pieces}.
     */
    void split(NormalizedText text, TextPattern pattern, boolean invert, Consumer<NormalizedText> pieces) {
        forEachPiece(text.text(), pattern, invert, (start, end) -> pieces.accept(text.slice(start, end)));
    }

    /** {@link #split} as char ranges of {@code text}. */
    void forEachPiece(String text, TextPattern pattern, boolean invert, TextPattern.RangeConsumer pieces) {
        if (this == ISOLATED) {
            // Every match and every gap is a piece: no need to look ahead, nor to hold all matches.
            int[] previous = {0};
            pattern.forEachMatch(text, (start, end) -> {
                if (start > previous[0]) pieces.accept(previous[0], start);
                if (end > start) pieces.accept(start, end);
                previous[0] = end;
            });
            if (previous[0] < text.length()) pieces.accept(previous[0], text.length());
            return;
        }
        int[] ranges = pieces(text.length(), pattern.findMatches(text), invert);
        for (int i = 0; i < ranges.length; i += 2) pieces.accept(ranges[i], ranges[i + 1]);
    }

    /** The non-empty pieces around {@code matches} as {@code [start0, end0, start1, end1, ...]} char ranges. */
    private int[] pieces(int length, int[] matches, boolean invert) {
        Segments segments = Segments.cover(length, matches, invert);
        int count = segments.size;
        int[] starts = segments.starts;
        int[] ends = segments.ends;
        boolean[] isMatch = segments.isMatch;
        boolean[] keep = new boolean[count];
        switch (this) {
            case ISOLATED -> Arrays.fill(keep, true);
            case REMOVED -> {
                for (int i = 0; i < count; i++) keep[i] = !isMatch[i];
            }
            case CONTIGUOUS -> mergeRuns(count, starts, ends, isMatch, keep, false);
            case MERGED_WITH_PREVIOUS -> mergeRuns(count, starts, ends, isMatch, keep, true);
            case MERGED_WITH_NEXT -> {
                boolean nextWasMatch = false;
                int kept = -1;
                for (int i = count - 1; i >= 0; i--) {
                    if (isMatch[i] && !nextWasMatch && kept >= 0) {
                        starts[kept] = starts[i];
                    } else {
                        keep[i] = true;
                        kept = i;
                    }
                    nextWasMatch = isMatch[i];
                }
            }
        }
        int[] ranges = new int[2 * count];
        int size = 0;
        for (int i = 0; i < count; i++) {
            if (keep[i] && ends[i] > starts[i]) {
                ranges[size++] = starts[i];
                ranges[size++] = ends[i];
            }
        }
        return Arrays.copyOf(ranges, size);
    }

    /**
     * Contiguous (joins segments with the same flag as the previous one) and MergedWithPrevious (joins a match to
     * the non-match before it).
     */
    private static void mergeRuns(int count, int[] starts, int[] ends, boolean[] isMatch, boolean[] keep,
                                  boolean onlyMatchesIntoNonMatches) {
        boolean previousWasMatch = false;
        int kept = -1;
        for (int i = 0; i < count; i++) {
            boolean join = onlyMatchesIntoNonMatches ? isMatch[i] && !previousWasMatch : isMatch[i] == previousWasMatch;
            if (join && kept >= 0) {
                ends[kept] = ends[i];
            } else {
                keep[i] = true;
                kept = i;
            }
            previousWasMatch = isMatch[i];
        }
    }

    /** The matches and the gaps between them, covering the whole text (an empty text is one empty gap). */
    private record Segments(int[] starts, int[] ends, boolean[] isMatch, int size) {
        static Segments cover(int length, int[] matches, boolean invert) {
            int capacity = matches.length + 2;
            int[] starts = new int[capacity];
            int[] ends = new int[capacity];
            boolean[] isMatch = new boolean[capacity];
            int size = 0;
            int previous = 0;
            for (int m = 0; m < matches.length; m += 2) {
                if (matches[m] != previous) {
                    starts[size] = previous;
                    ends[size] = matches[m];
                    isMatch[size++] = invert;
                }
                starts[size] = matches[m];
                ends[size] = matches[m + 1];
                isMatch[size++] = !invert;
                previous = matches[m + 1];
            }
            if (previous != length || size == 0) {
                starts[size] = previous;
                ends[size] = length;
                isMatch[size++] = invert;
            }
            return new Segments(starts, ends, isMatch, size);
        }
    }
}
