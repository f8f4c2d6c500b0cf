package dev.rein.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.models.LanguageModel;
import dev.rein.models.chat.ChatMessage;
import dev.rein.models.chat.ChatTemplate;
import dev.rein.models.chat.ChatTemplateException;
import dev.rein.models.chat.ChatTemplateLoader;
import dev.rein.models.generation.GeneratedSequence;
import dev.rein.models.generation.GenerationOptions;
import dev.rein.models.generation.Generator;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.models.generation.StopReason;
import dev.rein.models.tokenizer.StreamingDecoder;
import dev.rein.models.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rein generate}: continues a prompt (or answers it as a chat message) with a model, streaming the text to
 * the terminal as it is made. Sampling defaults come from the checkpoint's generation_config.json; flags override
 * them with Hugging Face's meanings.
 */
@Command(name = "generate", description = {"Generate text from a prompt, streamed as it is made.",
        "Defaults come from the model's generation_config.json; any sampling flag turns sampling on unless --greedy."})
final class GenerateCommand implements Callable<Integer> {
    @Mixin
    private BackendOption backend;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "DIR",
            description = "Model folder (config.json, model.safetensors, tokenizer.json) or a llama2.c .bin file.")
    private Path modelPath;

    @Option(names = {"-t", "--tokenizer"}, paramLabel = "DIR",
            description = "Tokenizer folder or tokenizer.json, when the model has none of its own (llama2.c files).")
    private Path tokenizerPath;

    @Option(names = {"-p", "--prompt"}, required = true, paramLabel = "TEXT", description = "The prompt.")
    private String prompt;

    @Option(names = "--chat", description = "Send the prompt as a user message through the model's chat template.")
    private boolean chat;

    @Option(names = "--system", paramLabel = "TEXT", description = "With --chat: a system message before the prompt.")
    private String system;

    @Option(names = "--max-new-tokens", paramLabel = "N", description = "Most tokens to generate (default: the model's, else 20).")
    private Integer maxNewTokens;

    @Option(names = "--min-new-tokens", paramLabel = "N", description = "Tokens before an end-of-sequence token may come.")
    private Integer minNewTokens;

    @Option(names = "--sample", description = "Sample (with the model's or the given settings).")
    private boolean sample;

    @Option(names = "--greedy", description = "Always take the most likely token.")
    private boolean greedy;

    @Option(names = "--temperature", paramLabel = "T", description = "Divide logits by T before sampling.")
    private Double temperature;

    @Option(names = "--top-k", paramLabel = "K", description = "Keep the K most likely tokens (0: all).")
    private Integer topK;

    @Option(names = "--top-p", paramLabel = "P", description = "Keep the most likely tokens up to probability mass P.")
    private Double topP;

    @Option(names = "--min-p", paramLabel = "P", description = "Drop tokens less likely than P times the top token.")
    private Double minP;

    @Option(names = "--typical-p", paramLabel = "P", description = "Typical sampling with mass P.")
    private Double typicalP;

    @Option(names = "--repetition-penalty", paramLabel = "R", description = "Penalise tokens already present (1: off).")
    private Double repetitionPenalty;

    @Option(names = "--no-repeat-ngram", paramLabel = "N", description = "Never repeat an n-gram of this size.")
    private Integer noRepeatNgram;

    @Option(names = "--stop", paramLabel = "TEXT", description = "Stop when the generated text contains TEXT (repeatable).")
    private List<String> stopStrings = new ArrayList<>();

    @Option(names = "--stop-id", paramLabel = "ID", description = "Stop at this token id, besides the model's EOS (repeatable).")
    private List<Integer> stopIds = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the sampler (default: 0), so runs repeat.")
    private long seed;

    @Option(names = {"-n", "--num-return-sequences"}, paramLabel = "N", description = "Sequences to sample (default: 1).")
    private int numReturnSequences = 1;

    @Option(names = "--json", description = "Print the result as JSON instead of streaming text.")
    private boolean json;

    @Override
    public Integer call() throws IOException {
        backend.install();
        try (LanguageModel model = LanguageModel.load(modelPath)) {
            Tokenizer tokenizer = tokenizer(model);
            int[] promptIds = encodePrompt(tokenizer);
            SamplingSettings settings = settings(model);
            boolean stream = !json && settings.numReturnSequences() == 1;
            StreamingDecoder printer = tokenizer.streamingDecoder(true);
            GenerationOptions options = GenerationOptions.NONE
                    .withTextDecoders(() -> tokenizer.streamingDecoder(false)::push)
                    .withListener((row, token) -> {
                        if (stream) {
                            System.out.print(printer.push(token));
                            System.out.flush();
                        }
                    });
            if (stream && !chat) {
                System.out.print(prompt);
            }
            long start = System.nanoTime();
            List<GeneratedSequence> sequences = new Generator(model.transformer()).generate(promptIds, settings, options);
            double seconds = (System.nanoTime() - start) * 1e-9;
            int generated = sequences.stream().mapToInt(s -> s.newIds().length).sum();
            if (json) {
                printJson(tokenizer, promptIds, sequences, seconds);
            } else if (stream) {
                System.out.println(printer.finish());
            } else {
                for (GeneratedSequence s : sequences) {
                    System.out.println("--- sequence " + (s.sample() + 1) + " (" + describe(s.reason()) + ")");
                    System.out.println(text(tokenizer, s));
                }
            }
            if (!json) {
                System.err.printf(Locale.ROOT, "[%d prompt tokens, %d generated in %.2f s: %.1f tokens/s]%n",
                        promptIds.length, generated, seconds, generated / seconds);
            }
        }
        return 0;
    }

    private Tokenizer tokenizer(LanguageModel model) {
        if (tokenizerPath != null) {
            Tokenizer tokenizer = Tokenizer.load(tokenizerPath);
            if (tokenizer.vocabSize() > model.config().vocabSize()) {
                throw new UserError("--tokenizer " + tokenizerPath + ": its vocabulary (" + tokenizer.vocabSize()
                        + ") is larger than the model's (" + model.config().vocabSize() + ")");
            }
            return tokenizer;
        }
        return model.tokenizer().orElseThrow(() -> new UserError("--model " + modelPath
                + ": no tokenizer.json beside the weights; give one with --tokenizer DIR"));
    }

    private int[] encodePrompt(Tokenizer tokenizer) {
        if (!chat) {
            return tokenizer.encode(prompt);
        }
        List<ChatMessage> messages = new ArrayList<>();
        if (system != null) {
            messages.add(ChatMessage.system(system));
        }
        messages.add(ChatMessage.user(prompt));
        try {
            ChatTemplate template = ChatTemplateLoader.of(tokenizer.tokenizerConfig(), null);
            // the template writes BOS itself; special-token texts in it are matched as tokens
            return tokenizer.encode(template.render(messages, true), false, true);
        } catch (ChatTemplateException e) {
            throw new UserError("--chat: the chat template refuses this conversation: " + e.templateMessage());
        }
    }

    private SamplingSettings settings(LanguageModel model) {
        SamplingSettings.Builder b = SamplingSettings.builder(model.generationConfig(), model.config().specialTokens());
        boolean samplingFlag = temperature != null || topK != null || topP != null || minP != null || typicalP != null
                || numReturnSequences > 1;
        if (sample && greedy) {
            throw new UserError("--sample and --greedy contradict each other; give one");
        }
        if (sample || (samplingFlag && !greedy)) b.doSample(true);
        if (greedy) b.doSample(false);
        if (temperature != null) b.temperature(temperature);
        if (topK != null) b.topK(topK);
        if (topP != null) b.topP(topP);
        if (minP != null) b.minP(minP);
        if (typicalP != null) b.typicalP(typicalP);
        if (repetitionPenalty != null) b.repetitionPenalty(repetitionPenalty);
        if (noRepeatNgram != null) b.noRepeatNgramSize(noRepeatNgram);
        if (maxNewTokens != null) b.maxNewTokens(maxNewTokens);
        if (minNewTokens != null) b.minNewTokens(minNewTokens);
        b.addStopTokenIds(stopIds).stopStrings(stopStrings).seed(seed).numReturnSequences(numReturnSequences);
        return b.build();
    }

    /** The generated text, cut before a stop string that ended it. */
    private static String text(Tokenizer tokenizer, GeneratedSequence s) {
        String text = tokenizer.decode(s.newIds(), false);
        if (s.reason() instanceof StopReason.StopString stop) {
            text = text.substring(0, Math.min(stop.textStart(), text.length()));
        }
        return text;
    }

    private static String describe(StopReason reason) {
        return switch (reason) {
            case StopReason.StopToken token -> "stop token " + token.tokenId();
            case StopReason.StopString string -> "stop string \"" + string.stopString() + "\"";
            case StopReason.MaxNewTokens max -> "reached " + max.limit() + " new tokens";
        };
    }

    private void printJson(Tokenizer tokenizer, int[] promptIds, List<GeneratedSequence> sequences, double seconds)
            throws IOException {
        ObjectNode out = JSON.createObjectNode().put("prompt", prompt);
        ArrayNode ids = out.putArray("prompt_ids");
        for (int id : promptIds) ids.add(id);
        ArrayNode list = out.putArray("sequences");
        for (GeneratedSequence s : sequences) {
            ObjectNode row = list.addObject().put("text", text(tokenizer, s)).put("finish_reason", describe(s.reason()));
            ArrayNode newIds = row.putArray("ids");
            for (int id : s.newIds()) newIds.add(id);
        }
        out.put("seconds", seconds);
        System.out.println(JSON.writeValueAsString(out));
    }
}
