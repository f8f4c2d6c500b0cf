package dev.rein.models.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.formats.config.ModelConfig;
import dev.rein.models.hooks.HookPoint.Kind;
import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link HookPoint} and {@link ModelHookPoints}: names, parsing, the per-model table. */
class HookPointTest {

    @Test
    void namesReadBackAsTheSamePoint() {
        for (Kind kind : Kind.values()) {
            HookPoint point = HookPoint.of(kind, kind.perBlock() ? 6 : -1);
            assertEquals(point, HookPoint.parse(point.name()));
        }
        assertEquals(new HookPoint("blocks.6.hook_resid_post", 6, Kind.RESID_POST),
                HookPoint.parse("blocks.6.hook_resid_post"));
        assertEquals(2, HookPoint.parse("blocks.0.attn.hook_z").positionAxis());
        assertEquals(1, HookPoint.parse("hook_embed").positionAxis());
    }

    @Test
    void aNameThatIsNoPointIsRefusedWithTheFormsThatAre() {
        for (String wrong : List.of("blocks.x.hook_resid_post", "blocks.3.hook_resid", "hook_resid_post", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HookPoint.parse(wrong));
            assertTrue(e.getMessage().contains("blocks.{i}.hook_resid_post"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new HookPoint("hook_embed", 2, Kind.EMBED));
        assertThrows(IllegalArgumentException.class, () -> new HookPoint("x", -1, Kind.RESID_PRE));
    }

    @Test
    void aRotaryModelHasRotatedPointsAndNoPositionEmbedding() throws IOException {
        ModelConfig config = ModelConfig.readFolder(SharedData.path("models/stories260K"));
        ModelHookPoints points = ModelHookPoints.of(config);
        int layers = config.numLayers();
        assertEquals(1 + layers * 12 + 2, points.all().size());            // embed, 12 per block, final, logits
        assertEquals("hook_embed", points.names().getFirst());
        assertEquals(List.of("ln_final.hook_normalized", "logits"), points.names().subList(points.names().size() - 2,
                points.names().size()));
        assertEquals(List.of("blocks.0.hook_resid_pre", "blocks.0.attn.hook_q", "blocks.0.attn.hook_k",
                "blocks.0.attn.hook_v", "blocks.0.attn.hook_rot_q", "blocks.0.attn.hook_rot_k",
                "blocks.0.attn.hook_pattern", "blocks.0.attn.hook_z", "blocks.0.hook_attn_out",
                "blocks.0.hook_resid_mid", "blocks.0.hook_mlp_out", "blocks.0.hook_resid_post"),
                points.names().subList(1, 13));
        assertSame(points.at(Kind.RESID_POST, 2), points.at(Kind.RESID_POST, 2));    // built once
        assertEquals(HookPoints.residPost(2), points.at(Kind.RESID_POST, 2).name());
        assertThrows(IllegalArgumentException.class, () -> points.at(Kind.POS_EMBED, -1));
        assertThrows(IllegalArgumentException.class, () -> points.at(Kind.RESID_POST, layers));
    }

    @Test
    void aModelWithLearnedPositionsHasAPositionEmbeddingAndNoRotatedPoints() throws IOException {
        ModelConfig config = ModelConfig.readFolder(SharedData.path("models/gpt2-capp-tiny"));
        ModelHookPoints points = ModelHookPoints.of(config);
        assertEquals(List.of("hook_embed", "hook_pos_embed", "blocks.0.hook_resid_pre"), points.names().subList(0, 3));
        assertTrue(points.names().stream().noneMatch(name -> name.contains("hook_rot_")));
        assertEquals(2 + config.numLayers() * 10 + 2, points.all().size());
    }
}
