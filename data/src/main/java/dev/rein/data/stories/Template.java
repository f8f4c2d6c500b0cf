package dev.rein.data.stories;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One sentence pattern of the grammar, written as the sentence with slots in braces:
 * {@code {Hero} said, "Give me your {thing} now!"}. A slot names a {@link Slot} and is written with a capital
 * first letter ({@code {He}}) where its word is capitalised. {@code {a}} is the article that agrees with the word
 * after it. Every element is one token of {@link SentenceText#tokens}, so matching a sentence is comparing token
 * lists element by element: exact, and in time linear in the sentence.
 */
final class Template {
    private static final Pattern ELEMENT = Pattern.compile("\\{(\\w+)}|\\p{L}+|[^\\p{L}\\s]");
    private static final Pattern SLOT = Pattern.compile("\\{\\w+}");

    /** One token of the pattern: a fixed word or mark, or a slot. */
    private record Element(String fixed, Slot slot, boolean capitalized, Set<String> accepted) {
        static Element fixed(String token) {
            return new Element(token, null, false, Set.of(token));
        }

        static Element slot(Slot slot, boolean capitalized) {
            Set<String> accepted = slot.words.stream().map(word -> capitalizeIf(capitalized, word))
                    .collect(Collectors.toUnmodifiableSet());
            return new Element(null, slot, capitalized, accepted);
        }

        boolean isArticle() {
            return slot == Slot.ARTICLE;
        }
    }

    private final String source;
    private final SentenceKind kind;
    private final List<Element> elements;

    private Template(String source, SentenceKind kind, List<Element> elements) {
        this.source = source;
        this.kind = kind;
        this.elements = elements;
    }

    /**
     * Parses a template.
     *
     * @throws IllegalArgumentException for a slot that {@link Slot} does not name, an article at the end, or
     *                                  text that does not lay out as {@link SentenceText#join} spaces it
     */
    static Template parse(SentenceKind kind, String source) {
        List<Element> elements = new ArrayList<>();
        Matcher matcher = ELEMENT.matcher(source);
        while (matcher.find()) {
            String key = matcher.group(1);
            if (key == null) {
                elements.add(Element.fixed(matcher.group()));
                continue;
            }
            Slot slot = Slot.byKey(key);
            if (slot == null) throw new IllegalArgumentException("unknown slot {" + key + "} in: " + source);
            elements.add(Element.slot(slot, Character.isUpperCase(key.charAt(0))));
        }
        if (elements.isEmpty() || elements.getLast().isArticle()) {
            throw new IllegalArgumentException("a template needs words and no article at its end: " + source);
        }
        String withWords = SLOT.matcher(source).replaceAll("x");
        if (!SentenceText.join(SentenceText.tokens(withWords)).equals(withWords)) {
            throw new IllegalArgumentException("not spaced as the corpus spaces text: " + source);
        }
        return new Template(source, kind, List.copyOf(elements));
    }

    /** The kind of sentence it writes. */
    SentenceKind kind() {
        return kind;
    }

    /** The number of tokens of its sentences. */
    int length() {
        return elements.size();
    }

    /** The tokens of a sentence, each slot filled by {@code words} (articles are chosen here, not asked for). */
    List<String> render(Function<Slot, String> words) {
        List<String> tokens = new ArrayList<>(elements.size());
        for (Element element : elements) {
            if (element.fixed != null) {
                tokens.add(element.fixed);
            } else {
                tokens.add(element.isArticle() ? null : capitalizeIf(element.capitalized, words.apply(element.slot)));
            }
        }
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i) == null) {
                tokens.set(i, article(elements.get(i), tokens.get(i + 1)));
            }
        }
        return tokens;
    }

    /** Whether the template writes exactly these tokens. */
    boolean matches(List<String> tokens) {
        return tokens.size() == elements.size() && matchesFrom(tokens);
    }

    /**
     * Whether these tokens are the start, and not the whole, of a sentence the template writes; the last token may
     * be the start of a word (text cut off in the middle of one).
     */
    boolean continues(List<String> tokens) {
        if (tokens.isEmpty() || tokens.size() >= elements.size()) return false;
        String last = tokens.getLast();
        return matchesFrom(tokens.subList(0, tokens.size() - 1))
                && elements.get(tokens.size() - 1).accepted.stream().anyMatch(word -> word.startsWith(last));
    }

    private boolean matchesFrom(List<String> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            Element element = elements.get(i);
            String token = tokens.get(i);
            if (!element.accepted.contains(token)) return false;
            if (element.isArticle() && i + 1 < tokens.size()
                    && !token.equals(article(element, tokens.get(i + 1)))) {
                return false;
            }
        }
        return true;
    }

    /** Every word and mark its sentences may contain, capitalised as they appear. */
    Stream<String> tokens() {
        return elements.stream().flatMap(element -> element.accepted.stream());
    }

    /** The article an article element writes before {@code next}. */
    private static String article(Element element, String next) {
        return capitalizeIf(element.capitalized, Slot.articleFor(next));
    }

    private static String capitalizeIf(boolean capitalized, String word) {
        return capitalized ? capitalize(word) : word;
    }

    private static String capitalize(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    @Override
    public String toString() {
        return source;
    }
}
