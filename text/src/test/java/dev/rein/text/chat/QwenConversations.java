package dev.rein.text.chat;

import java.util.List;

/** Conversations shared by the Qwen3 template and span tests. */
final class QwenConversations {
    private QwenConversations() {
    }

    /** user, assistant (with a think block), user, assistant (with a think block). */
    static List<ChatMessage> twoTurnsWithThinking() {
        return List.of(
                ChatMessage.user("What is 2+2?"),
                ChatMessage.assistant("<think>\nAdd them.\n</think>\n\n4"),
                ChatMessage.user("And 3+3?"),
                ChatMessage.assistant("<think>\nAgain.\n</think>\n\n6"));
    }
}
