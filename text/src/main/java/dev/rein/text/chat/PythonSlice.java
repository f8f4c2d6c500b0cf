package dev.rein.text.chat;

import com.hubspot.jinjava.el.ext.AstRangeBracket;
import com.hubspot.jinjava.objects.collections.PyList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jinjava.de.odysseus.el.tree.Bindings;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELException;

/**
 * A Python slice {@code sequence[start:stop:step]} of a list or a string, with Python's rules: each bound may be
 * omitted or {@code none}, negative bounds count from the end, out-of-range bounds are clamped, and a negative
 * step walks backwards ({@code messages[::-1]} reverses). Strings are sliced by UTF-16 code unit, which equals
 * Python's code point slicing for text without surrogate pairs. Created by {@link Jinja2Parser}.
 */
final class PythonSlice extends AstRangeBracket {
    private final AstNode step;

    PythonSlice(AstNode base, AstNode start, AstNode stop, AstNode step, boolean lvalue) {
        super(base, start, stop, lvalue, true, false);
        this.step = step;
    }

    @Override
    public Object eval(Bindings bindings, ELContext context) {
        Object base = prefix.eval(bindings, context);
        Integer start = bound(property, bindings, context);
        Integer stop = bound(rangeMax, bindings, context);
        Integer stepValue = bound(step, bindings, context);
        if (base instanceof String text) {
            StringBuilder result = new StringBuilder();
            for (int i : indices(text.length(), start, stop, stepValue)) {
                result.append(text.charAt(i));
            }
            return result.toString();
        }
        List<?> items = asList(base);
        List<Object> result = new ArrayList<>();
        for (int i : indices(items.size(), start, stop, stepValue)) {
            result.add(items.get(i));
        }
        return new PyList(result);
    }

    /**
     * The positions a slice visits in a sequence of {@code length} items, in order; null bounds are omitted
     * ones. This is Python's {@code range(*slice(start, stop, step).indices(length))}.
     */
    static int[] indices(int length, Integer start, Integer stop, Integer step) {
        int stride = step == null ? 1 : step;
        if (stride == 0) {
            throw new ELException("slice step cannot be zero");
        }
        int lowest = stride > 0 ? 0 : -1;
        int highest = stride > 0 ? length : length - 1;
        int from = start == null ? (stride > 0 ? lowest : highest) : clamp(start, length, lowest, highest);
        int to = stop == null ? (stride > 0 ? highest : lowest) : clamp(stop, length, lowest, highest);
        int count = stride > 0
                ? Math.max(0, (to - from + stride - 1) / stride)
                : Math.max(0, (from - to - stride - 1) / -stride);
        int[] positions = new int[count];
        for (int i = 0; i < count; i++) {
            positions[i] = from + i * stride;
        }
        return positions;
    }

    private static int clamp(int bound, int length, int lowest, int highest) {
        int fromStart = bound < 0 ? bound + length : bound;
        return Math.max(lowest, Math.min(highest, fromStart));
    }

    private static Integer bound(AstNode node, Bindings bindings, ELContext context) {
        if (node == null) {
            return null;
        }
        Object value = node.eval(bindings, context);
        if (PythonNone.isNone(value, true)) {
            return null;
        }
        if (value instanceof Number number && number.doubleValue() == number.longValue()) {
            return Math.toIntExact(number.longValue());
        }
        throw new ELException("slice indices must be integers or none, found " + value);
    }

    private static List<?> asList(Object base) {
        if (base instanceof List<?> list) {
            return list;
        }
        if (base instanceof Object[] array) {
            return Arrays.asList(array);
        }
        if (base instanceof Iterable<?> iterable) {
            List<Object> copy = new ArrayList<>();
            iterable.forEach(copy::add);
            return copy;
        }
        String what = base == null ? "an undefined value" : base.getClass().getSimpleName();
        throw new ELException("cannot slice " + what);
    }
}
