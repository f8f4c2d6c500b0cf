package dev.rein.text.chat;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError.ErrorType;
import com.hubspot.jinjava.interpret.TemplateError;
import dev.rein.formats.FormatException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Hugging Face chat template (the Jinja {@code chat_template} of {@code tokenizer_config.json}) that turns a
 * conversation into the prompt text the model was trained on, as {@code tokenizer.apply_chat_template(messages,
 * tokenize=False)} does in Python. Rendering uses jinjava set up to behave like Jinja2 (see
 * {@link Jinja2Environment}); the template sees {@code messages}, {@code add_generation_prompt},
 * {@code bos_token}, {@code eos_token}, {@code tools} (none when not given), {@code documents} (none unless given
 * as a variable), any further {@link ChatRenderOptions#variables()}, and the functions {@code raise_exception}
 * and {@code strftime_now}. Nulls in the messages, tools and variables are Python's None to the template. Undefined names render as empty text and fail
 * {@code is defined}, as with Jinja2's default {@code Undefined}.
 *
 * <p>Errors: a template that does not parse or fails while rendering is a {@link FormatException} naming the
 * template's file and field; a conversation the template rejects through {@code raise_exception} is a
 * {@link ChatTemplateException} carrying the template's message. Jinjava's warnings (a subscript of something
 * that has none, for instance) are not errors: Jinja2 gives an undefined value there too.
 */
public final class ChatTemplate {
    private static final String FIELD = "chat_template";

    private final String source;
    private final String jinja2Source;
    private final String bosToken;
    private final String eosToken;
    private final Path file;
    private final String field;
    private final Jinja2Environment environment;

    private ChatTemplate(String source, String bosToken, String eosToken, Path file, String field, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.jinja2Source = Jinja2Environment.jinja2Source(source);
        this.bosToken = bosToken;
        this.eosToken = eosToken;
        this.file = file;
        this.field = field;
        this.environment = new Jinja2Environment(clock);
        checkBlockStructure();
    }

    /**
     * A template given as text, not read from a file.
     *
     * @param bosToken the text of the beginning-of-sequence token, or null when the tokenizer has none
     * @param eosToken the text of the end-of-sequence token, or null
     * @throws FormatException when the template's blocks do not nest or name an unknown tag
     */
    public static ChatTemplate of(String source, String bosToken, String eosToken) {
        return new ChatTemplate(source, bosToken, eosToken, null, FIELD, Clock.systemDefaultZone());
    }

    /**
     * A template read from {@code file}, where {@code field} names it (e.g. {@code chat_template}; null when the
     * file holds nothing but the template); both appear in error messages. {@link ChatTemplateLoader} calls this.
     */
    static ChatTemplate fromFile(String source, String bosToken, String eosToken, Path file, String field) {
        return new ChatTemplate(source, bosToken, eosToken, file, field, Clock.systemDefaultZone());
    }

    /** This template with {@code strftime_now} reading the given clock (and its time zone) instead of the system's. */
    public ChatTemplate withClock(Clock clock) {
        return new ChatTemplate(source, bosToken, eosToken, file, field, clock);
    }

    /** The template text as given. */
    public String source() {
        return source;
    }

    public String bosToken() {
        return bosToken;
    }

    public String eosToken() {
        return eosToken;
    }

    /**
     * The conversation as prompt text.
     *
     * @throws ChatTemplateException when the template rejects the conversation
     * @throws FormatException       when the template is malformed or fails while rendering
     */
    public String render(List<ChatMessage> messages, ChatRenderOptions options) {
        // Nulls become Python's None; a token the tokenizer lacks stays undefined, as Hugging Face leaves it.
        Map<String, Object> variables = new HashMap<>();
        options.variables().forEach((name, value) -> variables.put(name, PythonNone.fromJava(value)));
        variables.putIfAbsent("documents", PythonNone.NONE);
        variables.put("messages", PythonNone.fromJava(messages.stream().map(ChatMessage::templateValue).toList()));
        variables.put("add_generation_prompt", options.addGenerationPrompt());
        variables.put("tools", PythonNone.fromJava(options.tools()));
        if (bosToken != null) {
            variables.put("bos_token", bosToken);
        }
        if (eosToken != null) {
            variables.put("eos_token", eosToken);
        }
        RenderResult result = environment.render(jinja2Source, variables);
        for (TemplateError error : result.getErrors()) {
            HuggingFaceExtensions.TemplateRaised raised = raisedBy(error.getException());
            if (raised != null) {
                throw new ChatTemplateException(file, field, raised.getMessage());
            }
        }
        for (TemplateError error : result.getErrors()) {
            if (error.getSeverity() == ErrorType.FATAL) {
                throw malformed(error);
            }
        }
        return result.getOutput();
    }

    /**
     * Parses the template's block structure once, so that unknown tags and unclosed or mismatched blocks surface
     * when the template is loaded. (Errors inside expressions surface when rendering, as jinjava parses an
     * expression when it first evaluates it.)
     */
    private void checkBlockStructure() {
        JinjavaInterpreter interpreter = environment.newInterpreter();
        interpreter.parse(jinja2Source);
        for (TemplateError error : interpreter.getErrors()) {
            if (error.getSeverity() == ErrorType.FATAL) {
                throw malformed(error);
            }
        }
    }

    private FormatException malformed(TemplateError error) {
        String line = error.getLineno() > 0 ? "line " + error.getLineno() + ": " : "";
        return new FormatException(file, field, line + error.getMessage(), error.getException());
    }

    private static HuggingFaceExtensions.TemplateRaised raisedBy(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof HuggingFaceExtensions.TemplateRaised raised) {
                return raised;
            }
        }
        return null;
    }
}
