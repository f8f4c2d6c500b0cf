package dev.rein.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.formats.io.AtomicFiles;
import dev.rein.steering.cie.CieRow;
import dev.rein.steering.cie.TaleRows;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rein cie rows}: CIE rows of known length from generated tales ({@link TaleRows}), for training and
 * evaluating length control on the embedded default model (or any model of tales): the rows its effect test uses.
 */
@Command(name = "rows", description = {"Write CIE rows of known length from generated tales as JSONL: each tale's "
        + "first sentence is the instruction, each continuation of 1 to all its other sentences an answer, its \\\\w+ "
        + "word count ans_len, so the same opening comes with several lengths.",
        "With --targets, a benchmark instead: the tales' openings, each at every target ({instruction, ans_len}). "
                + "The same arguments give the same file."})
final class CieRowsCommand implements Callable<Integer> {
    @Option(names = "--tales", required = true, paramLabel = "N", description = "How many tales.")
    private int tales;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "The first tale's seed; tales S .. S+N-1 (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--sentences", paramLabel = "K", defaultValue = "7",
            description = "Sentences per tale (default: ${DEFAULT-VALUE}).")
    private int sentences;

    @Option(names = "--exclude", paramLabel = "LO-HI",
            description = "Leave out the rows whose length is in LO..HI, to hold those values out of training.")
    private String exclude;

    @Option(names = "--targets", paramLabel = "N,N,...", split = ",",
            description = "Write a benchmark: every opening at each of these lengths.")
    private List<Integer> targets;

    @Option(names = "--out", required = true, paramLabel = "FILE.jsonl", description = "The file to write.")
    private Path out;

    @Override
    public Integer call() throws IOException {
        if (tales < 1 || sentences < 2) {
            throw new UserError("--tales must be at least 1 and --sentences at least 2");
        }
        if (targets != null && (exclude != null || targets.stream().anyMatch(t -> t < 0))) {
            throw new UserError("--targets takes lengths >= 0, and no --exclude (a benchmark has no answers)");
        }
        OutputFile.requireFolder("--out", out);
        if (Files.isDirectory(out)) {
            throw new UserError("--out " + out + ": is a folder, not a file");
        }
        List<String> lines = targets == null ? training() : benchmark();
        AtomicFiles.write(out, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        System.out.printf(Locale.ROOT, "wrote %s: %d rows from tales %d..%d%n", out, lines.size(), seed,
                seed + tales - 1);
        return 0;
    }

    private List<String> training() {
        LengthBand band = exclude == null ? null : LengthBand.parse("--exclude", exclude);
        List<String> lines = new ArrayList<>();
        for (CieRow row : TaleRows.continuations(seed, tales, sentences)) {
            if (band == null || !band.contains(row.length())) {
                lines.add(object(row.instruction(), row.length()).put("answer", row.answer()).toString());
            }
        }
        return lines;
    }

    private List<String> benchmark() {
        List<String> lines = new ArrayList<>();
        for (String opening : TaleRows.openings(seed, tales, sentences)) {
            for (int target : targets) {
                lines.add(object(opening, target).toString());
            }
        }
        return lines;
    }

    private static ObjectNode object(String instruction, int length) {
        return JsonNodeFactory.instance.objectNode().put("instruction", instruction).put("ans_len", length);
    }
}
