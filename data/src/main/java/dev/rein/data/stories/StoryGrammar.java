package dev.rein.data.stories;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The grammar of the tales: every {@link StoryTemplates template}, parsed, found by kind (to write sentences)
 * and by length (to recognise them), and the words and punctuation its sentences can contain.
 */
final class StoryGrammar {
    private static final Pattern LETTERS = Pattern.compile("\\p{L}+");
    private static final Pattern PUNCTUATION_RUN = Pattern.compile("[^\\p{L}\\s]+");

    private static final Map<SentenceKind, List<Template>> BY_KIND = parse();
    private static final List<Template> ALL = BY_KIND.values().stream().flatMap(List::stream).toList();
    private static final Map<Integer, List<Template>> BY_LENGTH = byLength();

    private StoryGrammar() {
    }

    /** The templates that write sentences of {@code kind}. */
    static List<Template> templates(SentenceKind kind) {
        return BY_KIND.getOrDefault(kind, List.of());
    }

    /** Every template. */
    static List<Template> all() {
        return ALL;
    }

    /** The first template that writes exactly these tokens, or null when the grammar cannot write them. */
    static Template match(List<String> tokens) {
        for (Template template : BY_LENGTH.getOrDefault(tokens.size(), List.of())) {
            if (template.matches(tokens)) return template;
        }
        return null;
    }

    /** Whether these tokens begin, and do not end, a sentence the grammar can write. */
    static boolean canContinue(List<String> tokens) {
        for (Template template : ALL) {
            if (template.continues(tokens)) return true;
        }
        return false;
    }

    /** Every word of its sentences, capitalised as it appears there. */
    static SortedSet<String> words() {
        SortedSet<String> words = new TreeSet<>();
        ALL.stream().flatMap(Template::tokens).filter(token -> LETTERS.matcher(token).matches()).forEach(words::add);
        return Collections.unmodifiableSortedSet(words);
    }

    /**
     * Every run of punctuation between words or spaces in its sentences, such as {@code ,} {@code ."} or
     * {@code ?"}: the pieces a GPT-2 style pre-tokenizer cuts punctuation into.
     */
    static SortedSet<String> punctuation() {
        SortedSet<String> runs = new TreeSet<>();
        for (Template template : ALL) {
            String sentence = SentenceText.join(template.render(slot -> slot.words.getFirst()));
            Matcher matcher = PUNCTUATION_RUN.matcher(sentence);
            while (matcher.find()) runs.add(matcher.group());
        }
        return Collections.unmodifiableSortedSet(runs);
    }

    private static Map<SentenceKind, List<Template>> parse() {
        Map<SentenceKind, List<Template>> byKind = new LinkedHashMap<>();
        StoryTemplates.SOURCES.forEach((kind, sources) ->
                byKind.put(kind, sources.stream().map(source -> Template.parse(kind, source)).toList()));
        return Collections.unmodifiableMap(byKind);
    }

    private static Map<Integer, List<Template>> byLength() {
        Map<Integer, List<Template>> byLength = new LinkedHashMap<>();
        for (Template template : ALL) {
            byLength.computeIfAbsent(template.length(), length -> new ArrayList<>()).add(template);
        }
        return Collections.unmodifiableMap(byLength);
    }
}
