package dev.rein.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.models.LanguageModel;
import dev.rein.models.generation.LogitsPipeline;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.time.Instant;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code rein serve}: the OpenAI API over one model — {@code POST /v1/completions}, {@code POST /v1/chat/completions}
 * (with {@code stream: true} as server-sent events), {@code GET /v1/models}, {@code GET /health} and
 * {@code GET /v1/rein/assets} — on Javalin. Requests decode together in one {@link BatchDecoder}; the control
 * methods are request options ({@code rein}). A bad request gets OpenAI's error object with status 400 (404 for an
 * unknown model, 503 with Retry-After when the queue is full); no request brings the server down, and no stack trace
 * reaches a client.
 */
public final class ReinServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ReinServer.class.getName());

    private final LanguageModel model;
    private final String modelId;
    private final ServerSettings settings;
    private final ServerAssets assets;
    private final RequestParser parser;
    private final BatchDecoder decoder;
    private final Javalin app;
    private final long created = Instant.now().getEpochSecond();

    private ReinServer(LanguageModel model, String modelId, ServerSettings settings, ServerAssets assets) {
        if (!model.hasTokenizer()) {
            throw new IllegalArgumentException(model.source() + " has no tokenizer.json; the server answers in text");
        }
        this.model = model;
        this.modelId = modelId;
        this.settings = settings;
        this.assets = assets;
        this.parser = new RequestParser(model, modelId, settings.maxBatchRows(), new ReinControl.Parser(assets, model));
        this.decoder = new BatchDecoder(model.transformer(), settings.maxBatchRows(), settings.maxQueued());
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.useVirtualThreads = true;
            config.http.disableCompression();
        });
        app.get("/health", ctx -> send(ctx, 200, OpenAiJson.MAPPER.createObjectNode().put("status", "ok")));
        app.get("/v1/models", this::models);
        app.get("/v1/rein/assets", ctx -> send(ctx, 200, assets.describe()));
        for (Endpoint endpoint : Endpoint.values()) {
            app.post(endpoint.path, ctx -> generate(ctx, endpoint));
        }
        app.exception(ApiError.class, (e, ctx) -> refuse(ctx, e));
        app.exception(HttpResponseException.class, (e, ctx) -> refuse(ctx, new ApiError(e.getStatus(),
                e.getMessage(), "invalid_request_error", null, statusCode(e.getStatus()))));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.log(Level.SEVERE, "request failed", e);
            refuse(ctx, new ApiError(500, "internal error: " + e.getClass().getSimpleName(), "server_error", null,
                    null));
        });
        app.error(404, ctx -> refuseUnlessJson(ctx, "no such endpoint: " + ctx.method() + " " + ctx.path(),
                statusCode(404)));
        app.error(413, ctx -> refuseUnlessJson(ctx, "the request body is too large", statusCode(413)));
    }

    /**
     * Serves {@code model} (named {@code modelId} in the API) until {@link #close}.
     *
     * @throws IllegalArgumentException when the model has no tokenizer
     */
    public static ReinServer start(LanguageModel model, String modelId, ServerSettings settings, ServerAssets assets) {
        ReinServer server = new ReinServer(model, modelId, settings, assets);
        server.app.start(settings.host(), settings.port());
        return server;
    }

    /** The port it listens on (the one picked when the settings said 0). */
    public int port() {
        return app.port();
    }

    /** The most rows the decoder's batch has held at once. */
    public int peakBatchRows() {
        return decoder.peakRows();
    }

    /** Rows the decoder dropped because their client left or their time ran out. */
    int leftRows() {
        return decoder.leftRows();
    }

    private void models(Context ctx) {
        ObjectNode out = OpenAiJson.MAPPER.createObjectNode().put("object", "list");
        out.putArray("data").addObject().put("id", modelId).put("object", "model").put("created", created)
                .put("owned_by", "rein");
        send(ctx, 200, out);
    }

    private void generate(Context ctx, Endpoint endpoint) throws InterruptedException {
        JsonNode body;
        try {
            body = OpenAiJson.MAPPER.readTree(ctx.body());
        } catch (JsonProcessingException e) {
            throw ApiError.invalid(null, "the body is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
        CompletionRequest request = parser.parse(endpoint, body);
        DecodeJob job = new DecodeJob(request.prompts(), request.settings(),
                LogitsPipeline.of(request.settings(), request.processors()), model.tokenizer(),
                request.control().plain() ? null : request.control().generation(model, request));
        if (!decoder.offer(job)) {
            throw new ApiError(503, "the server is busy: " + settings.maxQueued() + " requests are already waiting;"
                    + " retry shortly", "server_error", null, "overloaded");
        }
        OpenAiJson json = new OpenAiJson(endpoint, endpoint.idPrefix + UUID.randomUUID(), Instant.now().getEpochSecond(),
                modelId);
        Answer answer = new Answer(job, request, json, settings.requestTimeout());
        if (request.stream()) {
            answer.stream(ctx);
        } else {
            send(ctx, 200, answer.whole());
        }
    }

    /** Javalin's own refusals (no route, a body too large) as OpenAI's error object; ours already are one. */
    /** OpenAI's error code for a status Javalin raised itself (an unknown path, a body over the limit). */
    private static String statusCode(int status) {
        return switch (status) {
            case 404 -> "not_found";
            case 413 -> "request_too_large";
            default -> null;
        };
    }

    private static void refuseUnlessJson(Context ctx, String message, String code) {
        String type = ctx.res().getContentType();
        if (type == null || !type.startsWith("application/json")) {
            refuse(ctx, new ApiError(ctx.statusCode(), message, "invalid_request_error", null, code));
        }
    }

    private static void refuse(Context ctx, ApiError error) {
        if (error.status() == 503) {
            ctx.header("Retry-After", "1");
        }
        send(ctx, error.status(), error.toJson());
    }

    private static void send(Context ctx, int status, JsonNode json) {
        ctx.status(status).contentType("application/json").result(json.toString());
    }

    @Override
    public void close() {
        app.stop();
        decoder.close();
    }
}
