package dev.rein.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rein.models.DefaultModel;
import dev.rein.models.LanguageModel;
import dev.rein.models.generation.Sampling;
import dev.rein.text.chat.ChatMessage;
import dev.rein.text.chat.ChatRenderOptions;
import dev.rein.text.chat.ChatTemplateLoader;
import dev.rein.text.tokenizer.EncodeOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every endpoint of {@link ReinServer} through a JDK HTTP client, on the embedded default model with a chat template
 * added to its folder: the texts equal what the library generates for the same settings.
 */
class ReinServerTest {
    private static final String TEMPLATE = "{{ bos_token }}{% for m in messages %}{{ m['role'] }}: {{ m['content'] }}\\n"
            + "{% endfor %}{% if add_generation_prompt %}assistant:{% endif %}";
    @TempDir
    static Path folder;
    static LanguageModel model;
    static ReinServer server;
    static Client client;

    @BeforeAll
    static void start() throws Exception {
        DefaultModel.copyTo(folder);
        Path config = folder.resolve("tokenizer_config.json");
        Files.writeString(config, Files.readString(config).replaceFirst("\\{", java.util.regex.Matcher.quoteReplacement(
                "{\n  \"chat_template\": \"" + TEMPLATE + "\",")));
        model = LanguageModel.load(folder);
        server = ReinServer.start(model, "tiny", ServerSettings.defaults().withAddress("127.0.0.1", 0),
                new ServerAssets(model));
        client = new Client(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
        model.close();
    }

    @Test
    void healthAndModels() throws Exception {
        assertEquals("ok", Client.JSON.readTree(client.get("/health").body()).get("status").asText());
        JsonNode models = Client.JSON.readTree(client.get("/v1/models").body());
        assertEquals("list", models.get("object").asText());
        assertEquals("tiny", models.get("data").get(0).get("id").asText());
        assertEquals("model", models.get("data").get(0).get("object").asText());
    }

    @Test
    void greedyCompletionIsTheLibrarysTextWithUsage() throws Exception {
        JsonNode out = client.postJson("/v1/completions",
                "{\"model\": \"tiny\", \"prompt\": \"Once upon a time\", \"max_tokens\": 12, \"temperature\": 0}");
        String expected = model.generate("Once upon a time", Sampling.greedy().maxNewTokens(12));
        assertEquals("text_completion", out.get("object").asText());
        assertTrue(out.get("id").asText().startsWith("cmpl-"));
        assertEquals(expected, out.get("choices").get(0).get("text").asText());
        assertEquals("length", out.get("choices").get(0).get("finish_reason").asText());
        int promptTokens = model.tokenizer().encode("Once upon a time").length;
        assertEquals(promptTokens, out.get("usage").get("prompt_tokens").asInt());
        assertEquals(12, out.get("usage").get("completion_tokens").asInt());
        assertEquals(promptTokens + 12, out.get("usage").get("total_tokens").asInt());
    }

    @Test
    void seededSamplesAreTheLibrarysSamples() throws Exception {
        JsonNode out = client.postJson("/v1/completions", "{\"prompt\": \"The dog\", \"max_tokens\": 10,"
                + " \"temperature\": 0.9, \"top_k\": 20, \"seed\": 7, \"n\": 3}");
        List<String> expected = model.complete(List.of("The dog"), Sampling.sample().temperature(0.9).topK(20)
                .seed(7).samples(3).maxNewTokens(10), new dev.rein.models.hooks.Hooks()).stream()
                .map(c -> c.text()).toList();
        for (int c = 0; c < 3; c++) {
            assertEquals(c, out.get("choices").get(c).get("index").asInt());
            assertEquals(expected.get(c), out.get("choices").get(c).get("text").asText());
        }
        assertNotEquals(expected.get(0), expected.get(1), "three samples should differ");
    }

    @Test
    void penaltiesAreTheLibrarysProcessors() throws Exception {
        JsonNode out = client.postJson("/v1/completions", "{\"prompt\": \"Once upon a time\", \"max_tokens\": 30,"
                + " \"temperature\": 0, \"frequency_penalty\": 1.5, \"presence_penalty\": 0.5,"
                + " \"repetition_penalty\": 1.2}");
        var settings = Sampling.greedy().maxNewTokens(30).repetitionPenalty(1.2)
                .resolve(model.generationConfig(), model.config().specialTokens());
        var sequence = new dev.rein.models.generation.Generator(model.transformer()).generate(
                model.tokenizer().encode("Once upon a time"), settings, dev.rein.models.generation.GenerationOptions.NONE
                        .withProcessors(List.of(new dev.rein.models.generation.FrequencyPenalty(1.5f, 0.5f)))
                        .withStopStringsDecodedBy(model.tokenizer())).getFirst();
        String expected = dev.rein.models.generation.Completion.of(model.tokenizer(), sequence).text();
        assertEquals(expected, out.get("choices").get(0).get("text").asText());
        assertNotEquals(model.generate("Once upon a time", Sampling.greedy().maxNewTokens(30)), expected);
    }

    @Test
    void streamedChunksJoinToTheWholeText() throws Exception {
        String body = "{\"prompt\": \"Once upon a time\", \"max_tokens\": 15, \"temperature\": 0, \"stream\": true,"
                + " \"stream_options\": {\"include_usage\": true}}";
        List<String> events = client.events("/v1/completions", body);
        assertEquals("[DONE]", events.getLast());
        StringBuilder text = new StringBuilder();
        String finish = null;
        JsonNode usage = null;
        for (String event : events.subList(0, events.size() - 1)) {
            JsonNode chunk = Client.JSON.readTree(event);
            assertEquals("text_completion", chunk.get("object").asText());
            if (chunk.has("usage")) {
                usage = chunk.get("usage");
                continue;
            }
            JsonNode choice = chunk.get("choices").get(0);
            text.append(choice.get("text").asText());
            if (!choice.get("finish_reason").isNull()) finish = choice.get("finish_reason").asText();
        }
        assertTrue(events.size() > 5, "the text should come in several chunks: " + events.size());
        assertEquals(model.generate("Once upon a time", Sampling.greedy().maxNewTokens(15)), text.toString());
        assertEquals("length", finish);
        assertEquals(15, usage.get("completion_tokens").asInt());
    }

    @Test
    void stopStringsCutTheTextAndAreNeverStreamed() throws Exception {
        String plain = model.generate("Once upon a time", Sampling.greedy().maxNewTokens(40));
        String stop = plain.substring(plain.length() / 2, plain.length() / 2 + 3);
        String body = "{\"prompt\": \"Once upon a time\", \"max_tokens\": 40, \"temperature\": 0, \"stop\": "
                + Client.JSON.writeValueAsString(stop);
        JsonNode whole = client.postJson("/v1/completions", body + "}");
        String expected = plain.substring(0, plain.indexOf(stop));
        assertEquals(expected, whole.get("choices").get(0).get("text").asText());
        assertEquals("stop", whole.get("choices").get(0).get("finish_reason").asText());
        StringBuilder streamed = new StringBuilder();
        for (String event : client.events("/v1/completions", body + ", \"stream\": true}")) {
            if (!event.equals("[DONE]")) {
                streamed.append(Client.JSON.readTree(event).get("choices").get(0).get("text").asText());
            }
        }
        assertEquals(expected, streamed.toString());
    }

    @Test
    void chatUsesTheFoldersTemplate() throws Exception {
        String body = "{\"model\": \"tiny\", \"messages\": [{\"role\": \"system\", \"content\": \"Tell tales.\"},"
                + " {\"role\": \"user\", \"content\": \"A tale about a cat\"}], \"max_tokens\": 10, \"temperature\": 0}";
        JsonNode out = client.postJson("/v1/chat/completions", body);
        assertEquals("chat.completion", out.get("object").asText());
        JsonNode message = out.get("choices").get(0).get("message");
        assertEquals("assistant", message.get("role").asText());
        String rendered = ChatTemplateLoader.of(model.tokenizer().tokenizerConfig(), null).render(List.of(
                ChatMessage.system("Tell tales."), ChatMessage.user("A tale about a cat")), ChatRenderOptions.forReply());
        assertTrue(rendered.endsWith("user: A tale about a cat\nassistant:"), rendered);
        int[] ids = model.tokenizer().encode(rendered, EncodeOption.WITHOUT_SPECIAL_TOKENS);
        JsonNode byIds = client.postJson("/v1/completions", "{\"prompt\": " + Client.JSON.writeValueAsString(ids)
                + ", \"max_tokens\": 10, \"temperature\": 0}");
        assertEquals(byIds.get("choices").get(0).get("text").asText(), message.get("content").asText());
        assertEquals(ids.length, out.get("usage").get("prompt_tokens").asInt());

        StringBuilder streamed = new StringBuilder();
        List<String> events = client.events("/v1/chat/completions", body.replace("}], ", "}], \"stream\": true, "));
        JsonNode first = Client.JSON.readTree(events.getFirst());
        assertEquals("chat.completion.chunk", first.get("object").asText());
        assertEquals("assistant", first.get("choices").get(0).get("delta").get("role").asText());
        for (String event : events.subList(0, events.size() - 1)) {
            JsonNode delta = Client.JSON.readTree(event).get("choices").get(0).get("delta");
            if (delta.has("content")) streamed.append(delta.get("content").asText());
        }
        assertEquals(message.get("content").asText(), streamed.toString());
        assertFalse(streamed.isEmpty());
    }
}
