package dev.rein.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON the OpenAI API answers with: completions and chat completions, their streamed chunks, usage counts, the
 * model list and error objects. Field names and object names are OpenAI's, so its clients read them unchanged.
 */
final class OpenAiJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private final Endpoint endpoint;
    private final String id;
    private final long created;
    private final String model;

    OpenAiJson(Endpoint endpoint, String id, long created, String model) {
        this.endpoint = endpoint;
        this.id = id;
        this.created = created;
        this.model = model;
    }

    /** The whole response: every choice's text and finish reason, and the usage. */
    ObjectNode response(String[] texts, String[] finishReasons, int promptTokens, int completionTokens) {
        ObjectNode out = head(endpoint.object);
        ArrayNode choices = out.putArray("choices");
        for (int c = 0; c < texts.length; c++) {
            ObjectNode choice = choices.addObject().put("index", c);
            if (endpoint == Endpoint.CHAT) {
                choice.putObject("message").put("role", "assistant").put("content", texts[c]);
            } else {
                choice.put("text", texts[c]);
            }
            choice.putNull("logprobs");
            choice.put("finish_reason", finishReasons[c]);
        }
        out.set("usage", usage(promptTokens, completionTokens));
        return out;
    }

    /** A chunk of one choice: its first (a chat's role), more text, or its end (finish reason, no text). */
    ObjectNode chunk(int choice, String text, String finishReason, boolean first) {
        ObjectNode out = head(endpoint.chunkObject);
        ObjectNode entry = out.putArray("choices").addObject().put("index", choice);
        if (endpoint == Endpoint.CHAT) {
            ObjectNode delta = entry.putObject("delta");
            if (first) delta.put("role", "assistant");
            if (text != null) delta.put("content", text);
        } else {
            entry.put("text", text == null ? "" : text);
        }
        entry.putNull("logprobs");
        if (finishReason == null) entry.putNull("finish_reason");
        else entry.put("finish_reason", finishReason);
        return out;
    }

    /** The last chunk of stream_options.include_usage: no choices, the usage. */
    ObjectNode usageChunk(int promptTokens, int completionTokens) {
        ObjectNode out = head(endpoint.chunkObject);
        out.putArray("choices");
        out.set("usage", usage(promptTokens, completionTokens));
        return out;
    }

    private ObjectNode head(String object) {
        return MAPPER.createObjectNode().put("id", id).put("object", object).put("created", created)
                .put("model", model);
    }

    static ObjectNode usage(int promptTokens, int completionTokens) {
        return MAPPER.createObjectNode().put("prompt_tokens", promptTokens)
                .put("completion_tokens", completionTokens).put("total_tokens", promptTokens + completionTokens);
    }
}
