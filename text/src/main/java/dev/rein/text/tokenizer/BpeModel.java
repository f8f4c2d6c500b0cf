package dev.rein.text.tokenizer;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Byte-pair encoding, the model of every tokenizer Rein loads (GPT-2, Llama, Mistral, Qwen, Gemma), with the
 * semantics of Hugging Face's {@code BPE}: a word starts as one symbol per character (or per byte token with
 * {@code byte_fallback}, or the unknown token), then the pair of neighbours with the lowest merge rank is
 * merged, repeatedly, leftmost first among equal ranks, until no neighbours have a merge.
 *
 * <p>Thread-safe. Words shorter than {@value #CACHED_WORD_LENGTH} chars are cached (up to
 * {@value #CACHE_CAPACITY} of them), since natural text repeats its words.
 */
final class BpeModel {
    static final int CACHED_WORD_LENGTH = 256;
    static final int CACHE_CAPACITY = 10_000;

    /**
     * The tokens of one word: ids and, for each, the chars {@code [start, end)} of the word it covers (the byte
     * tokens of one character all cover that character).
     */
    record Word(int[] ids, int[] starts, int[] ends) {
    }

    /**
     * The options of tokenizer.json's {@code "model"} object that change how words are tokenized; an empty
     * prefix or suffix is the same as none.
     */
    record Options(String unkToken, boolean fuseUnk, boolean byteFallback, boolean ignoreMerges,
                   String continuingSubwordPrefix, String endOfWordSuffix) {
        Options {
            if (continuingSubwordPrefix != null && continuingSubwordPrefix.isEmpty()) {
                continuingSubwordPrefix = null;
            }
            if (endOfWordSuffix != null && endOfWordSuffix.isEmpty()) endOfWordSuffix = null;
        }
    }

    private final Map<String, Integer> vocab;
    private final String[] pieces;
    private final MergeTable merges;
    private final Options options;
    private final int unkId;
    private final int[] byteIds = new int[256];
    private final int[] singleCharIds = new int[Character.MAX_VALUE + 1];
    private final Map<String, Word> cache = new ConcurrentHashMap<>();

    /**
     * @param vocab   piece to id
     * @param merges  the merge table, built against the same vocabulary
     * @param options the model options; {@code unkToken}, when not null, must be in the vocabulary
     */
    BpeModel(Map<String, Integer> vocab, MergeTable merges, Options options) {
        this.vocab = vocab;
        this.merges = merges;
        int size = 0;
        for (int id : vocab.values()) size = Math.max(size, id + 1);
        this.pieces = new String[size];
        for (Map.Entry<String, Integer> entry : vocab.entrySet()) pieces[entry.getValue()] = entry.getKey();
        this.options = options;
        this.unkId = options.unkToken() == null ? -1 : vocab.get(options.unkToken());
        for (int b = 0; b < 256; b++) {
            byteIds[b] = vocab.getOrDefault(String.format("<0x%02X>", b), -1);
        }
        Arrays.fill(singleCharIds, -1);
        for (Map.Entry<String, Integer> entry : vocab.entrySet()) {
            if (entry.getKey().length() == 1) singleCharIds[entry.getKey().charAt(0)] = entry.getValue();
        }
    }

    /** One more than the highest id of the vocabulary. */
    int size() {
        return pieces.length;
    }

    /** The piece of {@code id}, or null when the vocabulary has no such id. */
    String piece(int id) {
        return id >= 0 && id < pieces.length ? pieces[id] : null;
    }

    /** The id of {@code piece}, or -1. */
    int id(String piece) {
        Integer id = vocab.get(piece);
        return id == null ? -1 : id;
    }

    /** The tokens of one pre-tokenized word, which must not be empty. */
    Word tokenize(String word) {
        if (options.ignoreMerges()) {
            Integer whole = vocab.get(word);
            if (whole != null) return new Word(new int[] {whole}, new int[] {0}, new int[] {word.length()});
        }
        boolean cacheable = word.length() < CACHED_WORD_LENGTH;
        if (cacheable) {
            Word cached = cache.get(word);
            if (cached != null) return cached;
        }
        Word tokens = merge(word);
        if (cacheable && cache.size() < CACHE_CAPACITY) cache.put(word, tokens);
        return tokens;
    }

    private Word merge(String word) {
        Symbols symbols = initialSymbols(word);
        int count = symbols.size;
        int[] ids = symbols.ids;
        int[] ends = symbols.ends;
        boolean[] removed = new boolean[count];
        int[] previous = new int[count];
        int[] next = new int[count];
        for (int i = 0; i < count; i++) {
            previous[i] = i - 1;
            next[i] = i + 1 < count ? i + 1 : -1;
        }
        LongMinHeap queue = new LongMinHeap(count);
        for (int i = 0; i + 1 < count; i++) {
            enqueue(queue, ids[i], ids[i + 1], i);
        }
        int kept = count;
        while (!queue.isEmpty()) {
            long top = queue.pop();
            int rank = (int) (top >>> 32);
            int position = (int) top;
            int right = next[position];
            if (removed[position] || right == -1) continue;
            int mergedId = merges.mergedIdOfRank(rank);
            // A queue entry is stale when either symbol changed since it was queued.
            if (merges.mergedId(ids[position], ids[right]) != mergedId) continue;
            ids[position] = mergedId;
            ends[position] = ends[right];
            removed[right] = true;
            kept--;
            next[position] = next[right];
            if (next[right] != -1) previous[next[right]] = position;
            if (previous[position] >= 0) enqueue(queue, ids[previous[position]], mergedId, previous[position]);
            if (next[position] != -1) enqueue(queue, mergedId, ids[next[position]], position);
        }
        int[] keptIds = new int[kept];
        int[] keptStarts = new int[kept];
        int[] keptEnds = new int[kept];
        for (int i = 0, k = 0; i < count; i++) {
            if (!removed[i]) {
                keptIds[k] = ids[i];
                keptStarts[k] = symbols.starts[i];
                keptEnds[k++] = ends[i];
            }
        }
        return new Word(keptIds, keptStarts, keptEnds);
    }

    private void enqueue(LongMinHeap queue, int left, int right, int position) {
        int rank = merges.rank(left, right);
        if (rank >= 0) queue.push((long) rank << 32 | position);
    }

    /** The starting symbols: one per character found in the vocabulary, else its bytes, else the unknown token. */
    private Symbols initialSymbols(String word) {
        Symbols symbols = new Symbols(word.length());
        byte[] bytes = new byte[4];
        int unkStart = -1;
        int unkEnd = -1;
        for (int i = 0; i < word.length(); ) {
            int codePoint = word.codePointAt(i);
            int next = i + Character.charCount(codePoint);
            int id = lookupCharacter(word, i, next);
            if (id >= 0) {
                if (unkStart >= 0) {
                    symbols.add(unkId, unkStart, unkEnd);
                    unkStart = -1;
                }
                symbols.add(id, i, next);
            } else if (options.byteFallback() && addBytes(symbols, codePoint, bytes, i, next)) {
                // Spelled as byte tokens. Like Hugging Face, a pending unknown token is added after them.
            } else if (unkId >= 0) {
                if (unkStart >= 0 && !options.fuseUnk()) {
                    symbols.add(unkId, unkStart, unkEnd);
                    unkStart = -1;
                }
                if (unkStart < 0) unkStart = i;
                unkEnd = next;
            }
            // Without an unknown token, a character the vocabulary cannot spell is dropped (as Hugging Face does).
            i = next;
        }
        if (unkStart >= 0) symbols.add(unkId, unkStart, unkEnd);
        return symbols;
    }

    /** The id of the character {@code [from, to)} of {@code word} with any subword prefix or suffix, or -1. */
    private int lookupCharacter(String word, int from, int to) {
        String prefix = from > 0 ? options.continuingSubwordPrefix() : null;
        String suffix = to == word.length() ? options.endOfWordSuffix() : null;
        if (prefix == null && suffix == null && to - from == 1) {
            return singleCharIds[word.charAt(from)];
        }
        String piece = (prefix == null ? "" : prefix) + word.substring(from, to) + (suffix == null ? "" : suffix);
        Integer id = vocab.get(piece);
        return id == null ? -1 : id;
    }

    /**
     * Adds the byte tokens ({@code <0x41>}...) of {@code codePoint}, the chars {@code [start, end)} of the word,
     * when the vocabulary has all of them; each covers the whole character.
     */
    private boolean addBytes(Symbols symbols, int codePoint, byte[] bytes, int start, int end) {
        int count = Utf8.encode(codePoint, bytes);
        for (int b = 0; b < count; b++) {
            if (byteIds[bytes[b] & 0xFF] < 0) return false;
        }
        for (int b = 0; b < count; b++) {
            symbols.add(byteIds[bytes[b] & 0xFF], start, end);
        }
        return true;
    }

    /** Growable symbol list. */
    private static final class Symbols {
        int[] ids;
        int[] starts;
        int[] ends;
        int size;

        Symbols(int capacity) {
            ids = new int[Math.max(capacity, 4)];
            starts = new int[ids.length];
            ends = new int[ids.length];
        }

        void add(int id, int start, int end) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
                starts = Arrays.copyOf(starts, size * 2);
                ends = Arrays.copyOf(ends, size * 2);
            }
            ids[size] = id;
            starts[size] = start;
            ends[size++] = end;
        }
    }
}
