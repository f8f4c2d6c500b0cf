package dev.rein.text.chat;

import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.el.ext.NamedParameter;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.lib.tag.Tag;
import com.hubspot.jinjava.objects.date.StrftimeFormatter;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import java.lang.reflect.Method;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What Hugging Face's {@code apply_chat_template} adds to Jinja2 for chat templates: the functions
 * {@code raise_exception(message)}, which templates call to reject a conversation,
 * {@code strftime_now(format)}, the current date formatted by a Python {@code strftime} pattern (Llama 3.1 puts
 * today's date in its system header; the time comes from the render's jinjava config, so tests can fix it), and
 * the {@code {% generation %}...{% endgeneration %}} block that marks assistant replies, which renders its body.
 * Jinja2's global {@code dict(...)}, which jinjava lacks, is defined here as well.
 */
final class HuggingFaceExtensions {
    private HuggingFaceExtensions() {
    }

    /** The definitions to register in jinjava's global context. */
    static List<ELFunctionDefinition> functions() {
        return List.of(function("raise_exception", "raiseException", String.class),
                function("strftime_now", "strftimeNow", String.class), function("dict", "dict", Object[].class));
    }

    private static ELFunctionDefinition function(String templateName, String methodName, Class<?> parameter) {
        try {
            Method method = HuggingFaceExtensions.class.getDeclaredMethod(methodName, parameter);
            method.setAccessible(true); // jinjava calls it by reflection from its own package
            return new ELFunctionDefinition("", templateName, method);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * {@code {% generation %}}: renders its body in a scope of its own, as Jinja2 renders a call block. (Hugging
     * Face records the body's position for {@code return_assistant_tokens_mask}; {@link AssistantSpans} finds
     * replies without it.)
     */
    static final class GenerationTag implements Tag {
        private static final long serialVersionUID = 1L;

        @Override
        public String getName() {
            return "generation";
        }

        @Override
        public String interpret(TagNode tagNode, JinjavaInterpreter interpreter) {
            StringBuilder body = new StringBuilder();
            try (var scope = interpreter.enterScope()) {
                for (Node child : tagNode.getChildren()) {
                    body.append(child.render(interpreter));
                }
            }
            return body.toString();
        }
    }

    /** Thrown by {@code raise_exception}; {@link ChatTemplate} finds it among jinjava's errors. */
    static final class TemplateRaised extends RuntimeException {
        TemplateRaised(String message) {
            super(message, null, false, false);
        }
    }

    /** {@code raise_exception(message)}. */
    static String raiseException(String message) {
        throw new TemplateRaised(message);
    }

    /**
     * Jinja2's global {@code dict(mapping, **kwargs)}: a new mapping with the entries of an optional mapping
     * given by position, then the keyword arguments in order.
     */
    static Map<Object, Object> dict(Object... arguments) {
        Map<Object, Object> dict = new LinkedHashMap<>();
        for (int i = 0; i < arguments.length; i++) {
            if (arguments[i] instanceof NamedParameter named) {
                dict.put(named.getName(), named.getValue());
            } else if (i == 0 && arguments[i] instanceof Map<?, ?> map) {
                dict.putAll(map);
            } else {
                throw new IllegalArgumentException(
                        "dict() takes a mapping and keyword arguments, found " + PythonRepr.repr(arguments[i]));
            }
        }
        return dict;
    }

    /** {@code strftime_now(format)}. */
    static String strftimeNow(String format) {
        JinjavaConfig config = JinjavaInterpreter.getCurrent().getConfig();
        Instant now = Instant.ofEpochMilli(config.getDateTimeProvider().getCurrentTimeMillis());
        return StrftimeFormatter.format(ZonedDateTime.ofInstant(now, config.getTimeZone()), format, Locale.ENGLISH);
    }
}
