package dev.rein.formats.llama2c;

import static dev.rein.formats.layout.ParameterRole.ATTENTION_NORM;
import static dev.rein.formats.layout.ParameterRole.DOWN;
import static dev.rein.formats.layout.ParameterRole.FINAL_NORM;
import static dev.rein.formats.layout.ParameterRole.GATE;
import static dev.rein.formats.layout.ParameterRole.KEY;
import static dev.rein.formats.layout.ParameterRole.LM_HEAD;
import static dev.rein.formats.layout.ParameterRole.MLP_NORM;
import static dev.rein.formats.layout.ParameterRole.OUTPUT;
import static dev.rein.formats.layout.ParameterRole.QUERY;
import static dev.rein.formats.layout.ParameterRole.TOKEN_EMBEDDING;
import static dev.rein.formats.layout.ParameterRole.UP;
import static dev.rein.formats.layout.ParameterRole.VALUE;

import dev.rein.formats.config.ModelConfig;
import dev.rein.formats.layout.ParameterLayout;
import dev.rein.formats.layout.ParameterRole;
import dev.rein.formats.layout.ParameterSpec;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where each Hugging Face tensor lies in a llama2.c file. llama2.c stores one array per kind of weight, holding that
 * weight of every layer in turn (all {@code wq}, then all {@code wk}, ...), each weight with the shape and row-major
 * order of the matching {@code nn.Linear} or norm, so each tensor of {@link ParameterLayout} is one contiguous
 * slice. Only the order of the arrays differs between versions (llama2.c's {@code export.py}):
 * <ul>
 *   <li>version 0: {@code token_embedding_table, rms_att_weight, wq, wk, wv, wo, rms_ffn_weight, w1, w2, w3,
 *       rms_final_weight, freq_cis_real, freq_cis_imag}, then {@code wcls} when not shared;</li>
 *   <li>version 1: {@code rms_att_weight, rms_ffn_weight, rms_final_weight, token_embedding_table, wq, wk, wv, wo,
 *       w1, w2, w3}, then {@code wcls} when not shared.</li>
 * </ul>
 * {@code w1}, {@code w2}, {@code w3} are the gate, down and up projections.
 */
final class WeightLayout {
    private static final List<ParameterRole> VERSION_0_ORDER = List.of(TOKEN_EMBEDDING, ATTENTION_NORM, QUERY, KEY,
            VALUE, OUTPUT, MLP_NORM, GATE, DOWN, UP, FINAL_NORM, LM_HEAD);
    private static final List<ParameterRole> VERSION_1_ORDER = List.of(ATTENTION_NORM, MLP_NORM, FINAL_NORM,
            TOKEN_EMBEDDING, QUERY, KEY, VALUE, OUTPUT, GATE, DOWN, UP, LM_HEAD);

    /** One tensor of the file: its name, shape and role, and the byte offset of its first element. */
    record StoredTensor(ParameterSpec spec, long byteOffset) {
        long byteSize() {
            return spec.numel() * Float.BYTES;
        }
    }

    private WeightLayout() {
    }

    /**
     * The tensors of a file with this header, by name. The header must have been validated against the file size
     * (see {@link Llama2cHeader#read}), which bounds the number of tensors and keeps every slice in the file.
     */
    static Map<String, StoredTensor> of(Llama2cHeader header, ModelConfig config) {
        Map<ParameterRole, List<ParameterSpec>> byRole = ParameterLayout.of(config).stream()
                .collect(Collectors.groupingBy(ParameterSpec::role, () -> new EnumMap<>(ParameterRole.class),
                        Collectors.toList()));
        Map<String, StoredTensor> tensors = new TreeMap<>();
        long offset = header.weightsStart();
        for (ParameterRole role : header.version() == 0 ? VERSION_0_ORDER : VERSION_1_ORDER) {
            if (role == LM_HEAD && header.version() == 0) {
                // freq_cis_real and freq_cis_imag, seq_len * head_size / 2 floats each, which RoPE recomputes
                offset += (long) header.seqLen() * header.headSize() * Float.BYTES;
            }
            for (ParameterSpec spec : byRole.getOrDefault(role, List.of())) {
                StoredTensor tensor = new StoredTensor(spec, offset);
                tensors.put(spec.name(), tensor);
                offset += tensor.byteSize();
            }
        }
        return tensors;
    }
}
