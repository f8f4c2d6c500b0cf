package dev.rein.text.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Templates written like two well-known ones: the tool calling of Llama 3.1/3.2 (date from
 * {@code strftime_now}, tools in the first user message, {@code tojson}, one tool call per message) and
 * Mistral v0.1's alternating roles. Expected texts are what Python's Jinja2 renders.
 */
class ToolCallingTemplatesTest {
    private static final String LLAMA_TOOLS = """
            {{- bos_token }}
            {%- if not tools_in_user_message is defined %}
                {%- set tools_in_user_message = true %}
            {%- endif %}
            {%- if strftime_now is defined %}
                {%- set date_string = strftime_now("%d %b %Y") %}
            {%- else %}
                {%- set date_string = "26 Jul 2024" %}
            {%- endif %}
            {%- if messages[0]['role'] == 'system' %}
                {%- set system_message = messages[0]['content']|trim %}
                {%- set messages = messages[1:] %}
            {%- else %}
                {%- set system_message = "" %}
            {%- endif %}
            {{- "<|start_header_id|>system<|end_header_id|>\\n\\n" }}
            {{- "Today Date: " + date_string + "\\n\\n" }}
            {{- system_message }}
            {{- "<|eot_id|>" }}
            {%- if tools_in_user_message and not tools is none %}
                {%- set first_user_message = messages[0]['content']|trim %}
                {%- set messages = messages[1:] %}
                {{- '<|start_header_id|>user<|end_header_id|>\\n\\n' -}}
                {{- "Given the following functions, please respond with a JSON for a function call.\\n\\n" }}
                {%- for t in tools %}
                    {{- t | tojson(indent=4) }}
                    {{- "\\n\\n" }}
                {%- endfor %}
                {{- first_user_message + "<|eot_id|>"}}
            {%- endif %}
            {%- for message in messages %}
                {%- if not (message.role == 'ipython' or message.role == 'tool' or 'tool_calls' in message) %}
                    {{- '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n'+ message['content'] | trim + '<|eot_id|>' }}
                {%- elif 'tool_calls' in message %}
                    {%- if message.tool_calls|length != 1 %}
                        {{- raise_exception("This model only supports single tool-calls at once!") }}
                    {%- endif %}
                    {%- set tool_call = message.tool_calls[0].function %}
                    {{- '<|start_header_id|>assistant<|end_header_id|>\\n\\n' -}}
                    {{- '{"name": "' + tool_call.name + '", ' }}
                    {{- '"parameters": ' }}
                    {{- tool_call.arguments | tojson }}
                    {{- "}" }}
                    {{- "<|eot_id|>" }}
                {%- elif message.role == "tool" or message.role == "ipython" %}
                    {{- "<|start_header_id|>ipython<|end_header_id|>\\n\\n" }}
                    {%- if message.content is mapping or message.content is iterable %}
                        {{- message.content | tojson }}
                    {%- else %}
                        {{- message.content }}
                    {%- endif %}
                    {{- "<|eot_id|>" }}
                {%- endif %}
            {%- endfor %}
            {%- if add_generation_prompt %}
                {{- '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}
            {%- endif %}
            """;

    private static final String MISTRAL = "{{ bos_token }}{% for message in messages %}"
            + "{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}"
            + "{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}"
            + "{% if message['role'] == 'user' %}{{ '[INST] ' + message['content'] + ' [/INST]' }}"
            + "{% elif message['role'] == 'assistant' %}{{ message['content'] + eos_token}}"
            + "{% else %}{{ raise_exception('Only user and assistant roles are supported!') }}{% endif %}{% endfor %}";

    private static final Clock JULY_23 = Clock.fixed(Instant.parse("2024-07-23T10:00:00Z"), ZoneOffset.UTC);

    private static ChatMessage toolCalls(int count) {
        Map<String, Object> call = Map.of("function", Map.of("name", "get_weather", "arguments", Map.of("city",
                "Paris")));
        return new ChatMessage("assistant", null, null, Map.of("tool_calls",
                java.util.Collections.nCopies(count, call)));
    }

    private static ChatTemplate llama() {
        return ChatTemplate.of(LLAMA_TOOLS, "<|begin_of_text|>", "<|eot_id|>").withClock(JULY_23);
    }

    @Test
    void llamaToolCallConversation() {
        List<ChatMessage> messages = List.of(ChatMessage.system("You are helpful. "),
                ChatMessage.user("Weather in Paris?"),
                toolCalls(1), ChatMessage.of("tool", "22 C"));
        ChatRenderOptions options = ChatRenderOptions.forReply()
                .withTools(List.of(Map.of("name", "get_weather")));
        // A string tool result "is iterable", so tojson quotes it, as with Jinja2.
        String expected = "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n"
                + "Today Date: 23 Jul 2024\n\nYou are helpful.<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\n"
                + "Given the following functions, please respond with a JSON for a function call.\n\n"
                + "{\n    \"name\": \"get_weather\"\n}\n\nWeather in Paris?<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\n"
                + "{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\"}}<|eot_id|>"
                + "<|start_header_id|>ipython<|end_header_id|>\n\n\"22 C\"<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\n";
        assertEquals(expected, llama().render(messages, options));
    }

    @Test
    void llamaWithoutToolsRendersTheUserTurnItself() {
        String expected = "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n"
                + "Today Date: 23 Jul 2024\n\n<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>";
        assertEquals(expected, llama().render(List.of(ChatMessage.user(" Hi ")), ChatRenderOptions.transcript()));
    }

    @Test
    void llamaRejectsTwoToolCallsInOneMessage() {
        List<ChatMessage> messages = List.of(ChatMessage.user("Weather?"), toolCalls(2));
        ChatTemplateException error = assertThrows(ChatTemplateException.class,
                () -> llama().render(messages, ChatRenderOptions.transcript().withTools(List.of())));
        assertEquals("This model only supports single tool-calls at once!", error.templateMessage());
    }

    @Test
    void mistralAlternatingConversation() {
        List<ChatMessage> messages = List.of(
                ChatMessage.user("Hi"), ChatMessage.assistant("Hello"), ChatMessage.user("Bye"));
        assertEquals("<s>[INST] Hi [/INST]Hello</s>[INST] Bye [/INST]",
                ChatTemplate.of(MISTRAL, "<s>", "</s>").render(messages, ChatRenderOptions.forReply()));
    }

    @Test
    void mistralRejectsSystemMessagesAndOtherRoles() {
        ChatTemplate template = ChatTemplate.of(MISTRAL, "<s>", "</s>");
        ChatTemplateException system = assertThrows(ChatTemplateException.class, () -> template.render(
                List.of(ChatMessage.system("Be brief."), ChatMessage.user("Hi")), ChatRenderOptions.forReply()));
        assertEquals("Conversation roles must alternate user/assistant/user/assistant/...", system.templateMessage());
        ChatTemplateException tool = assertThrows(ChatTemplateException.class, () -> template.render(
                List.of(ChatMessage.user("Hi"), ChatMessage.of("tool", "x")), ChatRenderOptions.forReply()));
        assertEquals("Only user and assistant roles are supported!", tool.templateMessage());
    }
}
