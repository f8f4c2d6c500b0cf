package dev.rein.models.chat;

import java.beans.FeatureDescriptor;
import java.util.Iterator;
import java.util.Map;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELException;
import jinjava.javax.el.ELResolver;

/**
 * {@code mapping.get(key[, default])} as Python's: none for a missing key without a default, where jinjava's
 * (Java's {@code Map.get}) gives undefined. Placed first in jinjava's resolver chain by {@link Jinja2Environment}.
 */
final class PythonDictResolver extends ELResolver {

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

    // The rest of the resolver contract: nothing else is resolved here.

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return true;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return null;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return null;
    }
}
