package dev.rein.training.adapters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** LoraConfig's validation, scaling and PEFT-style module matching. */
class LoraConfigTest {

    @Test
    void badSettingsAreClearErrors() {
        assertMessage("rank must be at least 1", () -> LoraConfig.of(0, 8, "q_proj"));
        assertMessage("alpha must be a positive finite number", () -> LoraConfig.of(4, 0, "q_proj"));
        assertMessage("alpha must be a positive finite number", () -> LoraConfig.of(4, Double.NaN, "q_proj"));
        assertMessage("dropout must be in [0, 1)", () -> LoraConfig.of(4, 8, "q_proj").withDropout(1));
        assertMessage("target modules must be non-empty names", () -> LoraConfig.of(4, 8));
        assertMessage("target modules must be non-empty names", () -> LoraConfig.of(4, 8, " "));
        assertMessage("distinct non-negative", () -> LoraConfig.of(4, 8, "q_proj").withLayers(-1));
        assertMessage("distinct non-negative", () -> LoraConfig.of(4, 8, "q_proj").withLayers(2, 2));
    }

    @Test
    void scalingIsAlphaOverRankOrOverItsRootWithRsLora() {
        assertEquals(2.0, LoraConfig.of(8, 16, "q_proj").scaling());
        assertEquals(16 / Math.sqrt(8), new LoraConfig(8, 16, 0, List.of("q_proj"), List.of(), true).scaling());
    }

    @Test
    void modulesMatchByNameOrDottedSuffixAsInPeft() {
        LoraConfig config = LoraConfig.of(4, 8, "q_proj", "mlp.c_proj").withLayers(3, 1);
        assertEquals(List.of(1, 3), config.layers());
        assertTrue(config.targets("model.layers.1.self_attn.q_proj", 1));
        assertFalse(config.targets("model.layers.2.self_attn.q_proj", 2), "layer 2 is not listed");
        assertFalse(config.targets("model.layers.1.self_attn.xq_proj", 1), "a suffix must start at a dot");
        assertTrue(config.targets("transformer.h.3.mlp.c_proj", 3));
        assertFalse(config.targets("transformer.h.3.attn.c_proj", 3));
        assertEquals(LoraConfig.of(4, 8, "v_proj", "q_proj", "q_proj"), LoraConfig.of(4, 8, "q_proj", "v_proj"));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable make) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
