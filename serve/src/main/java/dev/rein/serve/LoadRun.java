package dev.rein.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A bounded load on a server on this machine: {@code clients} clients each send {@code requestsPerClient}
 * completions one after another, all clients at once, and the wall time, the tokens generated and the failures are
 * counted. One client is the sequential baseline; many show what batching buys. What {@code rein bench serve}
 * reports; only loopback addresses are accepted.
 *
 * @param requests         requests answered with 200
 * @param failed           requests answered otherwise (or not at all)
 * @param completionTokens tokens generated, from the responses' usage
 * @param seconds          wall time of the whole run
 */
public record LoadRun(int requests, int failed, long completionTokens, double seconds) {

    /** Generated tokens per second of wall time. */
    public double tokensPerSecond() {
        return completionTokens / seconds;
    }

    /**
     * Runs the load against {@code http://host:port/v1/completions}; request {@code i} (0-based over all clients) has
     * body {@code bodies.body(i)}.
     *
     * @throws IllegalArgumentException when host is not a loopback address
     */
    public static LoadRun measure(String host, int port, int clients, int requestsPerClient, Bodies bodies)
            throws InterruptedException {
        if (!host.equals("localhost") && !host.startsWith("127.") && !host.equals("::1")) {
            throw new IllegalArgumentException("the load runs only against this machine (127.0.0.1), not " + host);
        }
        URI uri = URI.create("http://" + host + ":" + port + "/v1/completions");
        long start = System.nanoTime();
        List<Future<long[]>> results = new ArrayList<>();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
             ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            for (int c = 0; c < clients; c++) {
                int client = c;
                results.add(pool.submit(() -> {
                    long[] counts = new long[3];                          // answered, failed, tokens
                    for (int r = 0; r < requestsPerClient; r++) {
                        send(http, uri, bodies.body(client * requestsPerClient + r), counts);
                    }
                    return counts;
                }));
            }
            long[] total = new long[3];
            for (Future<long[]> result : results) {
                try {
                    long[] counts = result.get();
                    for (int i = 0; i < 3; i++) total[i] += counts[i];
                } catch (ExecutionException e) {
                    total[1] += requestsPerClient;
                }
            }
            return new LoadRun((int) total[0], (int) total[1], total[2], (System.nanoTime() - start) * 1e-9);
        }
    }

    private static void send(HttpClient http, URI uri, String body, long[] counts) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                counts[1]++;
                return;
            }
            JsonNode usage = OpenAiJson.MAPPER.readTree(response.body()).get("usage");
            counts[0]++;
            counts[2] += usage.get("completion_tokens").asLong();
        } catch (IOException e) {
            counts[1]++;
        }
    }

    /** The body of each request of a run. */
    @FunctionalInterface
    public interface Bodies {
        /** The JSON body of request {@code index}. */
        String body(int index);

        /** Sampled completions of {@code prompt}, {@code maxTokens} long (no stop), seeded by the request's index. */
        static Bodies sampled(String prompt, int maxTokens) {
            return index -> OpenAiJson.MAPPER.createObjectNode().put("prompt", prompt).put("max_tokens", maxTokens)
                    .put("temperature", 1.0).put("seed", index).toString();
        }
    }
}
