package dev.rein.steering.cie;

import dev.rein.data.lm.ChatPromptAnswer;
import dev.rein.data.lm.PlainPromptAnswer;
import dev.rein.text.tokenizer.Tokenizer;
import java.util.Arrays;
import java.util.Locale;

/**
 * Which {@link CieTemplate} renders a model's rows: its own chat template ({@link #CHAT}), METHODS.md 1.2's explicit
 * llama3, qwen or gemma markup ({@link MarkupCieTemplate}) for a folder that has none, or the plain instruction and
 * newline ({@link #PLAIN}). A folder of tables records the kind it was trained with, so that generation renders
 * alike.
 */
public enum TemplateKind {
    CHAT, PLAIN, LLAMA3, QWEN, GEMMA;

    /** The kind's name in files and on the command line: {@code chat}, {@code plain}, {@code llama3}, .... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The kind named {@code id}.
     *
     * @throws IllegalArgumentException naming the known kinds when there is none of that name
     */
    public static TemplateKind of(String id) {
        return Arrays.stream(values()).filter(k -> k.id().equals(id)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown template \"" + id + "\"; expected one of "
                        + Arrays.stream(values()).map(TemplateKind::id).toList()));
    }

    /**
     * The kind for a model of config.json {@code modelType} and {@code tokenizer}: {@link #CHAT} when its
     * tokenizer_config.json has a chat template; otherwise the markup the model type calls for (llama with Llama 3's
     * header tokens, qwen2 / qwen3 and their variants, any gemma) when the tokenizer has that markup's tokens;
     * otherwise {@link #PLAIN}.
     */
    public static TemplateKind automatic(Tokenizer tokenizer, String modelType) {
        if (!tokenizer.tokenizerConfig().chatTemplates().isEmpty()) {
            return CHAT;
        }
        String type = modelType == null ? "" : modelType;
        TemplateKind markup = type.equals("llama") ? LLAMA3 : type.startsWith("qwen2") || type.startsWith("qwen3")
                ? QWEN : type.startsWith("gemma") ? GEMMA : PLAIN;
        return markup != PLAIN && MarkupCieTemplate.hasMarkup(markup, tokenizer) ? markup : PLAIN;
    }

    /**
     * This kind's template over {@code tokenizer}, {@code eos} the id that ends plain and gemma examples.
     *
     * @throws IllegalArgumentException when the tokenizer lacks what the kind needs: a chat template, or the
     *                                  markup's special tokens
     */
    public CieTemplate create(Tokenizer tokenizer, int eos) {
        return new CieTemplate(this, switch (this) {
            case CHAT -> {
                if (tokenizer.tokenizerConfig().chatTemplates().isEmpty()) {
                    throw new IllegalArgumentException("the model's tokenizer_config.json has no chat template");
                }
                yield ChatPromptAnswer.of(tokenizer);
            }
            case PLAIN -> new PlainPromptAnswer(tokenizer, eos);
            case LLAMA3, QWEN, GEMMA -> new MarkupCieTemplate(this, tokenizer, eos);
        });
    }
}
