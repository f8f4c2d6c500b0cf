package dev.rein.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A plain JDK HTTP client of a test server on 127.0.0.1, reading JSON and server-sent events as a client would. */
final class Client {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    Client(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(request(path, body), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode postJson(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = post(path, body);
        if (response.statusCode() != 200) {
            throw new AssertionError("status " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** The data fields of the events of a streamed response, in order ("[DONE]" included). */
    List<String> events(String path, String body) throws IOException, InterruptedException {
        HttpResponse<Stream<String>> response = http.send(request(path, body), HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            throw new AssertionError("status " + response.statusCode());
        }
        if (!response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
            throw new AssertionError("content type " + response.headers().firstValue("Content-Type"));
        }
        List<String> data = new ArrayList<>();
        try (Stream<String> lines = response.body()) {
            lines.filter(line -> line.startsWith("data: ")).forEach(line -> data.add(line.substring(6)));
        }
        return data;
    }

    HttpRequest request(String path, String body) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    HttpClient http() {
        return http;
    }
}
