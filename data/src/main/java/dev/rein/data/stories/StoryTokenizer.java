package dev.rein.data.stories;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.formats.io.AtomicFiles;
import dev.rein.text.tokenizer.ByteLevelAlphabet;
import dev.rein.text.tokenizer.Tokenizer;
import dev.rein.text.tokenizer.TokenizerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The tokenizer of the story corpus, written as a Hugging Face tokenizer.json and tokenizer_config.json that
 * Rein's {@link Tokenizer} (and the {@code tokenizers} library) load: GPT-2 style byte-level BPE, with merges
 * built so that every word of the story grammar, with and without the space before it, and every run of its
 * punctuation ({@code ,} {@code ."} {@code  "}...) is one token, and a vocabulary of a few thousand tokens.
 *
 * <p>The vocabulary: the 256 byte symbols (ids 0 to 255, byte {@code b} has id {@code b}), so that any text still
 * encodes, one byte token per byte at worst; the merge results, in merge order; and {@value #END_OF_TEXT}, the
 * one special token, last, used as BOS, EOS and padding. Merges: first those that spell each word and
 * punctuation run ({@link WordMerges}), then one per piece joining the space symbol {@code Ġ} to it, ranked after
 * all of the others so that a word is whole before its space joins it. Encoding adds BOS in front
 * ({@code add_bos_token}); EOS is for the trainer to append.
 */
public final class StoryTokenizer {
    /** The special token: BOS, EOS and padding. */
    public static final String END_OF_TEXT = "<|endoftext|>";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SPACE = String.valueOf(ByteLevelAlphabet.charOf(' '));

    private StoryTokenizer() {
    }

    /** Writes tokenizer.json and tokenizer_config.json into {@code folder}, which must exist; each atomically. */
    public static void write(Path folder) throws IOException {
        AtomicFiles.write(folder.resolve(Tokenizer.FILE_NAME),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(tokenizerJson()));
        AtomicFiles.write(folder.resolve(TokenizerConfig.FILE_NAME),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(tokenizerConfigJson()));
    }

    /** The pieces that must be one token, spelled in the byte-level alphabet, without the space before them. */
    private static SortedSet<String> wholePieces() {
        SortedSet<String> pieces = new TreeSet<>();
        StoryGrammar.words().forEach(word -> pieces.add(spell(word)));
        StoryGrammar.punctuation().forEach(run -> pieces.add(spell(run)));
        return pieces;
    }

    private static List<WordMerges.Merge> merges() {
        SortedSet<String> pieces = wholePieces();
        List<WordMerges.Merge> merges = new ArrayList<>(WordMerges.of(pieces));
        for (String piece : pieces) merges.add(new WordMerges.Merge(SPACE, piece));
        return merges;
    }

    private static ObjectNode tokenizerJson() {
        List<WordMerges.Merge> merges = merges();
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (int b = 0; b < 256; b++) vocab.put(String.valueOf(ByteLevelAlphabet.charOf(b)), b);
        for (WordMerges.Merge merge : merges) vocab.putIfAbsent(merge.merged(), vocab.size());
        int endOfText = vocab.size();
        vocab.put(END_OF_TEXT, endOfText);

        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        root.putArray("added_tokens").addObject()
                .put("id", endOfText).put("content", END_OF_TEXT).put("single_word", false).put("lstrip", false)
                .put("rstrip", false).put("normalized", false).put("special", true);
        root.putNull("normalizer");
        root.set("pre_tokenizer", byteLevel(false));
        root.set("post_processor", bosTemplate(endOfText));
        root.set("decoder", byteLevel(true));
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token");
        model.put("continuing_subword_prefix", "");
        model.put("end_of_word_suffix", "");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.put("ignore_merges", false);
        ObjectNode vocabNode = model.putObject("vocab");
        vocab.forEach(vocabNode::put);
        ArrayNode mergeNodes = model.putArray("merges");
        for (WordMerges.Merge merge : merges) mergeNodes.add(merge.left() + " " + merge.right());
        return root;
    }

    /** GPT-2's ByteLevel pre-tokenizer (no space added in front) or decoder, as Hugging Face writes them. */
    private static ObjectNode byteLevel(boolean decoder) {
        return JSON.createObjectNode().put("type", "ByteLevel").put("add_prefix_space", decoder)
                .put("trim_offsets", true).put("use_regex", true);
    }

    /** {@value #END_OF_TEXT} before the text (and before each text of a pair). */
    private static ObjectNode bosTemplate(int endOfText) {
        ObjectNode processor = JSON.createObjectNode().put("type", "TemplateProcessing");
        ArrayNode single = processor.putArray("single");
        addBosAndSequence(single, "A", 0);
        ArrayNode pair = processor.putArray("pair");
        addBosAndSequence(pair, "A", 0);
        addBosAndSequence(pair, "B", 1);
        ObjectNode token = processor.putObject("special_tokens").putObject(END_OF_TEXT).put("id", END_OF_TEXT);
        token.putArray("ids").add(endOfText);
        token.putArray("tokens").add(END_OF_TEXT);
        return processor;
    }

    private static void addBosAndSequence(ArrayNode template, String sequence, int typeId) {
        template.addObject().putObject("SpecialToken").put("id", END_OF_TEXT).put("type_id", typeId);
        template.addObject().putObject("Sequence").put("id", sequence).put("type_id", typeId);
    }

    private static ObjectNode tokenizerConfigJson() {
        return JSON.createObjectNode()
                .put("tokenizer_class", "PreTrainedTokenizerFast")
                .put("bos_token", END_OF_TEXT).put("eos_token", END_OF_TEXT)
                .put("pad_token", END_OF_TEXT).put("unk_token", END_OF_TEXT)
                .put("add_bos_token", true).put("add_eos_token", false)
                .put("clean_up_tokenization_spaces", false);
    }

    /** {@code text} in the byte-level alphabet: one symbol per UTF-8 byte. */
    private static String spell(String text) {
        StringBuilder spelled = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) spelled.append(ByteLevelAlphabet.charOf(b & 0xFF));
        return spelled.toString();
    }
}
