package dev.rein.text.chat;

import com.hubspot.jinjava.util.HasObjectTruthValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code None} inside templates. Jinjava represents both an undefined name and a none value as Java
 * {@code null}; Jinja2 tells them apart (a field holding None {@code is defined}, prints {@code None} and is
 * kept by {@code default}), so {@link ChatTemplate} hands every null of the conversation to the template as
 * this value and {@code none} in a template evaluates to it, leaving {@code null} to mean undefined.
 *
 * <p>It is false in conditions and iterates as empty, so that a loop over none renders nothing (Jinja2 raises
 * a TypeError there instead).
 */
enum PythonNone implements HasObjectTruthValue, Iterable<Object> {
    NONE;

    @Override
    public boolean getObjectTruthValue() {
        return false;
    }

    @Override
    public Iterator<Object> iterator() {
        return Collections.emptyIterator();
    }

    @Override
    public String toString() {
        return "None";
    }

    /** True for none; also for {@code null} when {@code undefinedToo} (where a missing argument means none). */
    static boolean isNone(Object value, boolean undefinedToo) {
        return value == NONE || (undefinedToo && value == null);
    }

    /** A copy of a JSON-like value (maps, lists, scalars) with every null replaced by {@link #NONE}. */
    static Object fromJava(Object value) {
        return switch (value) {
            case null -> NONE;
            case Map<?, ?> map -> {
                Map<Object, Object> copy = new LinkedHashMap<>();
                map.forEach((key, item) -> copy.put(key, fromJava(item)));
                yield copy;
            }
            case List<?> list -> {
                List<Object> copy = new ArrayList<>(list.size());
                list.forEach(item -> copy.add(fromJava(item)));
                yield copy;
            }
            default -> value;
        };
    }
}
