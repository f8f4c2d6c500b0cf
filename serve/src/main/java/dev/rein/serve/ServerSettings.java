package dev.rein.serve;

import java.time.Duration;

/**
 * How the server listens and how much it takes on.
 *
 * @param host            address to bind, e.g. 127.0.0.1
 * @param port            port to bind; 0 picks a free one ({@link ReinServer#port()} says which)
 * @param maxBatchRows    most sequences decoded together in one batch (a request with n choices is n rows)
 * @param maxQueued       most requests waiting for room in the batch; more get 503 with Retry-After
 * @param requestTimeout  longest a request may wait and decode before it is stopped
 */
public record ServerSettings(String host, int port, int maxBatchRows, int maxQueued, Duration requestTimeout) {

    public ServerSettings {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
        if (maxBatchRows < 1) throw new IllegalArgumentException("the batch must hold at least 1 row, got " + maxBatchRows);
        if (maxQueued < 1) throw new IllegalArgumentException("the queue must hold at least 1 request, got " + maxQueued);
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("the request timeout must be positive, got " + requestTimeout);
        }
    }

    /** 127.0.0.1:8080, 32 rows, 64 waiting requests, 5 minutes per request. */
    public static ServerSettings defaults() {
        return new ServerSettings("127.0.0.1", 8080, 32, 64, Duration.ofMinutes(5));
    }

    public ServerSettings withAddress(String newHost, int newPort) {
        return new ServerSettings(newHost, newPort, maxBatchRows, maxQueued, requestTimeout);
    }

    public ServerSettings withLimits(int rows, int queued, Duration timeout) {
        return new ServerSettings(host, port, rows, queued, timeout);
    }
}
