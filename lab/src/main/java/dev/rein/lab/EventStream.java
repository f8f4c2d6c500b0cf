package dev.rein.lab;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A response as server-sent events ({@code event: NAME} / {@code data: JSON}), flushed one by one. When a write
 * fails the client has gone away: that write and every later one throw {@link Cancelled}, which stops the work that
 * was sending.
 */
final class EventStream {
    /** A stream that sends nothing: the events of a request answered with one JSON object. */
    static final EventStream DISCARDING = new EventStream(OutputStream.nullOutputStream());

    private final OutputStream out;
    private volatile boolean gone;

    private EventStream(OutputStream out) {
        this.out = out;
    }

    static EventStream open(Context ctx) throws IOException {
        ctx.status(200).contentType("text/event-stream").header("Cache-Control", "no-cache");
        return new EventStream(ctx.res().getOutputStream());
    }

    /** Sends one event. */
    synchronized void send(String event, JsonNode data) {
        if (gone) throw new Cancelled();
        try {
            out.write(("event: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            gone = true;
            throw new Cancelled();
        }
    }
}
