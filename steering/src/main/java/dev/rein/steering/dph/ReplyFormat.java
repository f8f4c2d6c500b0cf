package dev.rein.steering.dph;

import dev.rein.data.lm.ChatPromptAnswer;
import dev.rein.data.lm.LmExample;
import dev.rein.data.lm.PlainPromptAnswer;
import dev.rein.data.lm.PromptAnswerFormat;
import dev.rein.text.chat.ChatTemplate;
import dev.rein.text.chat.ChatTemplateLoader;
import dev.rein.text.tokenizer.Tokenizer;
import java.util.Arrays;

/**
 * How a prompt and a reply become the tokens DPH reads (METHODS.md 3.3): one user turn and one assistant turn in
 * the model's chat template, or in ChatML when the tokenizer has no template but knows {@code <|im_end|>}, or, for
 * a model with neither (the embedded default model), the prompt, a newline, the reply and EOS
 * ({@link PlainPromptAnswer}, the same tokens CIE trains on). The train mask covers the reply and its end-of-turn
 * token; the reward is read at the last occurrence of the pool token, by default that end-of-turn token. Every
 * reply is closed with it here, so a generated reply that stopped on it, or before it at a length limit, is scored
 * at the end of the reply and not of the user turn (the README's warning).
 */
public final class ReplyFormat {
    /** ChatML as DPH renders it: {@code <|im_start|>{role}\n{content}<|im_end|>\n} per message. */
    static final String CHATML = "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' "
            + "+ message['content'] + '<|im_end|>' + '\\n' }}{% endfor %}"
            + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";
    /** ChatML's end-of-turn token, DPH's pool (CLS) token. */
    public static final String IM_END = "<|im_end|>";

    private final PromptAnswerFormat template;
    private final String poolToken;
    private final int poolTokenId;

    private ReplyFormat(PromptAnswerFormat template, String poolToken, int poolTokenId) {
        this.template = template;
        this.poolToken = poolToken;
        this.poolTokenId = poolTokenId;
    }

    /**
     * The format for {@code tokenizer}'s model.
     *
     * @param eosId     the model's EOS id, which ends replies of the plain format
     * @param poolToken the token to pool at, or null for the format's end-of-turn token
     * @throws IllegalArgumentException when the tokenizer has no single token {@code poolToken}
     */
    public static ReplyFormat of(Tokenizer tokenizer, int eosId, String poolToken) {
        PromptAnswerFormat template;
        String endOfTurn;
        if (!tokenizer.tokenizerConfig().chatTemplates().isEmpty()) {
            ChatTemplate chat = ChatTemplateLoader.of(tokenizer.tokenizerConfig(), null);
            template = new ChatPromptAnswer(chat, tokenizer);
            endOfTurn = chat.eosToken();
        } else if (tokenizer.pieceToId(IM_END) >= 0) {
            template = new ChatPromptAnswer(ChatTemplate.of(CHATML, tokenizer.idToPiece(eosId), IM_END), tokenizer);
            endOfTurn = IM_END;
        } else {
            template = new PlainPromptAnswer(tokenizer, eosId);
            endOfTurn = tokenizer.idToPiece(eosId);
        }
        String pool = poolToken != null ? poolToken : endOfTurn;
        int id = pool == null ? -1 : tokenizer.pieceToId(pool);
        if (id < 0) {
            throw new IllegalArgumentException("the tokenizer has no token " + pool + " to pool the reward at; "
                    + "name one it has with the pool token setting");
        }
        return new ReplyFormat(template, pool, id);
    }

    /** The prompt's tokens, up to where the reply starts (what generation continues). */
    public int[] prompt(String prompt) {
        return template.prompt(prompt);
    }

    /**
     * The prompt and the reply, closed by the end-of-turn token; labels on the reply and that token.
     *
     * @throws IllegalArgumentException when the tokens hold no pool token (a pool token the format never writes)
     */
    public LmExample example(String prompt, String reply) {
        LmExample example = template.example(prompt, reply);
        if (Arrays.stream(example.ids()).noneMatch(id -> id == poolTokenId)) {
            throw new IllegalArgumentException("the rendered pair holds no pool token " + poolToken
                    + "; pool at the end-of-turn token the chat format writes");
        }
        return example;
    }

    public String poolToken() {
        return poolToken;
    }

    public int poolTokenId() {
        return poolTokenId;
    }
}
