package dev.rein.steering.cie;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rein.autograd.Variable;
import dev.rein.data.lm.LmExample;
import dev.rein.data.lm.RowOrder;
import dev.rein.formats.FormatException;
import dev.rein.models.hooks.HookContext;
import dev.rein.models.hooks.HookPoint;
import dev.rein.models.hooks.HookPoints;
import dev.rein.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saved tables round-trip and refuse another model; training batches place their own rows' controls. */
class CieFilesTest {
    @TempDir
    Path folder;

    @Test
    void tablesRoundTripAndRefuseAnotherHiddenSize() throws Exception {
        ControlSignal tone = new ControlSignal("tone", "<tone>", -1, 1);
        List<ControlTable> tables = List.of(ControlTable.initialized(ControlSignal.length(), 8, 1),
                ControlTable.initialized(tone, 8, 2));
        ControlTableFiles.save(folder, new ControlTableFiles.Saved(LengthMethod.CIE, TemplateKind.CHAT, tables,
                "stories260K"), 8);
        ControlTableFiles.Saved loaded = ControlTableFiles.load(folder, 8);
        assertEquals("stories260K", loaded.baseModel());
        assertEquals(LengthMethod.CIE, loaded.method());
        assertEquals(TemplateKind.CHAT, loaded.template());
        for (int i = 0; i < tables.size(); i++) {
            assertEquals(tables.get(i).signal(), loaded.tables().get(i).signal());
            assertArrayEquals(tables.get(i).table().value().toFloatArray(),
                    loaded.tables().get(i).table().value().toFloatArray());
        }
        FormatException other = assertThrows(FormatException.class, () -> ControlTableFiles.load(folder, 16));
        assertEquals(folder.resolve(ControlTableFiles.CONFIG_FILE), other.file());
        assertEquals("hidden_size", other.field());
    }

    @Test
    void theMethodIsRecordedWithItsSignalsAndTablelessBaselinesHaveNone() throws Exception {
        LengthBuckets buckets = new LengthBuckets(30, 70);
        List<ControlTable> tables = ControlTableInit.PAPER.tables(buckets.signals(),
                Variable.constant(Tensor.zeros(5, 4)), 1);
        ControlTableFiles.save(folder, new ControlTableFiles.Saved(LengthMethod.BUCKETS, TemplateKind.PLAIN, tables,
                "m"), 4);
        ControlTableFiles.Saved loaded = ControlTableFiles.load(folder, 4);
        assertEquals(LengthMethod.BUCKETS, loaded.method());
        assertEquals(buckets.signals(), loaded.tables().stream().map(ControlTable::signal).toList());
        assertEquals(30, LengthBuckets.matching(buckets.signals()).width());
        Path prompt = folder.resolve("prompt");
        ControlTableFiles.Saved inPrompt = new ControlTableFiles.Saved(LengthMethod.PROMPT, TemplateKind.QWEN,
                List.of(), "m");
        ControlTableFiles.save(prompt, inPrompt, 4);
        assertEquals(inPrompt, ControlTableFiles.load(prompt, 4));
        assertThrows(IllegalArgumentException.class, () -> ControlTableFiles.save(folder.resolve("x"),
                new ControlTableFiles.Saved(LengthMethod.PROMPT, TemplateKind.PLAIN, tables, "m"), 4));
        Path config = folder.resolve(ControlTableFiles.CONFIG_FILE);
        Files.writeString(config, Files.readString(config).replace("\"buckets\"", "\"cie2\""));
        FormatException unknown = assertThrows(FormatException.class, () -> ControlTableFiles.load(folder, 4));
        assertEquals("method", unknown.field());
        Files.writeString(config, Files.readString(config).replace("\"cie2\"", "\"prompt\""));
        FormatException signals = assertThrows(FormatException.class, () -> ControlTableFiles.load(folder, 4));
        assertEquals("signals", signals.field());
    }

    @Test
    void bucketSignalsOfAnotherShapeAreNotBuckets() {
        List<ControlSignal> signals = new LengthBuckets(20, 60).signals();
        assertThrows(IllegalArgumentException.class, () -> LengthBuckets.matching(signals.subList(1, 3)));
        assertThrows(IllegalArgumentException.class, () -> LengthBuckets.matching(List.of(ControlSignal.length())));
        assertThrows(IllegalArgumentException.class, () -> LengthBuckets.matching(List.of()));
    }

    @Test
    void batchesPlaceTheControlsOfTheRowsTheyHandOut() {
        ControlTable table = ControlTable.initialized(ControlSignal.length(), 2, 3);
        ControlInjection injection = new ControlInjection(List.of(table));
        List<ControlledExample> examples = List.of(
                example(new int[] {5, 0, 6}, 1, 10), example(new int[] {7, 8, 0, 9}, 2, 200),
                example(new int[] {4, 0}, 1, 1));
        ControlledBatches batches = new ControlledBatches(examples, 2, 0, RowOrder.shuffled(7), injection);
        int[] order = RowOrder.shuffled(7).of(3, 0);
        batches.next();                                                   // rows order[0], order[1], right-padded
        Tensor out = injection.apply(Variable.constant(Tensor.zeros(2, 4, 2)),
                new HookContext(HookPoint.parse(HookPoints.EMBED), 0)).value();
        for (int row = 0; row < 2; row++) {
            ControlPlacement control = examples.get(order[row]).controls().getFirst();
            double c = ControlSignal.length().weight(control.value());
            float expected = (float) (c * table.table().value().getFloat(0, 0)
                    + (1 - c) * table.table().value().getFloat(1, 0));
            assertEquals(expected, out.getFloat(row, control.position(), 0), 1e-6, "row " + row);
        }
    }

    private static ControlledExample example(int[] ids, int placeholder, double value) {
        return new ControlledExample(LmExample.plain(ids),
                List.of(new ControlPlacement(0, placeholder, "length", value)));
    }
}
