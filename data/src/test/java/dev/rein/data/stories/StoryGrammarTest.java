package dev.rein.data.stories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The templates: well formed, unambiguous about sentiment and politeness, and a child's vocabulary. */
class StoryGrammarTest {
    private static final SentenceKind OPENING = SentenceKind.of(Beat.OPENING, null, null);

    @Test
    void everyKindOfEveryBeatHasTemplatesEnoughForAStory() {
        for (Beat beat : Beat.values()) {
            for (Sentiment sentiment : Sentiment.values()) {
                for (Politeness politeness : Politeness.values()) {
                    int needed = switch (beat) {
                        case EVENT -> 3;
                        case DESCRIPTION -> 2;
                        default -> 1;
                    };
                    List<Template> templates = StoryGrammar.templates(SentenceKind.of(beat, sentiment, politeness));
                    assertTrue(templates.size() >= needed, beat + " " + sentiment + " " + politeness);
                }
            }
        }
    }

    @Test
    void everySentenceOfATemplateIsRecognisedAsItsOwnKindAndIsOneSentence() {
        Random random = new Random(3);
        for (Template template : StoryGrammar.all()) {
            for (int trial = 0; trial < 30; trial++) {
                List<String> tokens = template.render(slot -> Lexicon.pick(random, slot.words));
                String sentence = SentenceText.join(tokens);
                assertEquals(List.of(sentence), SentenceText.sentences(sentence), template.toString());
                Template match = StoryGrammar.match(tokens);
                assertEquals(template.kind(), match == null ? null : match.kind(), sentence);
            }
        }
    }

    @Test
    void everySlotIsUsedByATemplate() {
        Set<Slot> used = EnumSet.noneOf(Slot.class);
        for (Template template : StoryGrammar.all()) {
            for (Slot slot : Slot.values()) {
                if (template.toString().toLowerCase().contains("{" + slot.key.toLowerCase() + "}")) used.add(slot);
            }
        }
        assertEquals(EnumSet.allOf(Slot.class), used);
    }

    @Test
    void happyAndSadWordsAreApart() {
        Set<String> both = new HashSet<>(Lexicon.JOYS);
        both.retainAll(Lexicon.SORROWS);
        assertEquals(Set.of(), both);
    }

    @Test
    void theVocabularyIsAChildsAndThePunctuationABooks() {
        int words = StoryGrammar.words().size();
        assertTrue(words >= 300 && words <= 700, words + " words");
        assertEquals(Set.of(",", ".", "!\"", "\"", ",\"", ".\"", "?\""), StoryGrammar.punctuation());
    }

    @Test
    void theArticleAgreesWithTheNextWord() {
        Template template = Template.parse(OPENING, "There was {a} {heroKind}.");
        assertEquals(List.of("There", "was", "an", "owl", "."), template.render(slot -> "owl"));
        assertTrue(template.matches(SentenceText.tokens("There was a dog.")));
        assertFalse(template.matches(SentenceText.tokens("There was an dog.")));
        assertFalse(template.matches(SentenceText.tokens("There was a owl.")));
    }

    @Test
    void aCapitalisedSlotWritesAndAcceptsOnlyCapitalisedWords() {
        Template template = Template.parse(OPENING, "{He} ran.");
        assertEquals(List.of("She", "ran", "."), template.render(slot -> "she"));
        assertTrue(template.matches(List.of("He", "ran", ".")));
        assertFalse(template.matches(List.of("he", "ran", ".")));
    }

    @Test
    void aStartOfASentenceContinuesEvenInTheMiddleOfAWord() {
        Template template = Template.parse(OPENING, "One day, {Hero} went to the {place}.");
        assertTrue(template.continues(SentenceText.tokens("One day, Tom went to the pa")));
        assertTrue(template.continues(SentenceText.tokens("One day, Tom went to the park")));
        assertFalse(template.continues(SentenceText.tokens("One day, Tom went to the park.")));
        assertFalse(template.continues(SentenceText.tokens("One day, Tom ran")));
    }

    @Test
    void malformedTemplatesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Template.parse(OPENING, "{Dragon} flew."));
        assertThrows(IllegalArgumentException.class, () -> Template.parse(OPENING, "It was {a}"));
        assertThrows(IllegalArgumentException.class, () -> Template.parse(OPENING, "Tom said , \"Hi.\""));
    }
}
