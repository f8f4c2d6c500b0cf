package dev.rein.data.lm;

import java.util.ArrayList;
import java.util.List;

/**
 * Packs documents into blocks of a fixed number of tokens, as Hugging Face's {@code run_clm} {@code group_texts} and
 * TRL's {@code ConstantLengthDataset} do: every document followed by an EOS token, all concatenated into one stream,
 * and the stream cut into blocks of {@code blockLength}; the incomplete tail is dropped. Labels travel with their
 * tokens (a masked prompt stays masked inside a block); the EOS after a document is labelled EOS, so the model
 * learns where texts end. A block may start or end mid-document and attention crosses document boundaries inside a
 * block, as in those implementations. Where the token is already there, it is not doubled: a document that ends
 * with EOS, or that is followed by one starting with it (a tokenizer whose BOS is its EOS, as GPT-2's and the story
 * corpus's {@code <|endoftext|>}), gets no separator of its own.
 */
public final class Packing {
    private Packing() {
    }

    /**
     * The blocks, in stream order.
     *
     * @throws IllegalArgumentException when {@code blockLength} is below 2 (no position would have a target)
     */
    public static List<LmExample> pack(List<LmExample> documents, int eosId, int blockLength) {
        if (blockLength < 2) {
            throw new IllegalArgumentException("blocks must hold at least 2 tokens, got " + blockLength);
        }
        long total = 0;
        for (LmExample document : documents) {
            total += document.length() + 1;
        }
        List<LmExample> blocks = new ArrayList<>((int) Math.min(Integer.MAX_VALUE, total / blockLength));
        int[] ids = new int[blockLength];
        int[] labels = new int[blockLength];
        int filled = 0;
        for (int d = 0; d < documents.size(); d++) {
            LmExample document = documents.get(d);
            LmExample next = d + 1 < documents.size() ? documents.get(d + 1) : null;
            boolean separated = document.length() > 0 && document.id(document.length() - 1) == eosId
                    || next != null && next.length() > 0 && next.id(0) == eosId;
            for (int t = 0; t < document.length() + (separated ? 0 : 1); t++) {
                boolean separator = t == document.length();
                ids[filled] = separator ? eosId : document.id(t);
                labels[filled] = separator ? eosId : document.label(t);
                if (++filled == blockLength) {
                    blocks.add(new LmExample(ids, labels));     // copies both arrays
                    filled = 0;
                }
            }
        }
        return blocks;
    }
}
