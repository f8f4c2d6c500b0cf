package dev.rein.serve;

import dev.rein.text.tokenizer.DecodeOption;
import dev.rein.text.tokenizer.StreamingDecoder;
import dev.rein.text.tokenizer.Tokenizer;
import java.util.List;

/**
 * The text of one choice as it streams: each token's text as it completes, less a tail that could still turn out
 * to begin a stop string (the longest stop string's length minus one), so a streamed choice never shows a stop
 * string that the finished one cuts off. {@link #rest} gives what was held back once the final text is known.
 */
final class ChoiceText {
    private final StreamingDecoder decoder;
    private final int holdBack;
    private final StringBuilder text = new StringBuilder();
    private int sent;

    ChoiceText(Tokenizer tokenizer, List<String> stopStrings) {
        this.decoder = tokenizer.streamingDecoder(DecodeOption.SKIP_SPECIAL_TOKENS);
        this.holdBack = stopStrings.stream().mapToInt(String::length).max().orElse(1) - 1;
    }

    /** Takes the next token; returns the text that may be sent now (often empty). */
    String push(int token) {
        text.append(decoder.push(token));
        int safe = text.length() - holdBack;
        if (safe > 0 && Character.isHighSurrogate(text.charAt(safe - 1))) {
            safe--;
        }
        if (safe <= sent) {
            return "";
        }
        String delta = text.substring(sent, safe);
        sent = safe;
        return delta;
    }

    /** What of {@code finalText} (the finished choice's text) has not been sent yet. */
    String rest(String finalText) {
        String shown = text.substring(0, sent);
        return finalText.startsWith(shown) ? finalText.substring(sent) : "";
    }
}
