package dev.rein.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.data.stories.Politeness;
import dev.rein.data.stories.Story;
import dev.rein.data.stories.StoryGenerator;
import dev.rein.steering.ctrl.ControlToken;
import dev.rein.steering.ctrl.LabelledRows;
import dev.rein.steering.ctrl.LabelledSentence;
import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rein ctrl label}: files of sentences or documents, and the story grammar, to labelled files. */
class CtrlLabelCommandTest {
    private static final String VADER = SharedData.path("data/vader").toString();

    @TempDir
    Path folder;

    /** 400 documents of a happy and a sad sentence, each toxic (score 0.5) in every other document. */
    private Path documents() throws IOException {
        String rows = IntStream.range(0, 400).mapToObj(i -> "{\"texts\": [\"Document " + i + " says what a lovely, "
                + "happy and wonderful day it is.\", \"Document " + i + " says the dog died and we are all very sad "
                + "now.\"], \"scores\": [" + (i % 2 == 0 ? "0.0001" : "0.5") + ", " + (i % 4 < 2 ? "0.5" : "0.0002")
                + "]}").collect(Collectors.joining("\n"));
        return Files.writeString(folder.resolve("docs.jsonl"), rows + "\n");
    }

    @Test
    void documentsAreLabelledByTheirScoresAndVader() throws IOException {
        Path out = folder.resolve("labelled.jsonl");
        CliRun run = CliRun.of("ctrl", "label", "--in", documents().toString(), "--text-field", "texts",
                "--score-field", "scores", "--vader", VADER, "--out", out.toString(), "--val-fraction", "0.1",
                "--val-size", "8");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("800 sentences read, 800 with at least 10 words"), run.out());
        assertTrue(run.out().contains("training: 720 rows"), run.out());
        assertTrue(run.out().contains("validation: 8 balanced rows of the 80 split off"), run.out());
        List<LabelledSentence> train = LabelledRows.read(out);
        LabelledSentence first = train.stream().filter(row -> row.text().startsWith("Document 0 says what")).findFirst()
                .orElseThrow();
        assertEquals("Document 0 says what a lovely happy and wonderful day it is.", first.text(), "cleaned");
        assertEquals(ControlToken.NONTOXIC, first.toxicity());
        assertEquals(ControlToken.POS, first.sentiment());
        assertEquals(7, train.stream().filter(row -> row.controls() == LabelledSentence.Controls.STRIPPED).count());
        List<LabelledSentence> validation = LabelledRows.read(folder.resolve("labelled.val.jsonl"));
        assertEquals(List.of(ControlToken.NONTOXIC, ControlToken.NONTOXIC, ControlToken.NONTOXIC,
                ControlToken.NONTOXIC, ControlToken.TOXIC, ControlToken.TOXIC, ControlToken.TOXIC, ControlToken.TOXIC),
                validation.stream().map(LabelledSentence::toxicity).toList());

        String firstRun = Files.readString(out);
        assertEquals(0, CliRun.of("ctrl", "label", "--in", documents().toString(), "--text-field", "texts",
                "--score-field", "scores", "--vader", VADER, "--out", out.toString(), "--val-fraction", "0.1",
                "--val-size", "8").exitCode());
        assertEquals(firstRun, Files.readString(out), "the same seed gives the same file");
    }

    @Test
    void storySentencesAreLabelledByTheGrammar() throws IOException {
        Path out = folder.resolve("stories.jsonl");
        CliRun run = CliRun.of("ctrl", "label", "--stories", "300", "--unit", "sentence", "--seed", "3",
                "--min-words", "3", "--val-fraction", "0.1", "--val-size", "8", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<LabelledSentence> train = LabelledRows.read(out);
        assertTrue(train.stream().anyMatch(row -> row.toxicity() == ControlToken.TOXIC
                && row.text().contains("!")), "rude requests are toxic");
        assertTrue(train.stream().anyMatch(row -> row.text().contains(",")), "tales are not cleaned");
    }

    @Test
    void talesAreRowsAndTheirOpeningsArePrompts() throws IOException {
        Path out = folder.resolve("tales.jsonl");
        CliRun run = CliRun.of("ctrl", "label", "--stories", "400", "--seed", "3", "--val-fraction", "0.2",
                "--val-size", "16", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("the grammar's checker reads the politeness and ending of 400 of the 400 "
                + "tales as written"), run.out());
        assertTrue(run.out().contains("400 tales read"), run.out());
        List<LabelledSentence> train = LabelledRows.read(out);
        List<Story> stories = StoryGenerator.stories(3, 0, 400);
        Story first = stories.stream().filter(story -> story.text().equals(train.getFirst().text())).findFirst()
                .orElseThrow();
        assertEquals(first.politeness() == Politeness.RUDE ? ControlToken.TOXIC : ControlToken.NONTOXIC,
                train.getFirst().toxicity());
        List<LabelledSentence> validation = LabelledRows.read(folder.resolve("tales.val.jsonl"));
        assertEquals(16, validation.size());
        for (LabelledSentence prompt : validation) {
            assertTrue(stories.stream().anyMatch(story -> story.text().startsWith(prompt.text() + " ")),
                    "an opening sentence: " + prompt.text());
        }
    }

    @Test
    void mistakesAreOneLineErrors() throws IOException {
        Path out = folder.resolve("out.jsonl");
        CliRun none = CliRun.of("ctrl", "label", "--out", out.toString());
        assertEquals(1, none.exitCode());
        assertEquals("rein: error: give --in FILE.jsonl or --stories N (one of them)\n", none.err());

        Path sentences = Files.writeString(folder.resolve("s.jsonl"), "{\"text\": \"one two\"}\n{\"body\": \"x\"}\n");
        CliRun missing = CliRun.of("ctrl", "label", "--in", sentences.toString(), "--score-field", "score",
                "--vader", VADER, "--out", out.toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().matches("rein: error: .*s\\.jsonl: line 1: \"score\" missing; .*\n"), missing.err());
        assertEquals(1, missing.err().lines().count());

        CliRun both = CliRun.of("ctrl", "label", "--stories", "10", "--score-field", "score", "--out",
                out.toString());
        assertEquals(1, both.exitCode());
        assertTrue(both.err().contains("--stories labels by the story grammar"), both.err());

        CliRun unit = CliRun.of("ctrl", "label", "--stories", "10", "--unit", "chapter", "--out", out.toString());
        assertEquals("rein: error: --unit: unknown unit \"chapter\"; expected tale or sentence\n", unit.err());
        CliRun fileUnit = CliRun.of("ctrl", "label", "--in", sentences.toString(), "--unit", "tale", "--out",
                out.toString());
        assertEquals("rein: error: --unit is for --stories; the rows of --in are sentences\n", fileUnit.err());

        CliRun split = CliRun.of("ctrl", "label", "--in", sentences.toString(), "--split", "paragraphs", "--out",
                out.toString());
        assertEquals(1, split.exitCode());
        assertEquals("rein: error: --split: unknown split \"paragraphs\"; expected one of none, sentences\n",
                split.err());
        CliRun scoredDocuments = CliRun.of("ctrl", "label", "--in", sentences.toString(), "--split", "sentences",
                "--score-field", "score", "--out", out.toString());
        assertEquals(1, scoredDocuments.exitCode());
        assertTrue(scoredDocuments.err().startsWith("rein: error: --split sentences cuts each text into sentences, "
                + "which --score-field cannot score"), scoredDocuments.err());
        CliRun storySplit = CliRun.of("ctrl", "label", "--stories", "10", "--split", "sentences", "--out",
                out.toString());
        assertEquals("rein: error: --split is for --in; --unit says what a row of --stories is\n", storySplit.err());

        CliRun ties = CliRun.of("ctrl", "label", "--stories", "10", "--sentiment-ties", "maybe", "--out",
                out.toString());
        assertEquals(2, ties.exitCode(), "a usage error");

        CliRun small = CliRun.of("ctrl", "label", "--stories", "20", "--unit", "sentence", "--min-words", "3",
                "--out", out.toString());
        assertEquals(1, small.exitCode());
        assertTrue(small.err().contains("needs 250 of each pair"), small.err());
        assertFalse(Files.exists(out), "nothing is written when labelling fails");
    }
}
