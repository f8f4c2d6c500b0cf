package dev.rein.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/** A partition's rows taken {@code size} at a time, each chunk turned into its output rows as it is reached. */
final class Chunks {
    private Chunks() {
    }

    /** The rows of {@code work} applied to each chunk of {@code rows}, in order, lazily. */
    static <T, R> Iterator<R> flatMap(Iterator<T> rows, int size, Function<List<T>, List<R>> work) {
        return new Iterator<>() {
            private Iterator<R> current = List.<R>of().iterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && rows.hasNext()) {
                    List<T> chunk = new ArrayList<>(size);
                    while (chunk.size() < size && rows.hasNext()) {
                        chunk.add(rows.next());
                    }
                    current = work.apply(chunk).iterator();
                }
                return current.hasNext();
            }

            @Override
            public R next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }
}
