package dev.rein.text.chat;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link ChatTemplate#render} passes to the template besides the messages and the special tokens, as the
 * arguments of Hugging Face's {@code apply_chat_template}: {@code add_generation_prompt}, {@code tools} (JSON
 * schemas as {@link Map}s, or null for none) and further variables some templates read, such as Qwen3's
 * {@code enable_thinking}.
 */
public record ChatRenderOptions(boolean addGenerationPrompt, List<?> tools, Map<String, Object> variables) {
    /** Names the renderer sets itself. */
    static final Set<String> RESERVED = Set.of("messages", "add_generation_prompt", "tools", "bos_token", "eos_token");

    public ChatRenderOptions {
        tools = tools == null ? null : Collections.unmodifiableList(tools);
        variables = variables == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        for (String name : variables.keySet()) {
            if (RESERVED.contains(name)) {
                throw new IllegalArgumentException(name + " is set by the renderer, not a free template variable");
            }
        }
    }

    /** The prompt that opens the assistant's turn at the end ({@code add_generation_prompt=True}): for a reply. */
    public static ChatRenderOptions forReply() {
        return new ChatRenderOptions(true, null, null);
    }

    /** The conversation as it is, no generation prompt ({@code add_generation_prompt=False}): for training. */
    public static ChatRenderOptions transcript() {
        return new ChatRenderOptions(false, null, null);
    }

    public ChatRenderOptions withTools(List<?> tools) {
        return new ChatRenderOptions(addGenerationPrompt, tools, variables);
    }

    /** These options with one more template variable, e.g. {@code withVariable("enable_thinking", false)}. */
    public ChatRenderOptions withVariable(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(variables);
        more.put(name, value);
        return new ChatRenderOptions(addGenerationPrompt, tools, more);
    }
}
