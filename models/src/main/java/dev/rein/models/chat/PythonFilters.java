package dev.rein.models.chat;

import com.hubspot.jinjava.interpret.InvalidInputException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import java.util.Map;

/**
 * Replacements for jinjava filters and tests whose behaviour differs from the Jinja2 (and Hugging Face) ones
 * that chat templates are written against. {@link Jinja2Environment} registers them over jinjava's.
 */
final class PythonFilters {
    private PythonFilters() {
    }

    /**
     * {@code value|trim} and {@code value|trim(chars)}: Python's {@code str.strip}. Jinjava's trim strips every
     * control character and renders an undefined value as {@code "null"}; Jinja2 strips whitespace only and
     * renders undefined as the empty string.
     */
    static final class Trim implements ArgumentsFilter {
        @Override
        public String getName() {
            return "trim";
        }

        @Override
        public Object filter(Object value, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
            Object chars = ArgumentsFilter.optionalArgument(this, interpreter, "chars", args, kwargs);
            if (chars != null && !(chars instanceof String)) {
                throw new InvalidInputException(interpreter, getName(), "trim expects a string, found " + chars);
            }
            return PythonStrings.strip(value == null ? "" : value.toString(), (String) chars, true, true);
        }
    }

    /**
     * {@code value|tojson} and {@code value|tojson(indent=n)}: Hugging Face's replacement of Jinja2's filter,
     * {@code json.dumps(value, ensure_ascii=False, indent=indent)} (see {@link PythonJson}). Jinjava's writes
     * compact JSON without spaces after separators.
     */
    static final class ToJson implements ArgumentsFilter {
        @Override
        public String getName() {
            return "tojson";
        }

        @Override
        public Object filter(Object value, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
            Object indent = ArgumentsFilter.optionalArgument(this, interpreter, "indent", args, kwargs);
            if (indent != null && !(indent instanceof Number)) {
                throw new InvalidInputException(interpreter, getName(), "tojson expects an integer, found " + indent);
            }
            try {
                return PythonJson.dumps(value, indent == null ? null : ((Number) indent).intValue());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(interpreter, getName(), "tojson: " + e.getMessage());
            }
        }
    }

    /**
     * {@code value is iterable}: true for strings and mappings as well, as in Python, where jinjava says true
     * only for Java iterables and arrays.
     */
    static final class IsIterable implements ExpTest {
        @Override
        public String getName() {
            return "iterable";
        }

        @Override
        public boolean evaluate(Object value, JinjavaInterpreter interpreter, Object... args) {
            return value instanceof CharSequence || value instanceof Map<?, ?> || value instanceof Iterable<?>
                    || (value != null && value.getClass().isArray());
        }
    }

    /** A filter that reads its arguments as values (jinjava's default hands them over as strings). */
    interface ArgumentsFilter extends Filter {
        @Override
        Object filter(Object value, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs);

        @Override
        default Object filter(Object value, JinjavaInterpreter interpreter, String... args) {
            return filter(value, interpreter, args, Map.of());
        }

        /** The filter's one optional argument, given by position or by name; null when absent. */
        static Object optionalArgument(Filter filter, JinjavaInterpreter interpreter, String name, Object[] args,
                                       Map<String, Object> kwargs) {
            boolean otherName = kwargs.keySet().stream().anyMatch(key -> !key.equals(name));
            if (args.length + kwargs.size() > 1 || otherName) {
                throw new InvalidInputException(interpreter, filter.getName(),
                        filter.getName() + " takes one optional argument, " + name);
            }
            return args.length > 0 ? args[0] : kwargs.get(name);
        }
    }
}
