package dev.rein.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.models.LanguageModel;
import dev.rein.models.hooks.ActivationCache;
import dev.rein.models.hooks.HookPoints;
import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.TokenBatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rein inspect}: looks inside one forward pass. The logit lens shows which token each layer's residual stream
 * points to (read through the final norm and LM head); the attention summary shows where each head of one block
 * looks and how sharply.
 */
@Command(name = "inspect", description = {"Look inside a model on a prompt: logit lens and attention heads.",
        "Logit lens: the top token when the final norm and LM head read the residual",
        "stream after the embeddings and after each block. Attention: for one block,",
        "where each head attends at the last position, and how sharply (entropy)."})
final class InspectCommand implements Callable<Integer> {
    @Mixin
    private BackendOption backend;

    private static final int TERMINAL_WIDTH = 100;

    @Mixin
    private ModelInput input;

    @Option(names = "--layer", paramLabel = "N",
            description = "The block whose attention is summarised (default: the last).")
    private Integer layer;

    @Option(names = "--top", paramLabel = "K", defaultValue = "1",
            description = "Tokens shown per logit-lens cell, most likely first (default: ${DEFAULT-VALUE}).")
    private int top;

    @Option(names = "--attended", paramLabel = "N", defaultValue = "3",
            description = "Most attended positions listed per head (default: ${DEFAULT-VALUE}).")
    private int attended;

    @Option(names = "--all-positions", description = "Summarise attention at every position, not only the last.")
    private boolean allPositions;

    @Option(names = "--json", description = "Print the same data as one JSON object.")
    private boolean json;

    @Override
    public Integer call() throws IOException {
        backend.install();
        requirePositive("--top", top);
        requirePositive("--attended", attended);
        try (LanguageModel model = input.load()) {
            int[] ids = input.ids(model);
            int attentionLayer = attentionLayer(model.config().numLayers());
            List<String> points = new ArrayList<>(LogitLens.points(model.config().numLayers()));
            points.add(HookPoints.pattern(attentionLayer));
            ActivationCache cache = new ActivationCache();
            model.transformer().forward(TokenBatch.of(ids), new Hooks().cache(cache, points.toArray(String[]::new)));

            LogitLens lens = LogitLens.of(model.transformer(), cache, top);
            AttentionSummary attention = AttentionSummary.of(attentionLayer,
                    cache.get(HookPoints.pattern(attentionLayer)), allPositions);
            TokenLabels labels = new TokenLabels(model.hasTokenizer() ? model.tokenizer() : null);
            if (json) {
                System.out.println(toJson(ids, lens, attention, labels));
            } else {
                printText(ids, lens, attention, labels);
            }
        }
        return 0;
    }

    /** {ids, pieces (null without a tokenizer), logit_lens: see LogitLens, attention: see AttentionSummary} */
    private ObjectNode toJson(int[] ids, LogitLens lens, AttentionSummary attention, TokenLabels labels) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode idList = out.putArray("ids");
        ArrayNode pieces = out.putArray("pieces");
        for (int id : ids) {
            idList.add(id);
            pieces.add(labels.piece(id));
        }
        out.set("logit_lens", lens.toJson(labels));
        out.set("attention", attention.toJson(ids, labels, attended));
        return out;
    }

    private void printText(int[] ids, LogitLens lens, AttentionSummary attention, TokenLabels labels) {
        System.out.println("logit lens: the top " + (top == 1 ? "token" : top + " tokens")
                + " when the final norm and LM head read each residual stream");
        System.out.println("rows: the embeddings, then the output of each block (the last is the model's prediction)");
        LensGrid.print(System.out, ids, lens, labels, TERMINAL_WIDTH);
        System.out.println();
        attention.print(System.out, ids, labels, attended);
    }

    private int attentionLayer(int layers) {
        if (layer == null) {
            return layers - 1;
        }
        if (layer < 0 || layer >= layers) {
            throw new UserError("--layer " + layer + ": the model has " + layers + " blocks (0.." + (layers - 1) + ")");
        }
        return layer;
    }

    private static void requirePositive(String option, int value) {
        if (value < 1) {
            throw new UserError(option + " " + value + ": must be at least 1");
        }
    }
}
