package dev.rein.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this JVM has opened, one value per key, opened on first use and kept for the JVM's lifetime: the tasks an
 * executor runs share its models and scorers instead of opening them again.
 */
final class JvmCache<K, V> {
    /** Opens the value of a key. */
    interface Opener<K, V> {
        V open(K key) throws IOException;
    }

    private final Map<K, V> opened = new ConcurrentHashMap<>();
    private final Opener<K, V> opener;

    JvmCache(Opener<K, V> opener) {
        this.opener = opener;
    }

    /** The value of {@code key}, opened now unless this JVM has it already. */
    V get(K key) throws IOException {
        try {
            return opened.computeIfAbsent(key, k -> {
                try {
                    return opener.open(k);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
