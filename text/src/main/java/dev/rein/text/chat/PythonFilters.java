package dev.rein.text.chat;

import com.hubspot.jinjava.interpret.InvalidInputException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.objects.collections.PyList;
import com.hubspot.jinjava.util.ForLoop;
import com.hubspot.jinjava.util.ObjectIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

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
            if (!PythonNone.isNone(chars, true) && !(chars instanceof String)) {
                throw new InvalidInputException(interpreter, getName(), "trim expects a string, found " + chars);
            }
            String text = PythonRepr.str(value);
            return PythonStrings.strip(text, PythonNone.isNone(chars, true) ? null : (String) chars, true, true);
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
            boolean iterable = value instanceof CharSequence || value instanceof Map<?, ?> || value instanceof Iterable<?>
                    || (value != null && value.getClass().isArray());
            return iterable && !(value instanceof PythonNone);
        }
    }

    /** {@code value|string}: Python's {@code str(value)} ({@code True}, {@code None}, {@code ['a']}). */
    static final class ToString implements ArgumentsFilter {
        @Override
        public String getName() {
            return "string";
        }

        @Override
        public Object filter(Object value, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
            return PythonRepr.str(value);
        }
    }

    /**
     * {@code items|join(d='', attribute=none)}: the items (or that attribute of each) as {@code str()} gives
     * them, separated by {@code d}. Jinjava's join writes Java's {@code toString} of non-string items.
     */
    static final class Join implements ArgumentsFilter {
        @Override
        public String getName() {
            return "join";
        }

        @Override
        public Object filter(Object value, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
            Object separator = args.length > 0 ? args[0] : kwargs.getOrDefault("d", "");
            Object attribute = args.length > 1 ? args[1] : kwargs.get("attribute");
            StringJoiner joined = new StringJoiner(PythonRepr.str(separator));
            ForLoop items = ObjectIterator.getLoop(value);
            while (items.hasNext()) {
                Object item = items.next();
                Object shown = attribute == null ? item : interpreter.resolveProperty(item, attribute.toString());
                joined.add(PythonRepr.str(shown));
            }
            return joined.toString();
        }
    }

    /**
     * {@code mapping|items} (Jinja2 3.1): the key-value pairs, each a two-item list that {@code for k, v in}
     * unpacks; an undefined value gives none.
     */
    static final class Items implements ArgumentsFilter {
        @Override
        public String getName() {
            return "items";
        }

        @Override
        public Object filter(Object value, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
            if (value == null) {
                return new PyList(new ArrayList<>());
            }
            if (!(value instanceof Map<?, ?> map)) {
                throw new InvalidInputException(interpreter, getName(), "items expects a mapping, found " + value);
            }
            List<Object> pairs = new ArrayList<>();
            map.forEach((key, item) -> pairs.add(new PyList(new ArrayList<>(Arrays.asList(key, item)))));
            return new PyList(pairs);
        }
    }

    /**
     * {@code value is none}: true for a none value only. Jinjava's test is true for undefined values as well,
     * which Jinja2's is not.
     */
    static final class IsNone implements ExpTest {
        @Override
        public String getName() {
            return "none";
        }

        @Override
        public boolean evaluate(Object value, JinjavaInterpreter interpreter, Object... args) {
            return PythonNone.isNone(value, false);
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
