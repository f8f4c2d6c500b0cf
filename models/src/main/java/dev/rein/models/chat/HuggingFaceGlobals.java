package dev.rein.models.chat;

import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.objects.date.StrftimeFormatter;
import java.lang.reflect.Method;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;

/**
 * The functions Hugging Face's {@code apply_chat_template} adds to the template globals:
 * {@code raise_exception(message)}, which templates call to reject a conversation, and
 * {@code strftime_now(format)}, the current date formatted by a Python {@code strftime} pattern (Llama 3.1 puts
 * today's date in its system header). The time comes from the render's jinjava config, so tests can fix it.
 */
final class HuggingFaceGlobals {
    private HuggingFaceGlobals() {
    }

    /** The definitions to register in jinjava's global context. */
    static List<ELFunctionDefinition> functions() {
        return List.of(function("raise_exception", "raiseException"), function("strftime_now", "strftimeNow"));
    }

    private static ELFunctionDefinition function(String templateName, String methodName) {
        try {
            Method method = HuggingFaceGlobals.class.getDeclaredMethod(methodName, String.class);
            method.setAccessible(true); // jinjava calls it by reflection from its own package
            return new ELFunctionDefinition("", templateName, method);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
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

    /** {@code strftime_now(format)}. */
    static String strftimeNow(String format) {
        JinjavaConfig config = JinjavaInterpreter.getCurrent().getConfig();
        Instant now = Instant.ofEpochMilli(config.getDateTimeProvider().getCurrentTimeMillis());
        return StrftimeFormatter.format(ZonedDateTime.ofInstant(now, config.getTimeZone()), format, Locale.ENGLISH);
    }
}
