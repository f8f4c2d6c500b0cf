package dev.rein.text.chat;

import java.util.Map;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELException;

/**
 * {@code mapping.get(key[, default])} as Python's: none for a missing key without a default, where jinjava's
 * (Java's {@code Map.get}) gives undefined. Placed first in jinjava's resolver chain by {@link Jinja2Environment}.
 */
final class PythonDictResolver extends LookupOnlyResolver {

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] types, Object[] params) {
        if (!(base instanceof Map<?, ?> map) || !"get".equals(method)) {
            return null;
        }
        Object[] args = params == null ? new Object[0] : params;
        if (args.length < 1 || args.length > 2) {
            throw new ELException("dict.get() takes 1 or 2 arguments, " + args.length + " given");
        }
        context.setPropertyResolved(true);
        if (map.containsKey(args[0])) {
            return map.get(args[0]);
        }
        return args.length == 2 ? args[1] : PythonNone.NONE;
    }
}
