package dev.rein.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;

/** Checks on refused requests shared by the tests. */
final class HttpResponseCheck {
    private HttpResponseCheck() {
    }

    /** A 400 whose error message contains {@code words}. */
    static void refusedWith(HttpResponse<String> response, String words) throws Exception {
        assertEquals(400, response.statusCode(), response.body());
        String message = Client.JSON.readTree(response.body()).get("error").get("message").asText();
        assertTrue(message.contains(words), message);
    }
}
