package dev.rein.lab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.autograd.NoGrad;
import dev.rein.models.LanguageModel;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.serve.ApiError;
import dev.rein.serve.JsonFields;
import dev.rein.serve.ServerAssets;
import dev.rein.tensor.Tensor;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code rein lab}: the workbench page ({@code /}, with ECharts from its WebJar) and the JSON API under it, on
 * Javalin as {@code rein serve} is. The model runs one request's work at a time; long work (a patching sweep, a
 * generation) streams server-sent events when the request says {@code "stream": true}, and stops when its client
 * goes away. Refusals are {@code rein serve}'s error object ({@link ApiError}); no stack trace reaches a client.
 */
public final class LabServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LabServer.class.getName());
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final LanguageModel model;
    private final String modelName;
    private final ServerAssets assets;
    private final LabRequests requests;
    private final LabJson json;
    private final SteeringPlayground playground;
    private final ActivationPatching patching;
    private final ReentrantLock modelLock = new ReentrantLock(true);
    private final AtomicInteger stoppedJobs = new AtomicInteger();
    private final Javalin app;

    private LabServer(LanguageModel model, String modelName, ServerAssets assets) {
        if (!model.hasTokenizer()) {
            throw new IllegalArgumentException(model.source() + " has no tokenizer.json; the lab shows tokens as text");
        }
        this.model = model;
        this.modelName = modelName;
        this.assets = assets;
        this.playground = new SteeringPlayground(model, assets);
        this.requests = new LabRequests(model, assets, playground);
        this.json = new LabJson(model);
        this.patching = new ActivationPatching(model);
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.useVirtualThreads = true;
            config.http.disableCompression();
            config.staticFiles.add("/dev/rein/lab/web", Location.CLASSPATH);
            config.staticFiles.enableWebjars();
        });
        app.get("/api/model", ctx -> send(ctx, describe()));
        app.post("/api/tokens", this::tokens);
        app.post("/api/lens", this::lens);
        app.post("/api/attention", this::attention);
        app.post("/api/patch", this::patch);
        app.post("/api/steer/build", this::build);
        app.post("/api/steer/load", this::load);
        app.post("/api/generate", this::generate);
        app.exception(ApiError.class, (e, ctx) -> refuse(ctx, e));
        app.exception(HttpResponseException.class, (e, ctx) -> refuse(ctx, new ApiError(e.getStatus(),
                e.getMessage(), "invalid_request_error", null, null)));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.log(Level.SEVERE, "request failed", e);
            refuse(ctx, new ApiError(500, "internal error: " + e.getClass().getSimpleName(), "server_error", null,
                    null));
        });
        app.error(404, ctx -> {
            if (ctx.path().startsWith("/api/")) {
                refuse(ctx, new ApiError(404, "no such endpoint: " + ctx.method() + " " + ctx.path(),
                        "invalid_request_error", null, "not_found"));
            }
        });
    }

    /**
     * Serves the lab for {@code model} (named {@code modelName} on the page) on {@code host}:{@code port} (0: a free
     * port) until {@link #close}; {@code assets} holds the steering vectors, value models and CIE folders loaded at
     * start.
     *
     * @throws IllegalArgumentException when the model has no tokenizer
     */
    public static LabServer start(LanguageModel model, String modelName, ServerAssets assets, String host, int port) {
        LabServer server = new LabServer(model, modelName, assets);
        server.app.start(host, port);
        return server;
    }

    /** The port it listens on. */
    public int port() {
        return app.port();
    }

    /** Requests whose work stopped before it finished because their client went away. */
    int stoppedJobs() {
        return stoppedJobs.get();
    }

    private ObjectNode describe() {
        ObjectNode out = LabJson.object().put("name", modelName).put("layers", model.config().numLayers())
                .put("heads", model.config().attention().numHeads()).put("hidden", model.config().hiddenSize())
                .put("vocab", model.config().vocabSize()).put("context", model.config().maxPositions());
        out.set("assets", assets.describe());
        ArrayNode built = out.putArray("built_vectors");
        playground.builtNames().forEach(built::add);
        return out;
    }

    private void tokens(Context ctx) throws InterruptedException {
        JsonFields body = requests.body(ctx, "prompt", "k");
        int[] ids = requests.prompt(body, "prompt");
        int k = requests.topK(body);
        send(ctx, exclusive(() -> {
            try (NoGrad scope = NoGrad.enter()) {
                float[] logits = model.transformer().forward(TokenBatch.of(ids)).value().toFloatArray();  // [1, T, V]
                return json.tokensAndPredictions(ids, Prediction.perPosition(logits, ids.length,
                        model.config().vocabSize(), k));
            }
        }));
    }

    private void lens(Context ctx) throws InterruptedException {
        JsonFields body = requests.body(ctx, "prompt", "k");
        int[] ids = requests.prompt(body, "prompt");
        int k = requests.topK(body);
        send(ctx, exclusive(() -> json.lens(ids, LogitLensGrid.of(model, ids, k))));
    }

    private void attention(Context ctx) throws InterruptedException {
        JsonFields body = requests.body(ctx, "prompt", "seed", "layer");
        int[] ids = requests.prompt(body, "prompt");
        long seed = body.integer("seed").orElse(0);
        OptionalInt layer = body.get("layer").isEmpty() ? OptionalInt.empty()
                : OptionalInt.of(requests.layer(body, "layer"));
        send(ctx, exclusive(() -> json.attention(ids, AttentionMaps.of(model, ids, seed), layer)));
    }

    private void patch(Context ctx) throws InterruptedException, IOException {
        JsonFields body = requests.body(ctx, "clean", "corrupted", "sites", "answer", "wrong", "stream");
        int[] clean = requests.prompt(body, "clean");
        int[] corrupted = requests.prompt(body, "corrupted");
        if (clean.length != corrupted.length) {
            throw ApiError.invalid("corrupted", "'clean' and 'corrupted' must have the same number of tokens, got "
                    + clean.length + " and " + corrupted.length + " (tokens: POST /api/tokens)");
        }
        List<PatchSite> sites = requests.sites(body);
        var answer = requests.singleToken(body, "answer");
        var wrong = requests.singleToken(body, "wrong");
        respond(ctx, body.flag("stream"), events -> json.patching(clean, corrupted, patching.run(clean, corrupted,
                answer, wrong, sites, (done, total) -> events.send("progress", LabJson.progress(done, total)))));
    }

    private void build(Context ctx) throws InterruptedException {
        JsonFields body = requests.body(ctx, "name", "positive", "negative", "layer");
        String name = body.text("name").orElse("built");
        List<String> positive = requests.texts(body, "positive");
        List<String> negative = requests.texts(body, "negative");
        int layer = requests.layer(body, "layer");
        send(ctx, exclusive(() -> {
            Tensor direction = playground.build(name, positive, negative, layer).directions().get(layer);   // [H]
            return LabJson.object().put("name", name).put("layer", layer).put("width", direction.size(0))
                    .put("norm", Math.sqrt(direction.mul(direction).sum().item()));
        }));
    }

    private void load(Context ctx) throws InterruptedException {
        JsonFields body = requests.body(ctx, "name", "path");
        String name = body.text("name").orElseThrow(() -> ApiError.invalid("name", "'name' is required"));
        String path = body.text("path").orElseThrow(() -> ApiError.invalid("path", "'path' is required (a vector "
                + "file of rein steer build, .gguf or .safetensors)"));
        send(ctx, exclusive(() -> {
            try {
                playground.load(name, Path.of(path));
            } catch (IOException e) {
                throw ApiError.invalid("path", path + ": " + e.getMessage());
            }
            ObjectNode out = LabJson.object().put("name", name);
            playground.vector(name).orElseThrow().directions().keySet().forEach(out.putArray("layers")::add);
            return out;
        }));
    }

    private void generate(Context ctx) throws InterruptedException, IOException {
        JsonFields body = requests.body(ctx, "prompt", "max_tokens", "temperature", "seed", "steering", "recontrol",
                "cie", "stream");
        String prompt = body.text("prompt").orElseThrow(() -> ApiError.invalid("prompt", "'prompt' is required"));
        var settings = requests.sampling(body, requests.prompt(body, "prompt").length);
        var control = requests.control(body);
        respond(ctx, body.flag("stream"), events -> {
            var texts = playground.generate(prompt, settings, control,
                    (side, text) -> events.send("token", LabJson.object().put("side", side).put("text", text)));
            return LabJson.object().put("plain", texts.plain()).put("steered", texts.steered());
        });
    }

    /**
     * Runs {@code work} with the model and answers its result: as one JSON object, or, when {@code stream}, as events
     * ({@code progress}/{@code token} while it runs, then {@code result}, or {@code error}) that stop the work when
     * the client goes away.
     */
    private void respond(Context ctx, boolean stream, Function<EventStream, JsonNode> work)
            throws InterruptedException, IOException {
        if (!stream) {
            send(ctx, exclusive(() -> work.apply(EventStream.DISCARDING)));
            return;
        }
        EventStream events = EventStream.open(ctx);
        JsonNode result;
        try {
            result = exclusive(() -> work.apply(events));
        } catch (Cancelled e) {
            stoppedJobs.incrementAndGet();
            return;
        } catch (ApiError e) {
            sendQuietly(events, "error", e.toJson());
            return;
        }
        sendQuietly(events, "result", result);
    }

    private static void sendQuietly(EventStream events, String event, JsonNode data) {
        try {
            events.send(event, data);
        } catch (Cancelled e) {
            // the client left after the work was done: nothing to stop
        }
    }

    /** {@code work} alone on the model; the library's refusals ({@link IllegalArgumentException}) become 400. */
    private <T> T exclusive(Supplier<T> work) throws InterruptedException {
        modelLock.lockInterruptibly();
        try {
            return work.get();
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid(null, e.getMessage());
        } finally {
            modelLock.unlock();
        }
    }

    static JsonNode parse(Context ctx) {
        try {
            return MAPPER.readTree(ctx.body());
        } catch (JsonProcessingException e) {
            throw ApiError.invalid(null, "the body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static void refuse(Context ctx, ApiError error) {
        send(ctx, error.status(), error.toJson());
    }

    private static void send(Context ctx, JsonNode body) {
        send(ctx, 200, body);
    }

    private static void send(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType("application/json").result(body.toString());
    }

    @Override
    public void close() {
        app.stop();
    }
}
