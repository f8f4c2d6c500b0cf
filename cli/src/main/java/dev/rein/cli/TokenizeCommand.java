package dev.rein.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.text.chat.AssistantMask;
import dev.rein.text.chat.ChatRenderOptions;
import dev.rein.text.tokenizer.DecodeOption;
import dev.rein.text.tokenizer.EncodeOption;
import dev.rein.text.tokenizer.Encoding;
import dev.rein.text.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rein tokenize}: shows how a tokenizer splits a text (ids, vocabulary pieces and the text each token
 * covers), or, with {@code --decode}, turns ids back into text.
 */
@Command(name = "tokenize", description = {"Show the tokens of a text: ids, pieces and the text each covers.",
        "Reads TEXT, or --file, or standard input when neither is given."})
final class TokenizeCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = {"-t", "--tokenizer"}, required = true, paramLabel = "DIR",
            description = "Folder with tokenizer.json (a model folder), or the tokenizer.json file.")
    private Path tokenizerPath;

    @ArgGroup(exclusive = true)
    private Input input = new Input();

    static final class Input {
        @Parameters(paramLabel = "TEXT", arity = "0..*", description = "Text to tokenize (or ids with --decode).")
        List<String> words;

        @Option(names = "--file", paramLabel = "FILE", description = "Tokenize the contents of FILE (UTF-8).")
        Path file;

        @Option(names = "--chat", paramLabel = "FILE", description = {
                "Render the conversation in FILE (a JSON list of {role, content} messages, or {\"messages\": [...]})",
                "with the tokenizer's chat template, tokenize it and mark the tokens of assistant replies."})
        Path chat;
    }

    @Option(names = "--add-generation-prompt",
            description = "With --chat: end with the header of a new assistant turn.")
    private boolean addGenerationPrompt;

    @Option(names = "--template", paramLabel = "NAME",
            description = "With --chat: the named chat template (default: \"default\").")
    private String templateName;

    @Option(names = "--end-of-turn", paramLabel = "TEXT",
            description = "With --chat: the text that ends an assistant turn (default: the EOS token, e.g. <|im_end|>).")
    private String endOfTurn;

    @Option(names = "--decode", description = "TEXT is a list of ids; print the text they decode to.")
    private boolean decode;

    @Option(names = "--no-special", description = "Do not add BOS/EOS, and treat special-token texts as plain text.")
    private boolean noSpecial;

    @Option(names = "--skip-special", description = "With --decode: leave special tokens out of the text.")
    private boolean skipSpecial;

    @Option(names = "--ids", description = "Print only the ids, separated by spaces.")
    private boolean idsOnly;

    @Option(names = "--json", description = "Print ids, pieces and character offsets as one JSON object.")
    private boolean json;

    @Override
    public Integer call() throws IOException {
        Tokenizer tokenizer = Tokenizer.load(tokenizerPath);
        if (input.chat != null) {
            printConversation(tokenizer, ChatPrompt.render(tokenizer, input.chat, templateName, endOfTurn,
                    addGenerationPrompt ? ChatRenderOptions.forReply() : ChatRenderOptions.transcript()));
            return 0;
        }
        String text = readInput();
        if (decode) {
            printDecoded(tokenizer, TokenIds.parse("--decode", text, tokenizer.vocabSize()));
        } else {
            EncodeOption[] options = noSpecial
                    ? new EncodeOption[] {EncodeOption.WITHOUT_SPECIAL_TOKENS, EncodeOption.SPECIAL_TOKENS_AS_TEXT}
                    : new EncodeOption[0];
            printTokens(tokenizer.encodeWithOffsets(text, options), text);
        }
        return 0;
    }

    private String readInput() throws IOException {
        if (input.file != null) {
            if (!Files.isRegularFile(input.file)) throw new UserError("--file " + input.file + ": no such file");
            return Files.readString(input.file, StandardCharsets.UTF_8);
        }
        if (input.words != null) return String.join(" ", input.words);
        return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private void printDecoded(Tokenizer tokenizer, int[] ids) throws IOException {
        String text = skipSpecial ? tokenizer.decode(ids, DecodeOption.SKIP_SPECIAL_TOKENS) : tokenizer.decode(ids);
        if (json) {
            ObjectNode out = JSON.createObjectNode().put("text", text);
            ArrayNode pieces = out.putArray("pieces");
            for (int id : ids) pieces.add(tokenizer.idToPiece(id));
            System.out.println(JSON.writeValueAsString(out));
        } else {
            System.out.println(text);
        }
    }

    private void printConversation(Tokenizer tokenizer, ChatPrompt prompt) throws IOException {
        Encoding encoding = tokenizer.encodeWithOffsets(prompt.text(), EncodeOption.WITHOUT_SPECIAL_TOKENS);
        boolean[] assistant = AssistantMask.tokenMask(encoding, prompt.assistantSpans());
        if (json) {
            ObjectNode out = encodingJson(encoding).put("text", prompt.text());
            ArrayNode mask = out.putArray("assistant_mask");
            for (boolean mark : assistant) mask.add(mark ? 1 : 0);
            System.out.println(JSON.writeValueAsString(out));
        } else if (idsOnly) {
            printIds(encoding);
        } else {
            String[] marks = new String[encoding.size()];
            for (int i = 0; i < marks.length; i++) marks[i] = assistant[i] ? "assistant" : null;
            TokenTable.print(System.out, encoding, prompt.text(), marks);
        }
    }

    private static ObjectNode encodingJson(Encoding encoding) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode ids = out.putArray("ids");
        ArrayNode pieces = out.putArray("pieces");
        ArrayNode offsets = out.putArray("offsets");
        for (int i = 0; i < encoding.size(); i++) {
            ids.add(encoding.ids()[i]);
            pieces.add(encoding.pieces()[i]);
            offsets.addArray().add(encoding.starts()[i]).add(encoding.ends()[i]);
        }
        return out;
    }

    private static void printIds(Encoding encoding) {
        StringBuilder line = new StringBuilder();
        for (int id : encoding.ids()) line.append(line.isEmpty() ? "" : " ").append(id);
        System.out.println(line);
    }

    private void printTokens(Encoding encoding, String text) throws IOException {
        if (json) {
            System.out.println(JSON.writeValueAsString(encodingJson(encoding)));
        } else if (idsOnly) {
            printIds(encoding);
        } else {
            TokenTable.print(System.out, encoding, text);
        }
    }
}
