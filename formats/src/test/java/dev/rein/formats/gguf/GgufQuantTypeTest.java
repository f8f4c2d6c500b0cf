package dev.rein.formats.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rein.formats.layout.ParameterRole;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which matrices each file type stores in which ggml type: llama.cpp's {@code llama_tensor_get_type} choices. */
class GgufQuantTypeTest {
    private static final int LAYERS = 16;
    private static final int WIDE = 2048;

    @Test
    void q4KMGivesQ6KToTheOutputHeadAndToTheValueAndDownProjectionsUseMoreBitsPicks() {
        assertEquals(GgufTensorType.Q6_K, GgufQuantType.Q4_K_M.matrixType(ParameterRole.LM_HEAD, -1, LAYERS, true,
                WIDE));
        List<Integer> sixBit = new ArrayList<>();
        for (int layer = 0; layer < LAYERS; layer++) {
            GgufTensorType value = GgufQuantType.Q4_K_M.matrixType(ParameterRole.VALUE, layer, LAYERS, false, WIDE);
            assertEquals(value, GgufQuantType.Q4_K_M.matrixType(ParameterRole.DOWN, layer, LAYERS, false, WIDE));
            assertEquals(GgufTensorType.Q4_K, GgufQuantType.Q4_K_M.matrixType(ParameterRole.QUERY, layer, LAYERS,
                    false, WIDE));
            if (value == GgufTensorType.Q6_K) sixBit.add(layer);
        }
        // use_more_bits(i, 16): i < 2, i >= 14, or (i - 2) % 3 == 2
        assertEquals(List.of(0, 1, 4, 7, 10, 13, 14, 15), sixBit);
    }

    @Test
    void theFourBitTypesKeepTheOutputHeadAtSixBitsAndQ8_0KeepsItsOwn() {
        for (GgufQuantType type : List.of(GgufQuantType.Q4_0, GgufQuantType.Q4_K)) {
            assertEquals(GgufTensorType.Q6_K, type.matrixType(ParameterRole.TOKEN_EMBEDDING, -1, LAYERS, true, WIDE));
            assertEquals(type == GgufQuantType.Q4_0 ? GgufTensorType.Q4_0 : GgufTensorType.Q4_K,
                    type.matrixType(ParameterRole.VALUE, 0, LAYERS, false, WIDE));
        }
        assertEquals(GgufTensorType.Q8_0, GgufQuantType.Q8_0.matrixType(ParameterRole.LM_HEAD, -1, LAYERS, true,
                WIDE));
    }

    @Test
    void rowsThatDoNotFillTheBlocksFallBack() {
        assertEquals(GgufTensorType.Q8_0, GgufQuantType.Q4_0.matrixType(ParameterRole.LM_HEAD, -1, 4, true, 64));
        assertEquals(GgufTensorType.Q4_0, GgufQuantType.Q4_K.matrixType(ParameterRole.UP, 0, 4, false, 352));
        assertEquals(GgufTensorType.F16, GgufQuantType.Q4_K_M.matrixType(ParameterRole.DOWN, 0, 4, false, 172));
        assertEquals(GgufTensorType.F16, GgufQuantType.Q8_0.matrixType(ParameterRole.DOWN, 0, 4, false, 172));
    }
}
