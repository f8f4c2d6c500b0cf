package dev.rein.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.rein.data.stories.Story;
import dev.rein.data.stories.StoryGenerator;
import dev.rein.data.stories.WordCount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Small CIE data files for the command tests: training rows from 8 tales of the default model's story corpus
 * (opening sentence to the rest of the tale, its word count the length) and a benchmark of 4 of their openings at
 * targets 10, 30, 70 and 90.
 */
final class CieTestRows {
    private CieTestRows() {
    }

    /** Writes {@code train.jsonl} into {@code folder} and returns it. */
    static Path training(Path folder) throws IOException {
        List<String> lines = new ArrayList<>();
        for (long seed = 0; seed < 8; seed++) {
            String rest = rest(seed);
            lines.add(JsonNodeFactory.instance.objectNode().put("instruction", opening(seed)).put("answer", rest)
                    .put("ans_len", WordCount.of(rest)).toString());
        }
        return Files.write(folder.resolve("train.jsonl"), lines);
    }

    /** Writes {@code validation.jsonl} into {@code folder} and returns it. */
    static Path benchmark(Path folder) throws IOException {
        return Files.write(folder.resolve("validation.jsonl"), List.of(row(opening(0), 10), row(opening(1), 30),
                row(opening(2), 70), row(opening(3), 90)));
    }

    /** A benchmark row {instruction, ans_len}. */
    static String row(String instruction, int length) {
        return JsonNodeFactory.instance.objectNode().put("instruction", instruction).put("ans_len", length)
                .toString();
    }

    private static String opening(long seed) {
        String text = StoryGenerator.story(seed).text();
        return text.substring(0, text.indexOf(". ") + 1);
    }

    private static String rest(long seed) {
        String text = StoryGenerator.story(seed).text();
        return text.substring(text.indexOf(". ") + 2);
    }
}
