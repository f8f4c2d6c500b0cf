package dev.rein.serve;

import dev.rein.models.generation.Completion;
import dev.rein.models.generation.GeneratedSequence;
import dev.rein.models.generation.RowRandom;
import dev.rein.models.generation.StopCondition;
import dev.rein.models.generation.StopReason;
import dev.rein.models.generation.TokenSequence;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * One sequence being generated for a request (one choice): its tokens so far, its stop condition and generator
 * (the request's seed and the choice's sample index, as {@code Generator} draws, so a row picks the same tokens in
 * any batch), the text streamed so far, and where its cached positions start in the batch's KV cache.
 */
final class DecodingRow {
    final DecodeJob job;
    final int choice;
    final int promptIndex;
    final int sample;
    final int[] prompt;
    final TokenSequence history;
    final RandomGenerator random;
    private final StopCondition stop;
    private final ChoiceText text;
    private final List<Integer> generated = new ArrayList<>();
    private boolean finished;
    /** The first cached position of this row that is not padding, in the batch's cache. */
    int start;

    DecodingRow(DecodeJob job, int promptIndex, int sample) {
        this.job = job;
        this.promptIndex = promptIndex;
        this.sample = sample;
        this.choice = promptIndex * job.settings().numReturnSequences() + sample;
        this.prompt = job.prompts().get(promptIndex);
        this.history = new TokenSequence(prompt);
        this.random = RowRandom.forRow(job.settings().seed(), sample);
        this.stop = StopCondition.forRow(job.settings(), prompt.length, job.tokenizer().streamingDecoder()::push);
        this.text = new ChoiceText(job.tokenizer(), job.settings().stopStrings());
    }

    /** Takes the token chosen for this row; streams its text and, when it ends the row, finishes the choice. */
    void accept(int token) {
        history.append(token);
        generated.add(token);
        Optional<StopReason> stopped = stop.accept(token);
        if (stopped.isEmpty()) {
            stream(token);
        } else {                  // the last token's text may hold a stop string: the final text decides what is sent
            finish(Completion.of(job.tokenizer(), new GeneratedSequence(promptIndex, sample, prompt,
                    generated.stream().mapToInt(Integer::intValue).toArray(), stopped.get())));
        }
    }

    /** Streams a token's text only, for a generation that keeps its own stop conditions. */
    void stream(int token) {
        String delta = text.push(token);
        if (!delta.isEmpty()) {
            job.emit(new JobEvent.Delta(choice, delta));
        }
    }

    /**
     * Ends the choice with {@code completion}: the text held back, then why it stopped ({@code length} when it ran
     * out of tokens, else {@code stop}).
     */
    void finish(Completion completion) {
        finished = true;
        String rest = text.rest(completion.text());
        if (!rest.isEmpty()) {
            job.emit(new JobEvent.Delta(choice, rest));
        }
        String finish = completion.reason() instanceof StopReason.MaxNewTokens ? "length" : "stop";
        job.emit(new JobEvent.Finished(choice, finish, completion.text(), completion.ids().length));
    }

    /** Whether the row still generates: not finished, and its request not cancelled. */
    boolean active() {
        return !finished && !job.cancelled();
    }

    /** Whether the row stopped before its end because its request was cancelled. */
    boolean left() {
        return !finished && job.cancelled();
    }

    /** Tokens it may still generate. */
    int remaining() {
        return job.settings().newTokenLimit(prompt.length) - generated.size();
    }

    /** The newest token, which the next step feeds. */
    int newest() {
        return history.get(history.length() - 1);
    }
}
