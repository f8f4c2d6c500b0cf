package dev.rein.text.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How values print and how none differs from undefined; each expected text is what Python's Jinja2 renders
 * (values print as Python's {@code str()}, containers with the {@code repr()} of their items).
 */
class Jinja2ValuesTest {
    private static final List<ChatMessage> MESSAGES = List.of(
            ChatMessage.user("Hi"), ChatMessage.assistant("Yo").withField("reasoning", null));

    private static String render(String template) {
        return ChatTemplate.of(template, "<s>", "</s>").render(MESSAGES, ChatRenderOptions.forReply());
    }

    @Test
    void scalarsPrintAsPythonStr() {
        assertEquals("True|False|None|1.0|2|1.5|2.5|2.0|3|0.30000000000000004|1e-07|1e+16",
                render("{{ true }}|{{ false }}|{{ none }}|{{ 1.0 }}|{{ 2 }}|{{ 1.5 }}|{{ 10 / 4 }}|{{ 4 / 2 }}|"
                        + "{{ 7 // 2 }}|{{ 0.1 + 0.2 }}|{{ 0.0000001 }}|{{ 10000000000000000.0 }}"));
    }

    @Test
    void containersPrintAsPythonRepr() {
        assertEquals("[{'role': 'user', 'content': 'Hi'}, {'role': 'assistant', 'content': 'Yo', 'reasoning': None}]",
                render("{{ messages }}"));
        // Double quotes when the text holds a single quote and no double quote; escapes as Python writes them.
        assertEquals("['a', \"b'c\", 'd\"e', 'f\\'\"g', 'x\\ny\\t\\\\', '\\x01\\x7f\\xa0é\\u200b', 1, 2.0, None, True]",
                render("{{ ['a', \"b'c\", 'd\"e', 'f\\'\"g', 'x\\ny\\t\\\\', '\\x01\\x7f\\xa0é\\u200b', 1, 2.0, none,"
                        + " true] }}"));
        assertEquals("{'a': [1, {'b': None}]}|{}|[]", render("{{ {'a': [1, {'b': none}]} }}|{{ {} }}|{{ [] }}"));
    }

    @Test
    void concatenationAndStringFilterUsePythonStr() {
        assertEquals("aTrue|aNone|a[1]|a1.0|a|True|None|[1, 'a']|True,None,1.0",
                render("{{ 'a' ~ true }}|{{ 'a' ~ none }}|{{ 'a' ~ [1] }}|{{ 'a' ~ 1.0 }}|{{ 'a' ~ nothing }}|"
                        + "{{ true | string }}|{{ none | string }}|{{ [1, 'a'] | string }}|"
                        + "{{ [true, none, 1.0] | join(',') }}"));
    }

    @Test
    void tojsonStaysJson() {
        assertEquals("{\"a\": null, \"b\": true, \"c\": 1.0}|null",
                render("{{ {'a': none, 'b': true, 'c': 1.0} | tojson }}|{{ none | tojson }}"));
    }

    @Test
    void aFieldHoldingNoneIsDefinedAndNone() {
        assertEquals("True|True|None|False|False|False|n",
                render("{{ messages[1].reasoning is defined }}|{{ messages[1].reasoning is none }}|"
                        + "{{ messages[1].reasoning }}|{{ messages[1].reasoning is not none }}|"
                        + "{{ messages[1].missing is defined }}|{{ messages[1].missing is none }}|"
                        + "{{ 'y' if messages[1].reasoning else 'n' }}"));
        assertEquals("True|True|None|True|False", render("{% set v = none %}{{ v is defined }}|{{ v is none }}|"
                + "{{ v }}|{{ v == none }}|{{ nothing == none }}"));
    }

    @Test
    void defaultReplacesOnlyUndefinedUnlessAskedForFalsyValues() {
        assertEquals("x|None|x||x|False", render("{{ nothing | default('x') }}|{{ none | default('x') }}|"
                + "{{ none | default('x', true) }}|{{ '' | default('x') }}|{{ '' | default('x', true) }}|"
                + "{{ nothing is none }}"));
    }

    @Test
    void toolsAndDocumentsAreNoneWhenNotGiven() {
        assertEquals("True|True|True|", render("{{ tools is defined }}|{{ tools is none }}|{{ documents is none }}|"
                + "{% for t in tools %}{{ t }}{% endfor %}"));
    }

    @Test
    void nullsInVariablesAreNone() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("k", null);
        ChatRenderOptions options = ChatRenderOptions.transcript().withVariable("nested", nested);
        assertEquals("{'k': None}|True",
                ChatTemplate.of("{{ nested }}|{{ nested.k is none }}", null, null).render(MESSAGES, options));
    }
}
