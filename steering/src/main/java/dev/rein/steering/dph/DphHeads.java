package dev.rein.steering.dph;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.autograd.Variable;
import dev.rein.formats.io.AtomicFiles;
import dev.rein.formats.json.JsonFields;
import dev.rein.formats.json.JsonFiles;
import dev.rein.models.hooks.HookPoints;
import dev.rein.training.adapters.Dropout;
import dev.rein.training.checkpoints.AtomicFolder;
import dev.rein.training.heads.HeadConfig;
import dev.rein.training.heads.PooledHead;
import dev.rein.training.heads.Pooling;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * DPH's added modules (METHODS.md 3.1): one {@link DphPooler} and several reward heads keyed by name, each
 * {@code Linear(d, 1, bias=False)}, reading the final normed state ({@code ln_final.hook_normalized}) at the last
 * occurrence of the pool token. The heads are stored as the rows of one {@link PooledHead} with k outputs, so a
 * folder with a single head is also a reward head for {@code rein eval reward}.
 *
 * <p>Files: the {@link PooledHead}'s ({@code pooled_head.json}, {@code pooled_head.safetensors}) and
 * {@value #FILE_NAME} with the pooler's DPH name, the dropout, the heads' names and the pool token's text.
 */
public final class DphHeads {
    /** The description of the DPH parts beside the pooled head's files. */
    public static final String FILE_NAME = "dph_heads.json";
    /** DPH's name of its one reward head. */
    public static final String DEFAULT_HEAD = "reward_head";

    private final PooledHead head;
    private final DphPooler pooler;
    private final double dropout;
    private final List<String> names;
    private final String poolToken;

    private DphHeads(PooledHead head, DphPooler pooler, double dropout, List<String> names, String poolToken) {
        this.head = head;
        this.pooler = pooler;
        this.dropout = dropout;
        this.names = List.copyOf(names);
        this.poolToken = poolToken;
    }

    /**
     * Fresh heads, weights normal (std 0.02) drawn from {@code seed}.
     *
     * @param hiddenSize       d, the model's hidden size
     * @param intermediateSize d_ffn, the SwiGLU poolers' inner width (DPH: the model's intermediate size)
     * @param poolTokenId      the id of {@code poolToken}, where the state is read
     * @throws IllegalArgumentException when there are no names, a name repeats, or the dropout is outside [0, 1)
     */
    public static DphHeads create(DphPooler pooler, double dropout, List<String> names, int hiddenSize,
                                  int intermediateSize, String poolToken, int poolTokenId, long seed) {
        check(names, dropout);
        int inner = pooler.kind() == HeadConfig.PoolerKind.SWIGLU_TANH ? intermediateSize : 0;
        HeadConfig config = new HeadConfig(HookPoints.FINAL_NORMALIZED, new Pooling.LastToken(poolTokenId),
                pooler.kind(), hiddenSize, inner, names.size(), false, HeadConfig.DEFAULT_INIT_STD);
        return new DphHeads(PooledHead.create(config, seed), pooler, dropout, names, poolToken);
    }

    /**
     * Loads heads saved by {@link #save}.
     *
     * @throws dev.rein.formats.FormatException naming the file and field when the files are malformed or disagree
     */
    public static DphHeads load(Path folder) throws IOException {
        PooledHead head = PooledHead.load(folder);
        Path file = folder.resolve(FILE_NAME);
        JsonFields f = JsonFiles.readObject(file);
        try {
            DphPooler pooler = DphPooler.of(f.string("pooler"));
            List<String> names = f.optionalStringList("heads").orElseThrow(() -> f.error("heads", "missing"));
            double dropout = f.number("dropout");
            check(names, dropout);
            if (pooler.kind() != head.config().pooler() || names.size() != head.config().outputs()) {
                throw f.error("the pooled head holds a " + head.config().pooler() + " pooler with "
                        + head.config().outputs() + " outputs, this file names " + pooler.label() + " with "
                        + names.size() + " heads");
            }
            return new DphHeads(head, pooler, dropout, names, f.string("pool_token"));
        } catch (IllegalArgumentException e) {
            throw f.error(e.getMessage());
        }
    }

    /** Writes the heads into {@code folder}, atomically (the whole folder appears at once). */
    public void save(Path folder) throws IOException {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("pooler", pooler.label());
        json.put("dropout", dropout);
        json.putPOJO("heads", names);
        json.put("pool_token", poolToken);
        json.put("hook_point", head.config().hookPoint());
        byte[] text = (json.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8);
        AtomicFolder.write(folder, partial -> {
            head.save(partial);
            AtomicFiles.write(partial.resolve(FILE_NAME), text);
        });
    }

    public PooledHead pooledHead() {
        return head;
    }

    public DphPooler pooler() {
        return pooler;
    }

    public double dropout() {
        return dropout;
    }

    /** The heads' names, in the order of the reward columns. */
    public List<String> names() {
        return names;
    }

    /** The text of the token whose last occurrence is pooled ({@code <|im_end|>} for ChatML). */
    public String poolToken() {
        return poolToken;
    }

    /** The id of the pool token. */
    public int poolTokenId() {
        return ((Pooling.LastToken) head.config().pooling()).tokenId();
    }

    /**
     * The column of head {@code name}.
     *
     * @throws IllegalArgumentException naming the heads there are when there is no such head
     */
    public int column(String name) {
        int column = names.indexOf(name);
        if (column < 0) {
            throw new IllegalArgumentException("no reward head \"" + name + "\"; the heads are " + names);
        }
        return column;
    }

    /** Every trained weight by its file name ({@code pooler.value.weight}, {@code head.weight}, ...). */
    public Map<String, Variable> parameters() {
        return head.parameters();
    }

    /** pooled states [B, d] -> rewards [B, k], one column per head, dropout off (inference). */
    public Variable rewards(Variable pooled) {
        return head.fromPooled(pooled);
    }

    /**
     * pooled states [B, d] -> rewards [B, k] with dropout on (training), its masks drawn from {@code dropoutSeed}
     * (a function of the step, so that a resumed run draws the same masks).
     */
    public Variable trainingRewards(Variable pooled, long dropoutSeed) {
        Dropout before = training(new Dropout(dropout, dropoutSeed));
        Dropout after = training(new Dropout(dropout, dropoutSeed ^ 0x5DEECE66DL));
        Variable in = pooler.leadingDropout() ? before.apply(pooled) : pooled;
        return head.head().apply(after.apply(head.pooler().apply(in)));
    }

    private static Dropout training(Dropout dropout) {
        dropout.train();
        return dropout;
    }

    private static void check(List<String> names, double dropout) {
        if (names.isEmpty()) throw new IllegalArgumentException("DPH needs at least one reward head");
        if (new HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException("reward head names repeat: " + names);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
    }
}
