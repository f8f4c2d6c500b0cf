package dev.rein.steering.cie;

import dev.rein.data.lm.LmExample;
import dev.rein.data.lm.PromptAnswerFormat;
import dev.rein.text.tokenizer.EncodeOption;
import dev.rein.text.tokenizer.Tokenizer;
import java.util.List;
import java.util.stream.IntStream;

/**
 * METHODS.md 1.2's training templates, for a model folder without a chat template: the system text, the user turn
 * ending with the placeholders, the assistant header, then the answer and the end-of-turn token.
 * <pre>
 * llama3  &lt;|start_header_id|&gt;system&lt;|end_header_id|&gt;\n\n{SYS}&lt;|eot_id|&gt;
 *         &lt;|start_header_id|&gt;user&lt;|end_header_id|&gt;\n\n{user}&lt;|eot_id|&gt;
 *         &lt;|start_header_id|&gt;assistant&lt;|end_header_id|&gt;\n{answer}&lt;|eot_id|&gt;
 * qwen    &lt;|im_start|&gt;system\n{SYS}&lt;|im_end|&gt;\n&lt;|im_start|&gt;user\n{user}&lt;|im_end|&gt;\n
 *         &lt;|im_start|&gt;assistant\n{answer}&lt;|im_end|&gt;
 * gemma   &lt;start_of_turn&gt;user\n{SYS} {user}&lt;end_of_turn&gt;\n
 *         &lt;start_of_turn&gt;model\n{answer}&lt;end_of_turn&gt;EOS
 * </pre>
 * (one line each, broken here for width). llama3 and gemma sequences start with their BOS ({@code <|begin_of_text|>},
 * {@code <bos>}), which their tokenizers add (it is put first where a tokenizer.json does not, as early Llama 3 ones
 * did not); gemma's examples end with EOS as well ({@code add_eos_token}). The seed code evaluates llama3 with other
 * newlines and another system text (METHODS.md 1.6); Rein renders training and generation alike, with the training
 * strings. The prompt is everything up to the answer; the labels cover the answer, the end-of-turn token and gemma's
 * EOS.
 *
 * @param kind      {@link TemplateKind#LLAMA3}, {@link TemplateKind#QWEN} or {@link TemplateKind#GEMMA}
 * @param tokenizer a tokenizer with the markup's special tokens
 * @param eosId     the model's EOS, which ends gemma's examples
 */
public record MarkupCieTemplate(TemplateKind kind, Tokenizer tokenizer, int eosId) implements PromptAnswerFormat {
    /** The seed code's training system text. */
    public static final String SYSTEM = "Below is an instruction that is optionally paired with some additional "
            + "context. Respond appropriately using the context (if any) \n";

    /** @throws IllegalArgumentException for another kind, or a tokenizer without the markup's special tokens */
    public MarkupCieTemplate {
        if (markers(kind).isEmpty()) {
            throw new IllegalArgumentException("no markup template for " + kind.id());
        }
        if (!hasMarkup(kind, tokenizer)) {
            throw new IllegalArgumentException("the " + kind.id() + " template needs the tokens " + markers(kind)
                    + ", which the tokenizer does not have");
        }
    }

    /** The text of the prompt: everything before the answer. */
    public static String promptText(TemplateKind kind, String userText) {
        return switch (kind) {
            case LLAMA3 -> "<|start_header_id|>system<|end_header_id|>\n\n" + SYSTEM + "<|eot_id|>"
                    + "<|start_header_id|>user<|end_header_id|>\n\n" + userText + "<|eot_id|>"
                    + "<|start_header_id|>assistant<|end_header_id|>\n";
            case QWEN -> "<|im_start|>system\n" + SYSTEM + "<|im_end|>\n<|im_start|>user\n" + userText
                    + "<|im_end|>\n<|im_start|>assistant\n";
            case GEMMA -> "<start_of_turn>user\n" + SYSTEM + " " + userText + "<end_of_turn>\n<start_of_turn>model\n";
            case CHAT, PLAIN -> throw new IllegalArgumentException("no markup template for " + kind.id());
        };
    }

    /** The token that ends the answer's turn. */
    public static String endOfTurn(TemplateKind kind) {
        return markers(kind).getLast();
    }

    /** Whether {@code tokenizer} has every special token of {@code kind}'s markup as one token. */
    static boolean hasMarkup(TemplateKind kind, Tokenizer tokenizer) {
        return markers(kind).stream().allMatch(marker -> tokenizer.pieceToId(marker) >= 0);
    }

    /** The markup's special tokens: the BOS (llama3, gemma) first, the end of turn last. */
    private static List<String> markers(TemplateKind kind) {
        return switch (kind) {
            case LLAMA3 -> List.of("<|begin_of_text|>", "<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>");
            case QWEN -> List.of("<|im_start|>", "<|im_end|>");
            case GEMMA -> List.of("<bos>", "<start_of_turn>", "<end_of_turn>");
            case CHAT, PLAIN -> List.of();
        };
    }

    /** The prompt's ids, the BOS first for llama3 and gemma (added when the tokenizer did not add it). */
    @Override
    public int[] prompt(String userText) {
        int[] ids = tokenizer.encode(promptText(kind, userText));
        if (kind == TemplateKind.QWEN) {
            return ids;
        }
        int bos = tokenizer.pieceToId(markers(kind).getFirst());
        return ids.length > 0 && ids[0] == bos ? ids : IntStream.concat(IntStream.of(bos), IntStream.of(ids)).toArray();
    }

    @Override
    public LmExample example(String userText, String answer) {
        int[] gemmaEos = kind == TemplateKind.GEMMA ? new int[] {eosId} : new int[0];
        return LmExample.answering(prompt(userText), tokenizer.encode(answer, EncodeOption.WITHOUT_SPECIAL_TOKENS),
                tokenizer.encode(endOfTurn(kind), EncodeOption.WITHOUT_SPECIAL_TOKENS), gemmaEos);
    }
}
