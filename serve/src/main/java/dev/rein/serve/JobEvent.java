package dev.rein.serve;

/** What the decoder tells a waiting request: text of a choice, a choice's end, or the request's failure. */
sealed interface JobEvent {

    /** More text of choice {@code choice}. */
    record Delta(int choice, String text) implements JobEvent {
    }

    /**
     * Choice {@code choice} is done.
     *
     * @param finishReason OpenAI's: {@code stop} (a stop token or string) or {@code length}
     * @param text         its whole text, cut before a stop string
     * @param tokens       tokens it generated, a stop token included
     */
    record Finished(int choice, String finishReason, String text, int tokens) implements JobEvent {
    }

    /** The request failed while decoding; {@code error} says why. */
    record Failed(ApiError error) implements JobEvent {
    }
}
