package dev.rein.serve;

import dev.rein.models.generation.Completion;
import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.KvCache;
import dev.rein.models.transformer.Logits;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.models.transformer.Transformer;
import dev.rein.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one thread that runs the model: continuous batching of every plain request. Requests wait in a bounded queue;
 * between steps the decoder takes those that fit in the batch, runs their prompts in one pass and joins their rows
 * to the running ones (their KV caches gathered into one, each row padded on the left,
 * {@link KvCache#gather}); each step then feeds every row's newest token and picks its next with the row's own
 * logits pipeline and generator, and rows that finish (or whose client left) drop out. Each row decodes as it would
 * alone: batching changes which rows share a pass, not a row's tokens.
 *
 * <p>A request with control options runs alone through the method's own entry point ({@link ExclusiveGeneration})
 * while the batch waits. A failure in a pass fails the requests in it, never the thread.
 */
final class BatchDecoder implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(BatchDecoder.class.getName());

    private final Transformer model;
    private final int maxRows;
    private final BlockingQueue<DecodeJob> queue;
    private final Thread thread;
    private final List<DecodingRow> rows = new ArrayList<>();
    private KvCache cache;
    private DecodeJob waiting;
    private volatile boolean closed;
    private volatile int peakRows;
    private volatile int leftRows;

    BatchDecoder(Transformer model, int maxRows, int maxQueued) {
        this.model = model;
        this.maxRows = maxRows;
        this.queue = new ArrayBlockingQueue<>(maxQueued);
        this.thread = Thread.ofPlatform().name("rein-decoder").daemon().start(this::run);
    }

    /** Queues a request; false when the queue is full. */
    boolean offer(DecodeJob job) {
        return !closed && queue.offer(job);
    }

    /** The most rows the batch has held at once (for tests and monitoring). */
    int peakRows() {
        return peakRows;
    }

    /** Rows dropped because their request was cancelled: the client left or the time ran out. */
    int leftRows() {
        return leftRows;
    }

    private void run() {
        while (!closed) {
            try {
                admit();
                if (!rows.isEmpty()) {
                    step();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | Error e) {
                LOG.log(Level.SEVERE, "decoding failed; its requests are ended", e);
                ApiError error = new ApiError(500, "decoding failed: " + e, "server_error", null, null);
                rows.stream().map(row -> row.job).distinct().forEach(job -> job.emit(new JobEvent.Failed(error)));
                rows.clear();
                cache = null;
            }
        }
    }

    /** Takes the queued requests that fit (waiting for one when nothing runs) and joins their rows to the batch. */
    private void admit() throws InterruptedException {
        List<DecodingRow> joining = new ArrayList<>();
        while (true) {
            DecodeJob job = waiting != null ? waiting
                    : rows.isEmpty() && joining.isEmpty() ? queue.poll(100, TimeUnit.MILLISECONDS) : queue.poll();
            waiting = null;
            if (job == null) {
                break;
            }
            if (job.cancelled()) {
                continue;
            }
            if (job.exclusive() != null) {
                runAlone(job);
                continue;
            }
            boolean empty = rows.isEmpty() && joining.isEmpty();
            if (!empty && rows.size() + joining.size() + job.rowCount() > maxRows) {
                waiting = job;
                break;
            }
            joining.addAll(job.newRows());
        }
        if (!joining.isEmpty()) {
            join(joining);
        }
    }

    /** Runs the new rows' prompts in one left-padded pass, picks their first tokens, and gathers every cache. */
    private void join(List<DecodingRow> joining) {
        int longest = joining.stream().mapToInt(row -> row.prompt.length).max().orElseThrow();
        KvCache promptCache = new KvCache(model.config(), joining.size(), longest);
        Tensor logits = model.forward(TokenBatch.leftPadded(joining.stream().map(row -> row.prompt).toList()),
                promptCache, Hooks.none(), Logits.LAST_POSITION).value();                    // [B, 1, V]
        List<DecodingRow> kept = new ArrayList<>();
        List<KvCache.CachedRow> cached = new ArrayList<>();
        keepActive(kept, cached);
        for (int b = 0; b < joining.size(); b++) {
            DecodingRow row = joining.get(b);
            row.accept(row.job.pipeline().next(row.history, rowLogits(logits, b), row.random));
            if (row.active()) {
                cached.add(new KvCache.CachedRow(promptCache, b, longest - row.prompt.length));
                kept.add(row);
            }
        }
        regather(kept, cached);
    }

    /** Feeds every row's newest token and picks the next; rows that end leave the batch. */
    private void step() {
        int b = rows.size();
        int length = cache.length();
        long[] ids = new long[b];
        long[] positions = new long[b];
        boolean[][] padding = new boolean[b][length + 1];
        boolean padded = false;
        for (int r = 0; r < b; r++) {
            DecodingRow row = rows.get(r);
            ids[r] = row.newest();
            positions[r] = row.history.length() - 1L;
            for (int j = 0; j < row.start; j++) {
                padding[r][j] = true;
            }
            padded |= row.start > 0;
        }
        TokenBatch batch = new TokenBatch(Tensor.ofLongs(ids, b, 1), Tensor.ofLongs(positions, b, 1),
                padded ? padding : null);
        Tensor logits = model.forward(batch, cache, Hooks.none(), Logits.LAST_POSITION).value();  // [B, 1, V]
        boolean left = false;
        for (int r = 0; r < b; r++) {
            DecodingRow row = rows.get(r);
            if (row.active()) {
                row.accept(row.job.pipeline().next(row.history, rowLogits(logits, r), row.random));
            }
            left |= !row.active();
        }
        if (left) {
            List<DecodingRow> kept = new ArrayList<>();
            List<KvCache.CachedRow> cached = new ArrayList<>();
            keepActive(kept, cached);
            regather(kept, cached);
        }
    }

    /** Adds the batch's rows still decoding to {@code kept}, and where the cache holds each to {@code cached}. */
    private void keepActive(List<DecodingRow> kept, List<KvCache.CachedRow> cached) {
        for (int r = 0; r < rows.size(); r++) {
            DecodingRow row = rows.get(r);
            if (row.active()) {
                kept.add(row);
                cached.add(new KvCache.CachedRow(cache, r, row.start));
            }
        }
    }

    /** Makes {@code kept} the batch, with one cache gathered from {@code cached} and room for their longest run. */
    private void regather(List<DecodingRow> kept, List<KvCache.CachedRow> cached) {
        leftRows += (int) rows.stream().filter(DecodingRow::left).count();
        rows.clear();
        rows.addAll(kept);
        if (kept.isEmpty()) {
            cache = null;
            return;
        }
        int length = cached.stream().mapToInt(KvCache.CachedRow::count).max().orElseThrow();
        int room = kept.stream().mapToInt(DecodingRow::remaining).max().orElseThrow();
        cache = KvCache.gather(model.config(), cached, length + room);
        peakRows = Math.max(peakRows, kept.size());
        for (int r = 0; r < kept.size(); r++) {
            kept.get(r).start = length - cached.get(r).count();
        }
    }

    /** A control request through its method's entry point, streamed token by token; stops if its client leaves. */
    private static void runAlone(DecodeJob job) {
        List<DecodingRow> choices = job.newRows();
        try {
            List<Completion> sequences = job.exclusive().generate((row, token) -> {
                if (job.cancelled()) {
                    throw new CancellationException("the client left");
                }
                choices.get(row).stream(token);
            });
            for (int c = 0; c < sequences.size(); c++) {
                choices.get(c).finish(sequences.get(c));
            }
        } catch (CancellationException e) {
            LOG.fine("a control request was cancelled");
        } catch (ApiError e) {
            job.emit(new JobEvent.Failed(e));
        } catch (IllegalArgumentException | IllegalStateException e) {
            job.emit(new JobEvent.Failed(ApiError.invalid("rein", e.getMessage())));
        }
    }

    private static float[] rowLogits(Tensor logits, int row) {
        return logits.select(0, row).reshape(-1).toFloatArray();
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
