package dev.rein.text.tokenizer;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds added tokens in text: leftmost-longest, non-overlapping matches of a fixed set of strings (what Hugging
 * Face's Aho-Corasick automaton with {@code LeftmostLongest} gives). A trie walk from each position, with a
 * bit set of first characters so that positions no token can start at cost one bit test.
 */
final class TokenTrie {
    private final Node root = new Node();
    private final BitSet firstChars = new BitSet(Character.MAX_VALUE + 1);
    private final boolean empty;

    /** A trie of {@code strings} (non-empty), each reporting {@code values[i]} when matched. */
    TokenTrie(String[] strings, int[] values) {
        for (int i = 0; i < strings.length; i++) {
            Node node = root;
            for (int c = 0; c < strings[i].length(); c++) {
                node = node.children.computeIfAbsent(strings[i].charAt(c), key -> new Node());
            }
            node.value = values[i];
            firstChars.set(strings[i].charAt(0));
        }
        empty = strings.length == 0;
    }

    /** Receives the matches of {@link #findAll}. */
    interface MatchConsumer {
        void accept(int start, int end, int value);
    }

    /** Reports every leftmost-longest match in {@code text}, left to right. */
    void findAll(String text, MatchConsumer consumer) {
        if (empty) return;
        int start = 0;
        while (start < text.length()) {
            if (!firstChars.get(text.charAt(start))) {
                start++;
                continue;
            }
            Node node = root;
            int matchEnd = -1;
            int matchValue = -1;
            for (int i = start; i < text.length(); i++) {
                node = node.children.get(text.charAt(i));
                if (node == null) break;
                if (node.value >= 0) {
                    matchEnd = i + 1;
                    matchValue = node.value;
                }
            }
            if (matchEnd < 0) {
                start++;
            } else {
                consumer.accept(start, matchEnd, matchValue);
                start = matchEnd;
            }
        }
    }

    private static final class Node {
        final Map<Character, Node> children = new HashMap<>(4);
        int value = -1;
    }
}
