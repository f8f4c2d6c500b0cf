package dev.rein.text.chat;

import dev.rein.text.tokenizer.Encoding;
import java.util.List;

/**
 * Turns the assistant spans of a rendered conversation ({@link AssistantSpans}) into per-token training targets
 * for the encoding of that same text. A token belongs to a reply when its character range overlaps the reply's
 * span; tokens with an empty range (BOS/EOS added by the tokenizer's post-processor) belong to none.
 */
public final class AssistantMask {
    /** The label of tokens the loss ignores, as in PyTorch's and Hugging Face's cross-entropy. */
    public static final int IGNORED = -100;

    private AssistantMask() {
    }

    /** For each token, whether it belongs to an assistant reply. */
    public static boolean[] tokenMask(Encoding encoding, List<CharSpan> spans) {
        boolean[] mask = new boolean[encoding.size()];
        for (int t = 0; t < mask.length; t++) {
            int start = encoding.starts()[t];
            int end = encoding.ends()[t];
            for (CharSpan span : spans) {
                if (span.overlaps(start, end)) {
                    mask[t] = true;
                    break;
                }
            }
        }
        return mask;
    }

    /**
     * Labels for causal language-model training, Hugging Face style: the token id for tokens of assistant
     * replies, {@link #IGNORED} elsewhere; unshifted (the model shifts them to predict each next token).
     */
    public static int[] labels(Encoding encoding, List<CharSpan> spans) {
        boolean[] mask = tokenMask(encoding, spans);
        int[] labels = new int[mask.length];
        for (int t = 0; t < mask.length; t++) {
            labels[t] = mask[t] ? encoding.ids()[t] : IGNORED;
        }
        return labels;
    }
}
