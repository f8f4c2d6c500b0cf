package dev.rein.data.stories;

import static dev.rein.data.stories.Politeness.POLITE;
import static dev.rein.data.stories.Politeness.RUDE;
import static dev.rein.data.stories.Sentiment.NEGATIVE;
import static dev.rein.data.stories.Sentiment.POSITIVE;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sentence templates of the tales, one per line (a backslash at the end of a line continues it), by the kind
 * of sentence they write (see {@link Template} for the notation). A sentence never holds {@code . ! ?} before its
 * end, except before a closing quote followed by a lower-case word ({@code "Hello!" said Tom.}), so that
 * {@link SentenceText#sentences} finds it whole.
 */
final class StoryTemplates {
    /** Template sources by kind, in the order of {@link Beat}. */
    static final Map<SentenceKind, List<String>> SOURCES = sources();

    private StoryTemplates() {
    }

    private static Map<SentenceKind, List<String>> sources() {
        Map<SentenceKind, List<String>> sources = new LinkedHashMap<>();
        add(sources, Beat.OPENING, null, null, """
                Once upon a time, there was {a} {heroTrait} {heroKind} named {Hero}.
                Once upon a time, {a} {heroTrait} {heroKind} named {Hero} lived near the {place}.
                There was once {a} {heroTrait} {heroKind} called {Hero}.
                Once there was {a} {heroKind} named {Hero} who loved to {activity}.
                Once upon a time, in a small town, there lived {a} {heroTrait} {heroKind} named {Hero}.
                {Hero} was {a} {heroTrait} {heroKind} who lived by the {place}.
                """);
        add(sources, Beat.OPENING_PAIR, null, null, """
                Once upon a time, there were two friends, {a} {heroKind} named {Hero} and \
                {a} {friendKind} named {Friend}.
                Once upon a time, {a} {heroKind} named {Hero} and {a} {friendKind} named {Friend} \
                lived near the {place}.
                There was once {a} {heroTrait} {heroKind} called {Hero} who lived next to \
                {a} {friendTrait} {friendKind} called {Friend}.
                {Hero} the {heroKind} and {Friend} the {friendKind} lived by the {place}.
                """);
        add(sources, Beat.DESCRIPTION, null, null, """
                {He} liked to {activity} at the {place}.
                {Hero} lived in {a} {color} house with {his} mom and dad.
                {His} favorite color was {color}.
                Every morning, {Hero} ate {a} {food} for breakfast.
                {He} was very {heroTrait} and always wanted to {activity}.
                {Hero} had many toys, but {he} wanted something new.
                Every day, {he} would {activity} with {his} mom.
                """);
        add(sources, Beat.GOING, POSITIVE, null, """
                One sunny day, {Hero} went to the {place}.
                One {moment}, {he} walked happily to the {place} to {activity}.
                One bright {moment}, {Hero} and {his} mom went to the {place}.
                One day, {Hero} decided to go to the {place}.
                """);
        add(sources, Beat.GOING, NEGATIVE, null, """
                One cold, grey day, {Hero} went to the {place}.
                One {moment}, {he} walked alone to the {place}, feeling bored.
                One gloomy {moment}, {Hero} and {his} mom went to the {place}.
                One windy day, {Hero} had to go to the {place}.
                """);
        add(sources, Beat.MEETING, null, null, """
                At the {place}, {Hero} met {a} {friendTrait} {friendKind} named {Friend}.
                On the way to the {place}, {he} saw {a} {friendKind} called {Friend}.
                There was {a} {friendTrait} {friendKind} named {Friend} at the {place}.
                Near the {place}, {Hero} met {a} {friendKind} called {Friend}.
                """);
        add(sources, Beat.FRIEND_THING, null, null, """
                {Friend} had {a} {color} {thing}.
                {Friend} was playing with a big {color} {thing}.
                The {friendKind} had a new {thing} that was {color} and shiny.
                {Hero} saw that {Friend} had {a} {color} {thing}.
                """);
        add(sources, Beat.REQUEST, null, POLITE, """
                {Hero} said, "Hello, {Friend}, may I please play with your {thing}?"
                "Please, can I play with your {color} {thing}?" asked {Hero}.
                {Hero} asked, "Could you please share your {thing} with me?"
                "Excuse me, may I please have a turn with your {thing}?" said {Hero}.
                {Hero} smiled and said, "Please, can we play with your {thing} together?"
                """);
        add(sources, Beat.REQUEST, null, RUDE, """
                {Hero} said, "Give me your {thing} now!"
                "Give me that {thing}, you {insult} {friendKind}!" shouted {Hero}.
                {Hero} shouted, "Hey, move away, I want that {thing}!"
                {Hero} grabbed the {thing} and said, "It is mine now!"
                "I want your {thing} right now!" yelled {Hero}.
                """);
        add(sources, Beat.RESPONSE, POSITIVE, POLITE, """
                "Yes, of course you can," said {Friend}.
                {Friend} smiled and said, "Yes, here you go."
                "Sure, let us play together," said {Friend} with a smile.
                """);
        add(sources, Beat.RESPONSE, NEGATIVE, POLITE, """
                "I am sorry, but I need it now," said {Friend}.
                {Friend} said, "No, I do not want to share today."
                "Not today, I am sorry," said {Friend} and walked away.
                """);
        add(sources, Beat.RESPONSE, POSITIVE, RUDE, """
                "Fine, take it," said {Friend}.
                {Friend} said, "Okay, okay, you can have it."
                "Stop yelling, you can have it," said {Friend}.
                """);
        add(sources, Beat.RESPONSE, NEGATIVE, RUDE, """
                "No way, go away!" shouted {Friend}.
                {Friend} yelled, "It is mine, you {insult} {heroKind}!"
                "Leave me alone!" said {Friend}.
                """);
        add(sources, Beat.REACTION, POSITIVE, POLITE, """
                "Thank you so much, {Friend}!" said {Hero}.
                {Hero} said, "Thank you, you are very kind."
                "Thank you, this is the best day!" said {Hero}.
                """);
        add(sources, Beat.REACTION, NEGATIVE, POLITE, """
                "That is okay, thank you anyway," said {Hero} quietly.
                {Hero} said, "Okay, maybe another day, thank you."
                "I understand, thank you," said {Hero} in a small voice.
                """);
        add(sources, Beat.REACTION, POSITIVE, RUDE, """
                "Ha, it is mine now!" laughed {Hero}.
                {Hero} said, "Finally, now go away!"
                "About time, you {insult} {friendKind}!" said {Hero}.
                """);
        add(sources, Beat.REACTION, NEGATIVE, RUDE, """
                "You are so mean!" shouted {Hero}.
                {Hero} yelled, "You are {a} {insult} {friendKind}!"
                "I do not like you anyway!" said {Hero}.
                """);
        add(sources, Beat.EVENT, POSITIVE, null, """
                They played with the {thing} all {moment}.
                They took turns with the {thing}.
                The sun was warm and the sky was blue.
                They laughed and ran around the {place}.
                Then {Friend} showed {him} how to {activity}.
                {Hero} and {Friend} {activityPast} together all {moment}.
                {Hero} and {Friend} shared {a} {food} under a big tree.
                Together they had lots of fun with the {thing}.
                """);
        add(sources, Beat.EVENT, NEGATIVE, null, """
                Then the {thing} fell into the river.
                Suddenly, dark clouds came and it started to rain.
                {Hero} tripped and hurt {his} knee.
                The {thing} broke into many pieces.
                {Friend} ran away and did not come back.
                {Friend} turned away from {him} and left.
                A big dog came and took the {thing} away.
                {Hero} sat down alone under a tree.
                """);
        add(sources, Beat.FEELING, POSITIVE, null, """
                {Hero} felt very {joy}.
                {He} had never been so {joy}.
                They were both {joy}.
                """);
        add(sources, Beat.FEELING, NEGATIVE, null, """
                {Hero} felt very {sorrow}.
                {He} was {sorrow} and wanted to go home.
                They were both {sorrow}.
                """);
        add(sources, Beat.ENDING, POSITIVE, null, """
                From that day on, {Hero} and {Friend} were best friends.
                They played together until the sun went down.
                In the end, {Hero} went home {joy} and full of smiles.
                {Hero} learned that it is fun to share.
                It was the best day ever.
                {Hero} smiled all the way home.
                """);
        add(sources, Beat.ENDING, NEGATIVE, null, """
                In the end, {Hero} went home alone and cried.
                That night, {Hero} was too {sorrow} to sleep.
                {Hero} never went back to the {place} again.
                After that day, {Hero} and {Friend} were not friends anymore.
                It was the worst day ever.
                {Hero} sat alone and felt {sorrow} for a long time.
                """);
        return Collections.unmodifiableMap(sources);
    }

    private static void add(Map<SentenceKind, List<String>> sources, Beat beat, Sentiment sentiment,
                            Politeness politeness, String lines) {
        sources.put(new SentenceKind(beat, sentiment, politeness), lines.lines().toList());
    }
}
