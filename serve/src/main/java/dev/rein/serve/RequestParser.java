package dev.rein.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rein.models.LanguageModel;
import dev.rein.models.generation.FrequencyPenalty;
import dev.rein.models.generation.LogitsProcessor;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.text.chat.ChatMessage;
import dev.rein.text.chat.ChatRenderOptions;
import dev.rein.text.chat.ChatTemplate;
import dev.rein.text.chat.ChatTemplateException;
import dev.rein.text.chat.ChatTemplateLoader;
import dev.rein.text.tokenizer.EncodeOption;
import dev.rein.text.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Checks a request body of {@code /v1/completions} or {@code /v1/chat/completions} and maps it onto the library:
 * prompts onto token ids (a chat through the model folder's chat template), OpenAI's sampling fields onto
 * {@link SamplingSettings} over the model's generation_config.json defaults (OpenAI samples unless temperature is 0),
 * frequency and presence penalties onto {@link FrequencyPenalty}, and the {@code rein} object onto
 * {@link ReinControl}. Anything it cannot honour is refused with an {@link ApiError} naming the field.
 */
final class RequestParser {
    private static final Set<String> SHARED = Set.of("model", "max_tokens", "temperature", "top_p", "top_k", "min_p",
            "n", "stream", "stream_options", "stop", "seed", "frequency_penalty", "presence_penalty",
            "repetition_penalty", "user", "logprobs", "rein");
    private static final Set<String> COMPLETION = union(SHARED, Set.of("prompt", "echo", "best_of"));
    private static final Set<String> CHAT = union(SHARED, Set.of("messages", "max_completion_tokens"));

    private final LanguageModel model;
    private final String modelId;
    private final int maxRows;
    private final ReinControl.Parser control;

    RequestParser(LanguageModel model, String modelId, int maxRows, ReinControl.Parser control) {
        this.model = model;
        this.modelId = modelId;
        this.maxRows = maxRows;
        this.control = control;
    }

    CompletionRequest parse(Endpoint endpoint, JsonNode body) {
        JsonFields fields = new JsonFields(body, "", endpoint == Endpoint.CHAT ? CHAT : COMPLETION);
        fields.text("model").ifPresent(name -> {
            if (!name.equals(modelId)) {
                throw new ApiError(404, "the model '" + name + "' is not served here; this server serves '" + modelId
                        + "' (GET /v1/models)", "invalid_request_error", "model", "model_not_found");
            }
        });
        refuseUnsupported(fields, endpoint);
        ReinControl rein = control.parse(fields.get("rein"));
        List<String> texts = new ArrayList<>();
        List<int[]> prompts = endpoint == Endpoint.CHAT ? List.of(chatPrompt(fields, rein))
                : prompts(fields, rein, texts);
        if (rein.cie() != null) {
            if (endpoint == Endpoint.CHAT || texts.size() != 1 || prompts.size() != 1) {
                throw ApiError.invalid("rein.cie", "rein.cie takes one text prompt on /v1/completions, the "
                        + "instruction, which it renders as CIE training did");
            }
            prompts = List.of(rein.cie().prompt(texts.getFirst()).ids());
        }
        if (rein.bestOf() != null && (endpoint == Endpoint.CHAT || texts.size() != 1 || prompts.size() != 1
                || fields.integer("n").orElse(1) != 1)) {
            throw ApiError.invalid("rein.best_of", "rein.best_of takes one text prompt on /v1/completions (written"
                    + " in the reward heads' reply format) and n 1; it returns the best of its samples");
        }
        SamplingSettings settings = settings(fields, endpoint, prompts);
        List<LogitsProcessor> processors = new ArrayList<>();
        double frequency = range(fields, "frequency_penalty");
        double presence = range(fields, "presence_penalty");
        if (frequency != 0 || presence != 0) {
            processors.add(new FrequencyPenalty((float) frequency, (float) presence));
        }
        boolean stream = fields.flag("stream");
        boolean usage = false;
        if (fields.get("stream_options").isPresent()) {
            if (!stream) throw ApiError.invalid("stream_options", "'stream_options' is only allowed with stream: true");
            usage = new JsonFields(fields.require("stream_options"), "stream_options", Set.of("include_usage"))
                    .flag("include_usage");
        }
        return new CompletionRequest(endpoint, prompts, texts, settings, processors, stream, usage, rein);
    }

    /** OpenAI fields Rein does not implement, accepted only at their "off" values. */
    private static void refuseUnsupported(JsonFields fields, Endpoint endpoint) {
        if (fields.get("logprobs").isPresent() && !fields.require("logprobs").asText().matches("false|0")) {
            throw ApiError.invalid("logprobs", "'logprobs' is not supported by this server");
        }
        if (endpoint == Endpoint.COMPLETIONS) {
            if (fields.flag("echo")) throw ApiError.invalid("echo", "'echo' is not supported by this server");
            if (fields.integer("best_of").orElse(1) != 1) {
                throw ApiError.invalid("best_of", "'best_of' above 1 ranks by log-probability, which this server does "
                        + "not do; rank by a DPH reward head with rein.best_of and rein.reward_head");
            }
        }
    }

    /** {@code prompt}: a string, an array of strings, an array of token ids, or an array of such arrays. */
    private List<int[]> prompts(JsonFields fields, ReinControl rein, List<String> texts) {
        JsonNode prompt = fields.require("prompt");
        List<int[]> prompts = new ArrayList<>();
        if (prompt.isTextual()) {
            texts.add(prompt.textValue());
            prompts.add(encode(rein.prompt(prompt.textValue())));
        } else if (prompt.isArray() && !prompt.isEmpty() && prompt.get(0).isIntegralNumber()) {
            prompts.add(ids(prompt, "prompt"));
        } else if (prompt.isArray() && !prompt.isEmpty()) {
            for (int i = 0; i < prompt.size(); i++) {
                JsonNode one = prompt.get(i);
                if (one.isTextual()) {
                    texts.add(one.textValue());
                    prompts.add(encode(rein.prompt(one.textValue())));
                } else if (one.isArray()) {
                    prompts.add(ids(one, "prompt[" + i + "]"));
                } else {
                    throw ApiError.invalid("prompt", "prompt[" + i + "] must be a string or an array of token ids");
                }
            }
        } else {
            throw ApiError.invalid("prompt", "'prompt' must be a string, an array of strings or an array of token ids"
                    + " (not empty)");
        }
        for (int i = 0; i < prompts.size(); i++) {
            if (prompts.get(i).length == 0) {
                throw ApiError.invalid("prompt", "prompt " + i + " has no tokens");
            }
        }
        return prompts;
    }

    private int[] ids(JsonNode array, String where) {
        int vocab = model.config().vocabSize();
        int[] ids = new int[array.size()];
        for (int i = 0; i < ids.length; i++) {
            JsonNode id = array.get(i);
            if (!id.canConvertToInt() || !id.isIntegralNumber() || id.intValue() < 0 || id.intValue() >= vocab) {
                throw ApiError.invalid("prompt", where + "[" + i + "] must be a token id in [0, " + vocab + "), got "
                        + id);
            }
            ids[i] = id.intValue();
        }
        return ids;
    }

    private int[] encode(String text) {
        return tokenizer().encode(text);
    }

    /** The conversation of {@code messages} rendered for a reply with the folder's chat template, encoded. */
    private int[] chatPrompt(JsonFields fields, ReinControl rein) {
        if (!rein.tokens().isEmpty()) {
            throw ApiError.invalid("rein.control_tokens", "control tokens go in a plain prompt, as the control-token"
                    + " method evaluates: use /v1/completions");
        }
        JsonNode messages = fields.require("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            throw ApiError.invalid("messages", "'messages' must be a non-empty array of {role, content} objects");
        }
        List<ChatMessage> conversation = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonFields message = new JsonFields(messages.get(i), "messages[" + i + "]", Set.of("role", "content", "name"));
            String role = message.text("role").orElseThrow(() -> ApiError.invalid(message.name("role"),
                    "'" + message.name("role") + "' is required"));
            conversation.add(ChatMessage.of(role, content(message)));
        }
        Tokenizer tokenizer = tokenizer();
        ChatTemplate template;
        try {
            template = ChatTemplateLoader.of(tokenizer.tokenizerConfig(), null);
        } catch (RuntimeException e) {
            throw ApiError.invalid("messages", "the model has no chat template (" + e.getMessage()
                    + "); use /v1/completions");
        }
        try {
            // the template writes BOS itself; special-token texts in it are matched as tokens
            return tokenizer.encode(template.render(conversation, ChatRenderOptions.forReply()),
                    EncodeOption.WITHOUT_SPECIAL_TOKENS);
        } catch (ChatTemplateException e) {
            throw ApiError.invalid("messages", "the chat template refuses this conversation: " + e.templateMessage());
        }
    }

    /** A message's content: a string, or an array of {type: text, text} parts joined. */
    private static String content(JsonFields message) {
        JsonNode content = message.require("content");
        if (content.isTextual()) {
            return content.textValue();
        }
        if (!content.isArray()) throw message.wrongType("content", "a string or an array of text parts");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < content.size(); i++) {
            JsonFields part = new JsonFields(content.get(i), message.name("content") + "[" + i + "]",
                    Set.of("type", "text"));
            if (!part.text("type").orElse("").equals("text")) {
                throw ApiError.invalid(part.name("type"), "only text parts are supported ('type': 'text')");
            }
            text.append(part.text("text").orElse(""));
        }
        return text.toString();
    }

    private SamplingSettings settings(JsonFields fields, Endpoint endpoint, List<int[]> prompts) {
        SamplingSettings.Builder b = SamplingSettings.builder(model.generationConfig(), model.config().specialTokens())
                .sample();
        fields.number("temperature").ifPresent(b::temperature);
        fields.number("top_p").ifPresent(b::topP);
        fields.integer("top_k").ifPresent(b::topK);
        fields.number("min_p").ifPresent(b::minP);
        fields.number("repetition_penalty").ifPresent(b::repetitionPenalty);
        fields.get("seed").ifPresent(seed -> {
            if (!seed.isIntegralNumber() || !seed.canConvertToLong()) throw fields.wrongType("seed", "an integer");
            b.seed(seed.longValue());
        });
        OptionalInt n = fields.integer("n");
        if (n.isPresent()) {
            if (n.getAsInt() < 1 || n.getAsInt() * prompts.size() > maxRows) {
                throw ApiError.invalid("n", "'n' times the prompts must be in [1, " + maxRows + "] (the batch's rows),"
                        + " got " + n.getAsInt() + " x " + prompts.size());
            }
            b.numReturnSequences(n.getAsInt());
        }
        b.stopStrings(stops(fields));
        String maxField = endpoint == Endpoint.CHAT && fields.get("max_completion_tokens").isPresent()
                ? "max_completion_tokens" : "max_tokens";
        OptionalInt max = fields.integer(maxField);
        if (max.isPresent() && max.getAsInt() < 1) {
            throw ApiError.invalid(maxField, "'" + maxField + "' must be at least 1, got " + max.getAsInt());
        }
        SamplingSettings defaults;
        try {
            defaults = b.build();
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid(null, e.getMessage());
        }
        int context = model.config().maxPositions();
        int longest = prompts.stream().mapToInt(p -> p.length).max().orElseThrow();
        int room = context - longest;
        int wanted = max.isPresent() ? max.getAsInt() : defaultLimit(defaults, longest, room);
        if (room < 1 || wanted > room) {
            throw ApiError.invalid(max.isPresent() ? maxField : "prompt", "this model's maximum context length is "
                    + context + " tokens, but " + (longest + wanted) + " were requested (" + longest
                    + " in the prompt, " + wanted + " for the completion)", "context_length_exceeded");
        }
        return b.maxNewTokens(wanted).build();
    }

    /** The model's own limit (generation_config.json, else 20), within the context. */
    private static int defaultLimit(SamplingSettings defaults, int promptLength, int room) {
        try {
            return Math.min(defaults.newTokenLimit(promptLength), Math.max(room, 1));
        } catch (IllegalArgumentException e) {
            return Math.max(room, 1);
        }
    }

    /** {@code stop}: a string or an array of up to 4 non-empty strings. */
    private static List<String> stops(JsonFields fields) {
        Optional<JsonNode> stop = fields.get("stop");
        if (stop.isEmpty()) return List.of();
        List<JsonNode> items = new ArrayList<>();
        if (stop.get().isArray()) stop.get().forEach(items::add);
        else items.add(stop.get());
        if (items.size() > 4 || items.stream().anyMatch(s -> !s.isTextual() || s.textValue().isEmpty())) {
            throw ApiError.invalid("stop", "'stop' must be a non-empty string or an array of up to 4 of them");
        }
        return items.stream().map(JsonNode::textValue).toList();
    }

    private static double range(JsonFields fields, String field) {
        double value = fields.number(field).orElse(0);
        if (!(value >= -2 && value <= 2)) {
            throw ApiError.invalid(field, "'" + field + "' must be in [-2, 2], got " + value);
        }
        return value;
    }

    private Tokenizer tokenizer() {
        if (!model.hasTokenizer()) {
            throw ApiError.invalid("prompt", "the model has no tokenizer: give the prompt as token ids");
        }
        return model.tokenizer();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
