package dev.rein.steering.ctrl;

import dev.rein.data.lm.LmExample;
import dev.rein.text.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The training format of the control-token method (METHODS.md 2.1, conditional MLE): a row's control tokens, then
 * its sentence, then EOS, encoded as the tokenizer encodes that text (with the special tokens it adds itself, such
 * as a BOS in front; GPT-2's adds none, as in the seed), one sentence per sequence. Every token is a label, control
 * tokens and EOS included; padding is masked when rows are batched ({@code RowBatches}). A sequence longer than the
 * limit is dropped, not cut, as the seed drops longer sentences.
 */
public final class ControlTokenFormat {
    private final Tokenizer tokenizer;
    private final Condition condition;
    private final int eosId;

    /** The examples that fit, in row order, and how many rows were longer than the limit. */
    public record Encoded(List<LmExample> examples, int dropped) {
        public Encoded {
            examples = List.copyOf(examples);
        }
    }

    /**
     * @param tokenizer a tokenizer holding the control tokens the condition uses
     * @param condition which tokens go in front of each sentence
     * @param eosId     the id ending every sequence
     */
    public ControlTokenFormat(Tokenizer tokenizer, Condition condition, int eosId) {
        this.tokenizer = tokenizer;
        this.condition = condition;
        this.eosId = eosId;
    }

    /** The text a row is trained on, before EOS: its control tokens, then its sentence. */
    public String text(LabelledSentence row) {
        return ControlToken.texts(condition.controls(row)) + row.text();
    }

    /** One row as a training example: {@code [BOS?] controls sentence EOS}, every token a label. */
    public LmExample example(LabelledSentence row) {
        int[] encoded = tokenizer.encode(text(row));
        if (encoded.length > 0 && encoded[encoded.length - 1] == eosId) {
            return LmExample.plain(encoded);              // a tokenizer that adds EOS itself
        }
        int[] ids = Arrays.copyOf(encoded, encoded.length + 1);
        ids[encoded.length] = eosId;
        return LmExample.plain(ids);
    }

    /** Every row as an example, leaving out (and counting) those longer than {@code maxTokens}. */
    public Encoded encode(List<LabelledSentence> rows, int maxTokens) {
        List<LmExample> examples = new ArrayList<>();
        int dropped = 0;
        for (LabelledSentence row : rows) {
            LmExample example = example(row);
            if (example.length() > maxTokens) {
                dropped++;
            } else {
                examples.add(example);
            }
        }
        return new Encoded(examples, dropped);
    }
}
