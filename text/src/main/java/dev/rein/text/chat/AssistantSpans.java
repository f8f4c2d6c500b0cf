package dev.rein.text.chat;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds where each assistant reply lies in a rendered conversation, to train on replies only (the label mask of
 * {@link AssistantMask}). A reply's span is what the model generates for that turn: from the end of the prompt
 * that asks for it up to and including the end-of-turn marker that closes it ({@code <|eot_id|>},
 * {@code <|im_end|>}, {@code <end_of_turn>}); the newline templates put after the marker is not part of it, as
 * the model stops at the marker. This is what Hugging Face's {@code return_assistant_tokens_mask} marks in
 * templates that wrap replies in {@code {% generation %}}; here it works for templates without that tag.
 *
 * <p>For assistant message {@code i} of the conversation rendered without generation prompt, {@code full}:
 * <ol>
 *   <li>the reply starts where the prompt for it ends: {@code render(messages[:i], add_generation_prompt=true)}
 *       must be a prefix of {@code full}, else the template renders earlier turns differently once the
 *       conversation goes on and no start can be told (an error);</li>
 *   <li>the message's content is located by rendering the conversation again with a marker character put
 *       after its text (before trailing whitespace, which templates often trim): the two renders must differ by
 *       exactly that insertion, which gives where the content ends in {@code full}, after the start (a message
 *       without text ends where it starts);</li>
 *   <li>the reply ends after the first end-of-turn marker following the content.</li>
 * </ol>
 * Replies are not required to render the same alone as in the full conversation: Qwen3 shows the reasoning
 * ({@code <think>...</think>}) of replies after the last user message only, so a reply's text changes once a
 * later user message follows. Rendering {@code messages[:i+1]} and comparing, the usual test, would fail there;
 * locating the reply inside {@code full} does not.
 */
public final class AssistantSpans {
    /** Appended to a reply's content to find where the template puts it; a private-use character, not whitespace. */
    private static final String PROBE = "\uE000";

    private AssistantSpans() {
    }

    /** The spans of the assistant replies, each closed by the template's EOS token text. */
    public static RenderedConversation find(ChatTemplate template, List<ChatMessage> messages) {
        if (template.eosToken() == null) {
            throw new IllegalArgumentException("the template has no EOS token; pass the end-of-turn marker");
        }
        return find(template, messages, template.eosToken(), ChatRenderOptions.transcript());
    }

    /**
     * The spans of the assistant replies.
     *
     * @param endOfTurn the text that closes an assistant turn, e.g. {@code <|eot_id|>} for Llama 3, whose
     *                  {@code eos_token} is {@code <|end_of_text|>}
     * @param options   tools and further variables for the template; its {@code addGenerationPrompt} is not
     *                  used (the conversation is rendered without, each prompt with)
     * @throws IllegalArgumentException when the spans cannot be told apart as described above
     */
    public static RenderedConversation find(ChatTemplate template, List<ChatMessage> messages, String endOfTurn,
                                            ChatRenderOptions options) {
        if (endOfTurn == null || endOfTurn.isEmpty()) {
            throw new IllegalArgumentException("the end-of-turn marker must not be empty");
        }
        ChatRenderOptions conversation = new ChatRenderOptions(false, options.tools(), options.variables());
        ChatRenderOptions prompt = new ChatRenderOptions(true, options.tools(), options.variables());
        String full = template.render(messages, conversation);
        List<CharSpan> spans = new ArrayList<>();
        int previousEnd = 0;
        for (int i = 0; i < messages.size(); i++) {
            if (!messages.get(i).role().equals("assistant")) {
                continue;
            }
            String promptText = template.render(messages.subList(0, i), prompt);
            if (!full.startsWith(promptText) || promptText.length() < previousEnd) {
                throw new IllegalArgumentException("message " + i + ": the prompt for this reply is not how the "
                        + "conversation begins when rendered whole, so the reply's start cannot be found");
            }
            int start = promptText.length();
            int contentEnd = contentEnd(template, messages, i, conversation, full, start);
            int marker = full.indexOf(endOfTurn, contentEnd);
            if (marker < 0) {
                throw new IllegalArgumentException("message " + i + ": no end-of-turn marker " + endOfTurn
                        + " after the reply");
            }
            previousEnd = marker + endOfTurn.length();
            spans.add(new CharSpan(start, previousEnd));
        }
        return new RenderedConversation(full, spans);
    }

    /** Where message {@code i}'s content ends in {@code full}; {@code start} when it has no text. */
    private static int contentEnd(ChatTemplate template, List<ChatMessage> messages, int i,
                                  ChatRenderOptions conversation, String full, int start) {
        ChatMessage probed = withProbe(messages.get(i));
        if (probed == null) {
            return start;
        }
        List<ChatMessage> changed = new ArrayList<>(messages);
        changed.set(i, probed);
        String withProbe = template.render(changed, conversation);
        int at = commonPrefixLength(full, withProbe);
        boolean singleInsertion = withProbe.length() == full.length() + PROBE.length()
                && withProbe.startsWith(PROBE, at) && withProbe.endsWith(full.substring(at));
        if (!singleInsertion || at < start) {
            throw new IllegalArgumentException("message " + i + ": the template does not render this reply's "
                    + "content once, after the prompt for it, so it cannot be located");
        }
        return at;
    }

    /**
     * The message with {@link #PROBE} after its text (its last text part), ahead of trailing whitespace; null when
     * it has no text.
     */
    private static ChatMessage withProbe(ChatMessage message) {
        if (message.text() != null) {
            return new ChatMessage(message.role(), probed(message.text()), null, message.fields());
        }
        if (message.parts() == null) {
            return null;
        }
        List<ContentPart> parts = new ArrayList<>(message.parts());
        for (int p = parts.size() - 1; p >= 0; p--) {
            if (parts.get(p).text() != null) {
                parts.set(p, new ContentPart(parts.get(p).type(), probed(parts.get(p).text())));
                return new ChatMessage(message.role(), null, parts, message.fields());
            }
        }
        return null;
    }

    private static String probed(String text) {
        int core = PythonStrings.strip(text, null, false, true).length();
        return text.substring(0, core) + PROBE + text.substring(core);
    }

    private static int commonPrefixLength(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }
}
