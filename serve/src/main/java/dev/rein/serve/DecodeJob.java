package dev.rein.serve;

import dev.rein.models.generation.LogitsPipeline;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.text.tokenizer.Tokenizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One request as the decoder sees it: the prompts' ids, the settings every choice decodes with, and the events
 * the decoder sends back to the HTTP handler waiting on {@link #next}. The handler cancels it when its client goes
 * away or its time is up; the decoder then drops its rows at the next step. A request with control options carries
 * an {@link ExclusiveGeneration}; a plain one joins the shared batch.
 */
final class DecodeJob {
    private final List<int[]> prompts;
    private final SamplingSettings settings;
    private final LogitsPipeline pipeline;
    private final Tokenizer tokenizer;
    private final ExclusiveGeneration exclusive;
    private final BlockingQueue<JobEvent> events = new LinkedBlockingQueue<>();
    private volatile boolean cancelled;

    /** @param exclusive null for a plain request, which joins the shared batch */
    DecodeJob(List<int[]> prompts, SamplingSettings settings, LogitsPipeline pipeline, Tokenizer tokenizer,
              ExclusiveGeneration exclusive) {
        this.prompts = List.copyOf(prompts);
        this.settings = settings;
        this.pipeline = pipeline;
        this.tokenizer = tokenizer;
        this.exclusive = exclusive;
    }

    List<int[]> prompts() {
        return prompts;
    }

    SamplingSettings settings() {
        return settings;
    }

    LogitsPipeline pipeline() {
        return pipeline;
    }

    Tokenizer tokenizer() {
        return tokenizer;
    }

    /** The method's own generation, or null when the request joins the batch. */
    ExclusiveGeneration exclusive() {
        return exclusive;
    }

    /** Choices: prompts times n. */
    int rowCount() {
        return prompts.size() * settings.numReturnSequences();
    }

    /** A fresh row per choice, in choice order. */
    List<DecodingRow> newRows() {
        List<DecodingRow> rows = new ArrayList<>();
        for (int p = 0; p < prompts.size(); p++) {
            for (int s = 0; s < settings.numReturnSequences(); s++) {
                rows.add(new DecodingRow(this, p, s));
            }
        }
        return rows;
    }

    void emit(JobEvent event) {
        events.add(event);
    }

    /** The next event, or null when none came within {@code wait}. */
    JobEvent next(Duration wait) throws InterruptedException {
        return events.poll(Math.max(0, wait.toNanos()), TimeUnit.NANOSECONDS);
    }

    /** Stops the request: its rows leave the batch at the next step. */
    void cancel() {
        cancelled = true;
    }

    boolean cancelled() {
        return cancelled;
    }
}
