package dev.rein.text.chat;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELException;

/**
 * Lets templates index strings ({@code text[-1]}) and call Python string methods on them: {@code startswith},
 * {@code endswith} (a prefix or a tuple of them), {@code split}, {@code rsplit}, {@code strip}, {@code lstrip},
 * {@code rstrip} (optional argument), {@code splitlines}, {@code upper}, {@code lower}, {@code title},
 * {@code capitalize}, {@code find}, {@code count} (one argument each), {@code isdigit}, {@code isspace} and
 * {@code join}. Jinjava would otherwise call the Java
 * method of the same name where one exists (Java's {@code split} takes a regular expression and drops trailing
 * empty pieces, which breaks Qwen3's {@code content.split('</think>')[-1]}) and fail where none does. Placed
 * first in jinjava's resolver chain by {@link Jinja2Environment}; other calls fall through to jinjava, so Java's
 * {@code replace(old, new)}, which matches Python's two-argument form, still works.
 */
final class PythonStringResolver extends LookupOnlyResolver {
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,18}");

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] types, Object[] params) {
        if (!(base instanceof String text) || !(method instanceof String name)) {
            return null;
        }
        Object[] args = params == null ? new Object[0] : params;
        Object result = switch (name) {
            case "startswith" -> matchesAny(text, name, args, true);
            case "endswith" -> matchesAny(text, name, args, false);
            case "strip" -> strip(text, name, args, true, true);
            case "lstrip" -> strip(text, name, args, true, false);
            case "rstrip" -> strip(text, name, args, false, true);
            case "split" -> split(text, name, args);
            case "rsplit" -> split(text, name, args);
            case "splitlines" -> noArguments(name, args, PythonStrings.splitLines(text));
            case "title" -> noArguments(name, args, PythonStrings.title(text));
            case "capitalize" -> noArguments(name, args, PythonStrings.capitalize(text));
            case "find" -> text.indexOf(substring(name, args));
            case "count" -> PythonStrings.count(text, substring(name, args));
            case "isdigit" -> noArguments(name, args, !text.isEmpty() && text.chars().allMatch(Character::isDigit));
            case "isspace" -> noArguments(name, args,
                    !text.isEmpty() && text.chars().allMatch(c -> PythonStrings.isSpace((char) c)));
            case "upper" -> noArguments(name, args, text.toUpperCase(Locale.ROOT));
            case "lower" -> noArguments(name, args, text.toLowerCase(Locale.ROOT));
            case "join" -> join(text, args);
            default -> null;
        };
        if (result != null) {
            context.setPropertyResolved(true);
        }
        return result;
    }

    private static boolean matchesAny(String text, String name, Object[] args, boolean prefix) {
        requireCount(name, args, 1, 1);
        List<?> candidates = args[0] instanceof List<?> tuple ? tuple : Collections.singletonList(args[0]);
        for (Object candidate : candidates) {
            if (!(candidate instanceof String s)) {
                throw new ELException("str." + name + "() expects a string or a tuple of strings, found " + candidate);
            }
            if (prefix ? text.startsWith(s) : text.endsWith(s)) {
                return true;
            }
        }
        return false;
    }

    private static String strip(String text, String name, Object[] args, boolean left, boolean right) {
        requireCount(name, args, 0, 1);
        return PythonStrings.strip(text, stringOrNone(name, args), left, right);
    }

    private static List<String> split(String text, String name, Object[] args) {
        requireCount(name, args, 0, 2);
        String separator = stringOrNone(name, args);
        int maxSplit = -1;
        if (args.length == 2) {
            if (!(args[1] instanceof Number number)) {
                throw new ELException("str." + name + "() expects an integer maxsplit, found " + args[1]);
            }
            maxSplit = number.intValue();
        }
        try {
            return name.equals("split")
                    ? PythonStrings.split(text, separator, maxSplit)
                    : PythonStrings.rsplit(text, separator, maxSplit);
        } catch (IllegalArgumentException e) {
            throw new ELException("str." + name + "(): " + e.getMessage());
        }
    }

    private static String join(String separator, Object[] args) {
        requireCount("join", args, 1, 1);
        if (!(args[0] instanceof Iterable<?> items)) {
            throw new ELException("str.join() expects a list of strings, found " + args[0]);
        }
        StringBuilder joined = new StringBuilder();
        for (Object item : items) {
            if (!(item instanceof String s)) {
                throw new ELException("str.join() expects a list of strings, found " + item);
            }
            if (!joined.isEmpty()) {
                joined.append(separator);
            }
            joined.append(s);
        }
        return joined.toString();
    }

    /** The one argument, a string. */
    private static String substring(String name, Object[] args) {
        requireCount(name, args, 1, 1);
        if (!(args[0] instanceof String s)) {
            throw new ELException("str." + name + "() expects a string argument, found " + PythonRepr.repr(args[0]));
        }
        return s;
    }

    /** The first argument when given (a string or none), else null. */
    private static String stringOrNone(String name, Object[] args) {
        if (args.length == 0 || PythonNone.isNone(args[0], true)) {
            return null;
        }
        if (!(args[0] instanceof String s)) {
            throw new ELException("str." + name + "() expects a string argument, found " + args[0]);
        }
        return s;
    }

    private static <T> T noArguments(String name, Object[] args, T result) {
        requireCount(name, args, 0, 0);
        return result;
    }

    private static void requireCount(String name, Object[] args, int min, int max) {
        if (args.length < min || args.length > max) {
            throw new ELException("str." + name + "() takes " + (min == max ? min : min + " to " + max)
                    + " arguments, " + args.length + " given");
        }
    }

    /**
     * {@code text[i]}: the character at {@code i}, counted from the end when negative, as a string; undefined
     * (null) when out of range, as Jinja2's subscript gives. Jinjava has no indexing of strings, and hands the
     * index over as its decimal text.
     */
    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        if (!(base instanceof String text) || !(property instanceof String name) || !INTEGER.matcher(name).matches()) {
            return null;
        }
        context.setPropertyResolved(true);
        long index = Long.parseLong(name);
        long position = index < 0 ? index + text.length() : index;
        return position >= 0 && position < text.length() ? String.valueOf(text.charAt((int) position)) : null;
    }
}
