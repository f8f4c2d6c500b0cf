package dev.rein.data.stories;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * BPE merges that spell each of a set of words as one token. They are learned as BPE training learns them, on
 * the words themselves (each counted once): the most frequent pair of neighbouring symbols is merged, everywhere,
 * until every word is one symbol; ties go to the pair that sorts first, so the result depends on nothing but the
 * words. Encoding a word with these merges in rank order, as BPE does, repeats its training steps (a merge only
 * creates pairs of higher rank), so each word ends as one token.
 */
final class WordMerges {
    /** One merge: two neighbouring pieces become their concatenation. */
    record Merge(String left, String right) {
        String merged() {
            return left + right;
        }
    }

    private static final Comparator<Map.Entry<Merge, Integer>> MOST_FREQUENT_FIRST =
            Map.Entry.<Merge, Integer>comparingByValue().reversed()
                    .thenComparing(entry -> entry.getKey().left())
                    .thenComparing(entry -> entry.getKey().right());

    private WordMerges() {
    }

    /** The merges, in rank order, that make each of {@code words} (non-empty strings) one token. */
    static List<Merge> of(Collection<String> words) {
        List<List<String>> spelled = new ArrayList<>();
        for (String word : new TreeSet<>(words)) {
            List<String> symbols = new ArrayList<>(word.length());
            word.codePoints().forEach(c -> symbols.add(Character.toString(c)));
            if (symbols.size() > 1) spelled.add(symbols);
        }
        List<Merge> merges = new ArrayList<>();
        while (!spelled.isEmpty()) {
            Merge best = mostFrequentPair(spelled);
            merges.add(best);
            for (List<String> symbols : spelled) apply(best, symbols);
            spelled.removeIf(symbols -> symbols.size() == 1);
        }
        return merges;
    }

    private static Merge mostFrequentPair(List<List<String>> words) {
        Map<Merge, Integer> counts = new HashMap<>();
        for (List<String> symbols : words) {
            for (int i = 0; i + 1 < symbols.size(); i++) {
                counts.merge(new Merge(symbols.get(i), symbols.get(i + 1)), 1, Integer::sum);
            }
        }
        return counts.entrySet().stream().min(MOST_FREQUENT_FIRST).orElseThrow().getKey();
    }

    /** Merges every occurrence of the pair, left to right. */
    private static void apply(Merge merge, List<String> symbols) {
        for (int i = 0; i + 1 < symbols.size(); i++) {
            if (symbols.get(i).equals(merge.left()) && symbols.get(i + 1).equals(merge.right())) {
                symbols.set(i, merge.merged());
                symbols.remove(i + 1);
            }
        }
    }
}
