package dev.rein.serve;

/** The two generating endpoints: their paths and the names OpenAI gives their response objects. */
enum Endpoint {
    COMPLETIONS("/v1/completions", "text_completion", "text_completion", "cmpl-"),
    CHAT("/v1/chat/completions", "chat.completion", "chat.completion.chunk", "chatcmpl-");

    final String path;
    final String object;
    final String chunkObject;
    final String idPrefix;

    Endpoint(String path, String object, String chunkObject, String idPrefix) {
        this.path = path;
        this.object = object;
        this.chunkObject = chunkObject;
        this.idPrefix = idPrefix;
    }
}
