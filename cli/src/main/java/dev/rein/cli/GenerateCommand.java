package dev.rein.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.models.LanguageModel;
import dev.rein.models.generation.GeneratedSequence;
import dev.rein.models.generation.GenerationOptions;
import dev.rein.models.generation.Generator;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.models.generation.StopReason;
import dev.rein.models.hooks.Hooks;
import dev.rein.steering.cie.CieControls;
import dev.rein.steering.cie.ControlledTokens;
import dev.rein.steering.ctrl.ControlToken;
import dev.rein.steering.ctrl.ControlVocabulary;
import dev.rein.text.chat.ChatMessage;
import dev.rein.text.chat.ChatRenderOptions;
import dev.rein.text.chat.ChatTemplate;
import dev.rein.text.chat.ChatTemplateException;
import dev.rein.text.chat.ChatTemplateLoader;
import dev.rein.text.tokenizer.DecodeOption;
import dev.rein.text.tokenizer.EncodeOption;
import dev.rein.text.tokenizer.StreamingDecoder;
import dev.rein.text.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
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

    /** CIE's max_new_tokens, the default of a generation with {@code --cie}. */
    static final int CIE_MAX_NEW_TOKENS = 256;

    @Mixin
    private ModelOption modelOption;

    @Option(names = {"-t", "--tokenizer"}, paramLabel = "DIR",
            description = "Tokenizer folder or tokenizer.json, when the model has none of its own (llama2.c files).")
    private Path tokenizerPath;

    @Option(names = {"-p", "--prompt"}, required = true, paramLabel = "TEXT", description = "The prompt.")
    private String prompt;

    @Option(names = "--chat", description = "Send the prompt as a user message through the model's chat template.")
    private boolean chat;

    @Option(names = "--system", paramLabel = "TEXT", description = "With --chat: a system message before the prompt.")
    private String system;

    @Option(names = "--control-tokens", split = ",", paramLabel = "TOKEN",
            description = "Control tokens put in the prompt (rein ctrl; where: --control-placement): nontoxic, "
                    + "toxic, pos, neu, neg (or <|nontoxic|>, ...), comma-separated; the model must have been trained "
                    + "with them.")
    private List<String> controlTokens = new ArrayList<>();

    @Mixin
    private PlacementOption placement;

    @Mixin
    private DecodingOptions decoding;

    @Mixin
    private SteeringVectorOption steeringVectors;

    @ArgGroup(exclusive = false, heading = "RE-Control guidance (rein recontrol train makes the value model):%n")
    private RecontrolOptions recontrol;

    @ArgGroup(exclusive = false, heading = "CIE control (rein cie train makes the tables; greedy and up to "
            + GenerateCommand.CIE_MAX_NEW_TOKENS + " new tokens, as the paper, unless flags say otherwise):%n")
    private CieOptions cie;

    @ArgGroup(exclusive = false, heading = "DPH best-of-N (rein dph train makes the heads):%n")
    private BestOfOptions bestOf;

    @ArgGroup(exclusive = false, heading = "CogSteer (rein cogsteer train makes the adapter):%n")
    private CogSteerOptions cogsteer;

    @Option(names = "--json", description = "Print the result as JSON instead of streaming text.")
    private boolean json;

    @Override
    public Integer call() throws IOException {
        backend.install();
        try (LanguageModel model = modelOption.load()) {
            if (bestOf != null) {
                if (cogsteer != null || !steeringVectors.isEmpty()) {
                    throw new UserError("--best-of and " + (cogsteer != null ? "--cogsteer" : "--steering-vector")
                            + " cannot be combined: best-of samples the plain model");
                }
                if (cie != null || recontrol != null || chat || system != null || tokenizerPath != null) {
                    throw new UserError("--best-of writes the prompt in the reward heads' format with the model's own "
                            + "tokenizer: leave out --cie, --recontrol, --chat, --system and --tokenizer");
                }
                return bestOf.generate(model, prompt, decoding.settings(model), json);
            }
            checkCieCombination();
            Tokenizer tokenizer = tokenizer(model);
            List<ControlToken> tokens = controlTokens(tokenizer, model);
            CieControls controls = cie == null ? null : cie.load(model);
            Generator generator = cogsteer == null ? new Generator(model.transformer()) : cogsteer.generator(model);
            ControlledTokens controlled = controls == null ? null : controls.prompt(prompt, cie.values(), "--prompt");
            int[] promptIds = controlled == null ? encodePrompt(tokenizer, tokens) : controlled.ids();
            SamplingSettings settings = cie == null ? decoding.settings(model)
                    : decoding.greedyByDefault(model, CIE_MAX_NEW_TOKENS);
            boolean stream = !json && settings.numReturnSequences() == 1;
            StreamingDecoder printer = tokenizer.streamingDecoder(DecodeOption.SKIP_SPECIAL_TOKENS);
            GenerationOptions options = GenerationOptions.NONE
                    .withHooks(steeringVectors.addTo(recontrol == null ? new Hooks() : recontrol.hooks(model), model))
                    .withTextDecoders(() -> tokenizer.streamingDecoder()::push)
                    .withListener((row, token) -> {
                        if (stream) {
                            System.out.print(printer.push(token));
                            System.out.flush();
                        }
                    });
            if (stream && !chat && cie == null) {
                System.out.print(prompt);
            }
            long start = System.nanoTime();
            List<GeneratedSequence> sequences = controls == null
                    ? generator.generate(promptIds, settings, options)
                    : controls.generation().generate(List.of(controlled), settings, options);
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

    /** --cie renders the prompt as CIE training did and sets the model's hooks, so some options cannot join it. */
    private void checkCieCombination() {
        if (cogsteer != null && (cie != null || recontrol != null || !steeringVectors.isEmpty())) {
            throw new UserError("--cogsteer cannot be combined with --cie, --recontrol or --steering-vector: each "
                    + "sets the model's hooks");
        }
        if (cie == null) {
            return;
        }
        if (recontrol != null || !steeringVectors.isEmpty()) {
            throw new UserError("--cie cannot be combined with --recontrol or --steering-vector: each sets the "
                    + "model's hooks");
        }
        if (system != null || tokenizerPath != null) {
            throw new UserError("--cie renders the prompt as rein cie train did, with the model's own tokenizer and "
                    + "template: leave out --system and --tokenizer");
        }
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
        if (!model.hasTokenizer()) {
            throw new UserError("--model " + modelOption.name()
                    + ": no tokenizer.json beside the weights; give one with --tokenizer DIR");
        }
        return model.tokenizer();
    }

    /**
     * The control tokens of --control-tokens, checked against the tokenizer and the model's embedding; they go in a
     * plain prompt, so --chat and --cie refuse them.
     */
    private List<ControlToken> controlTokens(Tokenizer tokenizer, LanguageModel model) {
        if (controlTokens.isEmpty()) {
            return List.of();
        }
        if (chat || cie != null) {
            throw new UserError("--control-tokens go in a plain prompt, as the control-token method evaluates: "
                    + "leave out " + (chat ? "--chat" : "--cie"));
        }
        List<ControlToken> tokens = ControlTokenNames.parse(controlTokens);
        ControlVocabulary.check(tokenizer, model.config().vocabSize(), tokens, "--model " + modelOption.name());
        return tokens;
    }

    private int[] encodePrompt(Tokenizer tokenizer, List<ControlToken> tokens) {
        if (!chat) {
            return tokenizer.encode(placement.placement().prompt(prompt, tokens));
        }
        List<ChatMessage> messages = new ArrayList<>();
        if (system != null) {
            messages.add(ChatMessage.system(system));
        }
        messages.add(ChatMessage.user(prompt));
        try {
            ChatTemplate template = ChatTemplateLoader.of(tokenizer.tokenizerConfig(), null);
            // the template writes BOS itself; special-token texts in it are matched as tokens
            return tokenizer.encode(template.render(messages, ChatRenderOptions.forReply()),
                    EncodeOption.WITHOUT_SPECIAL_TOKENS);
        } catch (ChatTemplateException e) {
            throw new UserError("--chat: the chat template refuses this conversation: " + e.templateMessage());
        }
    }

    /** The generated text, cut before a stop string that ended it. */
    private static String text(Tokenizer tokenizer, GeneratedSequence s) {
        String text = tokenizer.decode(s.newIds());
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
            ObjectNode row = list.addObject().put("text", text(tokenizer, s)).put("finish_reason",
                    describe(s.reason()));
            ArrayNode newIds = row.putArray("ids");
            for (int id : s.newIds()) newIds.add(id);
        }
        out.put("seconds", seconds);
        System.out.println(JSON.writeValueAsString(out));
    }
}
