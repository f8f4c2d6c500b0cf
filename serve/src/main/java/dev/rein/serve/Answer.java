package dev.rein.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The answer to one generating request, from the decoder's events: collected into one response, or streamed as
 * server-sent events in OpenAI's chunk format ending with {@code data: [DONE]}. A client that goes away, or a request
 * that runs past the timeout, cancels its rows in the decoder.
 */
final class Answer {
    private final DecodeJob job;
    private final CompletionRequest request;
    private final OpenAiJson json;
    private final long deadline;
    private final int choices;
    private final String[] texts;
    private final String[] finishReasons;
    private int completionTokens;
    private int finished;

    Answer(DecodeJob job, CompletionRequest request, OpenAiJson json, Duration timeout) {
        this.job = job;
        this.request = request;
        this.json = json;
        this.deadline = System.nanoTime() + timeout.toNanos();
        this.choices = job.rowCount();
        this.texts = new String[choices];
        this.finishReasons = new String[choices];
    }

    /** Waits for every choice and returns the response object. */
    ObjectNode whole() throws InterruptedException {
        while (finished < choices) {
            next();
        }
        return json.response(texts, finishReasons, request.promptTokens(), completionTokens);
    }

    /** Streams the choices as they are made; stops the request if the client goes away. */
    void stream(Context ctx) throws InterruptedException {
        ctx.status(200).contentType("text/event-stream").header("Cache-Control", "no-cache");
        try {
            OutputStream out = ctx.res().getOutputStream();
            if (request.endpoint() == Endpoint.CHAT) {
                for (int c = 0; c < choices; c++) {
                    send(out, json.chunk(c, "", null, true).toString());
                }
            }
            try {
                while (finished < choices) {
                    JobEvent event = next();
                    switch (event) {
                        case JobEvent.Delta delta -> send(out, json.chunk(delta.choice(), delta.text(), null, false)
                                .toString());
                        case JobEvent.Finished end -> send(out, json.chunk(end.choice(), null, end.finishReason(),
                                false).toString());
                        case JobEvent.Failed failed -> throw failed.error();
                    }
                }
                if (request.includeUsage()) {
                    send(out, json.usageChunk(request.promptTokens(), completionTokens).toString());
                }
            } catch (ApiError e) {
                send(out, e.toJson().toString());
            }
            send(out, "[DONE]");
        } catch (IOException e) {
            job.cancel();                                                   // the client went away
        }
    }

    /** The next event of the decoder (a finished choice recorded); past the deadline the request is cancelled. */
    private JobEvent next() throws InterruptedException {
        JobEvent event = job.next(Duration.ofNanos(deadline - System.nanoTime()));
        if (event == null) {
            job.cancel();
            throw new ApiError(504, "the request ran past the server's timeout and was stopped", "server_error",
                    null, "timeout");
        }
        switch (event) {
            case JobEvent.Finished end -> {
                texts[end.choice()] = end.text();
                finishReasons[end.choice()] = end.finishReason();
                completionTokens += end.tokens();
                finished++;
            }
            case JobEvent.Failed failed -> {
                job.cancel();
                throw failed.error();
            }
            case JobEvent.Delta ignored -> {
                // the text arrives whole with Finished
            }
        }
        return event;
    }

    private static void send(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
