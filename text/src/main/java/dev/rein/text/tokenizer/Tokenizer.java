package dev.rein.text.tokenizer;

import dev.rein.formats.FormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Objects;

/**
 * A Hugging Face tokenizer loaded from tokenizer.json, encoding and decoding as the Rust {@code tokenizers}
 * library does: added tokens are matched in the raw text first, the rest goes through the normalizer, the
 * pre-tokenizer and the BPE model, and the post-processor adds special tokens such as BOS.
 *
 * <p>tokenizer_config.json beside it supplies the BOS/EOS/pad/unknown token names, the chat template, and
 * {@code add_bos_token}/{@code add_eos_token}, applied as transformers' Llama and Gemma tokenizers do: a flag
 * the file sets decides whether BOS starts (EOS ends) an encoding with special tokens; a flag it does not set
 * keeps what the tokenizer.json template does; a template that already adds BOS with {@code add_bos_token: true}
 * still gives one BOS.
 *
 * <p>Thread-safe: encoding and decoding may run concurrently, also with {@link #addSpecialTokens}.
 *
 * <p>Not supported (FormatException at load): models other than BPE (Unigram, WordPiece, WordLevel), BPE
 * dropout, and components not listed in the component interfaces. Truncation and padding settings of
 * tokenizer.json are ignored: encoding returns every token. Where Rein differs from Hugging Face on purpose:
 * tokens the post-processor adds get an empty range where they were inserted (Hugging Face gives (0, 0)); the
 * piece of an added token in an {@link Encoding} is its content (Hugging Face includes the whitespace an
 * lstrip/rstrip token swallowed); an unpaired surrogate in the text (which Rust strings cannot hold) is
 * encoded as U+FFFD.
 */
public final class Tokenizer {
    /** The file a tokenizer folder must hold. */
    public static final String FILE_NAME = "tokenizer.json";
    private static final String SENTENCEPIECE_FILE_NAME = "tokenizer.model";

    private final Normalizer normalizer;
    private final PreTokenizer preTokenizer;
    private final BpeModel model;
    private final PostProcessor postProcessor;
    private final Decoder decoder;
    private final boolean decodesByteRuns;
    private final TokenizerConfig config;
    private volatile AddedVocabulary addedVocabulary;

    private Tokenizer(TokenizerJsonReader.Components components, TokenizerConfig config) {
        this.normalizer = components.normalizer();
        this.preTokenizer = components.preTokenizer();
        this.model = components.model();
        this.decoder = components.decoder();
        this.decodesByteRuns = Decoder.contains(decoder, Decoder.ByteFallback.class);
        this.config = config;
        this.addedVocabulary = new AddedVocabulary(components.addedTokens(), normalizer);
        this.postProcessor = BosEosPolicy.apply(components.postProcessor(), config, this::pieceToId);
    }

    /**
     * Loads a tokenizer from a folder holding tokenizer.json (and optionally tokenizer_config.json and
     * chat_template.jinja), or from the tokenizer.json file itself.
     *
     * @throws FormatException when there is no tokenizer.json (a SentencePiece tokenizer.model alone is not
     *                         enough) or it is not a tokenizer Rein supports
     */
    public static Tokenizer load(Path folderOrTokenizerJson) {
        Path file = locate(folderOrTokenizerJson.toAbsolutePath());
        TokenizerJsonReader.Components components = TokenizerJsonReader.read(file);
        return new Tokenizer(components, TokenizerConfig.read(file.getParent()));
    }

    /** A tokenizer from components read elsewhere (a tokenizer.json built in memory) and its configuration. */
    static Tokenizer of(TokenizerJsonReader.Components components, TokenizerConfig config) {
        return new Tokenizer(components, config);
    }

    private static Path locate(Path path) {
        if (Files.isDirectory(path)) {
            Path json = path.resolve(FILE_NAME);
            if (Files.isRegularFile(json)) return json;
            Path sentencePiece = path.resolve(SENTENCEPIECE_FILE_NAME);
            if (Files.exists(sentencePiece)) throw sentencePieceOnly(sentencePiece);
            throw new FormatException(path, null, "no " + FILE_NAME + " in this folder");
        }
        if (path.getFileName().toString().equals(SENTENCEPIECE_FILE_NAME)) throw sentencePieceOnly(path);
        if (!Files.isRegularFile(path)) throw new FormatException(path, null, "no such file");
        return path;
    }

    private static FormatException sentencePieceOnly(Path file) {
        return new FormatException(file, null, "SentencePiece tokenizer.model files are not supported: "
                + FILE_NAME + " is required (transformers writes it with tokenizer.save_pretrained)");
    }

    /** tokenizer_config.json's settings (all null when the folder has none). */
    public TokenizerConfig tokenizerConfig() {
        return config;
    }

    /**
     * The ids of {@code text}: with the special tokens the configuration adds (such as BOS) and special tokens
     * written in the text matched, unless {@code options} say otherwise.
     */
    public int[] encode(String text, EncodeOption... options) {
        return encodeWithOffsets(text, options).ids();
    }

    /** The tokens of {@code text} with their pieces and ranges in {@code text}; see {@link #encode}. */
    public Encoding encodeWithOffsets(String text, EncodeOption... options) {
        Set<EncodeOption> chosen = Set.of(options);
        TokenBuffer tokens = postProcess(List.of(encodeSequence(text,
                !chosen.contains(EncodeOption.SPECIAL_TOKENS_AS_TEXT))), addsSpecialTokens(chosen));
        int[] ids = tokens.ids();
        String[] pieces = new String[ids.length];
        for (int i = 0; i < ids.length; i++) pieces[i] = idToPiece(ids[i]);
        return new Encoding(ids, pieces, tokens.starts(), tokens.ends());
    }

    /** The ids of a pair of texts, joined by the post-processor's pair template (e.g. BOS A BOS B for Llama 2). */
    public int[] encodePair(String first, String second, EncodeOption... options) {
        Set<EncodeOption> chosen = Set.of(options);
        boolean matchSpecialTokens = !chosen.contains(EncodeOption.SPECIAL_TOKENS_AS_TEXT);
        return postProcess(List.of(encodeSequence(first, matchSpecialTokens),
                encodeSequence(second, matchSpecialTokens)), addsSpecialTokens(chosen)).ids();
    }

    private static boolean addsSpecialTokens(Set<EncodeOption> chosen) {
        return !chosen.contains(EncodeOption.WITHOUT_SPECIAL_TOKENS);
    }

    /**
     * The text of {@code ids}, special tokens included unless {@code options} skip them. Ids that name no token
     * are skipped, as Hugging Face does.
     */
    public String decode(int[] ids, DecodeOption... options) {
        return decode(ids, 0, ids.length, skipsSpecialTokens(options));
    }

    static boolean skipsSpecialTokens(DecodeOption... options) {
        return Set.of(options).contains(DecodeOption.SKIP_SPECIAL_TOKENS);
    }

    /** The text of {@code ids[from, to)}. */
    String decode(int[] ids, int from, int to, boolean skipSpecialTokens) {
        List<String> pieces = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            String piece = decodedPiece(ids[i], skipSpecialTokens);
            if (piece != null) pieces.add(piece);
        }
        return decoder == null ? String.join(" ", pieces) : String.join("", decoder.decodeChain(pieces));
    }

    /** The piece the decoder gets for {@code id}, or null when the id is skipped or names no token. */
    String decodedPiece(int id, boolean skipSpecialTokens) {
        AddedVocabulary added = addedVocabulary;
        AddedToken token = added.token(id);
        if (token == null) return model.piece(id);
        return skipSpecialTokens && token.special() ? null : added.decodingPiece(id);
    }

    /**
     * Whether {@code piece} may still decode differently when more ids follow: with a ByteFallback decoder a
     * run of byte pieces ({@code <0xAB>}) is decoded as a whole, one U+FFFD per byte unless all of it is
     * valid UTF-8, so nothing of the run is final until a piece that is not a byte ends it.
     */
    boolean mayChangeWhenFollowed(String piece) {
        return decodesByteRuns && Decoder.ByteFallback.byteValue(piece) >= 0;
    }

    /** A decoder for generated ids that prints text as soon as it is complete; see {@link StreamingDecoder}. */
    public StreamingDecoder streamingDecoder(DecodeOption... options) {
        return new StreamingDecoder(this, skipsSpecialTokens(options));
    }

    /** The vocabulary piece of {@code id} (the content of an added token), or null when no token has it. */
    public String idToPiece(int id) {
        AddedToken token = addedVocabulary.token(id);
        return token != null ? token.content() : model.piece(id);
    }

    /** The id of vocabulary piece (or added token) {@code piece}, or -1. */
    public int pieceToId(String piece) {
        Integer added = addedVocabulary.idOf(piece);
        return added != null ? added : model.id(piece);
    }

    /** Whether {@code id} is a special token (one that {@code decode(ids, true)} leaves out). */
    public boolean isSpecial(int id) {
        AddedToken token = addedVocabulary.token(id);
        return token != null && token.special();
    }

    /** One more than the highest token id: the model's vocabulary and the added tokens. */
    public int vocabSize() {
        return Math.max(model.size(), addedVocabulary.maxId() + 1);
    }

    /**
     * Adds special tokens, matched in raw text from now on and never split. A token already in the vocabulary
     * keeps its id (and becomes special); a new one gets the next id after the vocabulary, in order.
     *
     * @return the id of each token
     * @throws IllegalArgumentException for an empty token
     */
    public synchronized int[] addSpecialTokens(List<String> tokens) {
        Map<Integer, AddedToken> tokensById = new LinkedHashMap<>();
        Map<String, Integer> idsByContent = new HashMap<>();
        for (AddedToken token : addedVocabulary.tokens()) {
            tokensById.put(token.id(), token);
            idsByContent.put(token.content(), token.id());
        }
        int nextId = vocabSize();
        int[] ids = new int[tokens.size()];
        for (int i = 0; i < ids.length; i++) {
            String content = Objects.requireNonNull(tokens.get(i), "token");
            if (content.isEmpty()) throw new IllegalArgumentException("a special token cannot be empty");
            Integer id = idsByContent.get(content);
            if (id != null) {
                AddedToken existing = tokensById.get(id);
                tokensById.put(id, new AddedToken(id, content, true, existing.normalized(), existing.leftStrip(),
                        existing.rightStrip(), existing.singleWord()));
            } else {
                int modelId = model.id(content);
                id = modelId >= 0 ? modelId : nextId++;
                tokensById.put(id, AddedToken.special(id, content));
                idsByContent.put(content, id);
            }
            ids[i] = id;
        }
        addedVocabulary = new AddedVocabulary(tokensById.values(), normalizer);
        return ids;
    }

    /** Added tokens, normalizer, pre-tokenizer and model: the tokens of one text, before post-processing. */
    private TokenBuffer encodeSequence(String text, boolean matchSpecialTokens) {
        Objects.requireNonNull(text, "text");
        TokenBuffer tokens = new TokenBuffer(text.length());
        for (AddedVocabulary.Segment segment : addedVocabulary.split(text, matchSpecialTokens)) {
            NormalizedText piece = segment.text();
            if (segment.isToken()) {
                tokens.add(segment.tokenId(), piece.originalStart(0), piece.originalEnd(piece.length() - 1));
                continue;
            }
            if (preTokenizer == null) {
                tokenizeWord(piece, tokens);
            } else {
                preTokenizer.preTokenize(piece, word -> tokenizeWord(word, tokens));
            }
        }
        return tokens;
    }

    private void tokenizeWord(NormalizedText word, TokenBuffer tokens) {
        BpeModel.Word modelTokens = model.tokenize(word.text());
        int[] ids = modelTokens.ids();
        for (int k = 0; k < ids.length; k++) {
            tokens.add(ids[k], word.originalStart(modelTokens.starts()[k]),
                    word.originalEnd(modelTokens.ends()[k] - 1));
        }
    }

    private TokenBuffer postProcess(List<TokenBuffer> sequences, boolean addSpecialTokens) {
        List<TokenBuffer> parts = postProcessor == null ? sequences
                : postProcessor.process(sequences, addSpecialTokens, this::idToPiece);
        return TokenBuffer.concat(parts);
    }
}
