package dev.rein.text.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Jinja2 constructs that chat templates use, rendered through {@link ChatTemplate}; each expected text is what
 * Python's Jinja2 (with Hugging Face's settings and extensions) renders for the same template and messages.
 */
class Jinja2CompatibilityTest {
    private static final List<ChatMessage> MESSAGES = List.of(
            ChatMessage.system("  Be brief. "), ChatMessage.user("Hi</think>x"), ChatMessage.assistant("Hello"));

    private static String render(String template) {
        return render(template, ChatRenderOptions.forReply());
    }

    private static String render(String template, ChatRenderOptions options) {
        return ChatTemplate.of(template, "<s>", "</s>").render(MESSAGES, options);
    }

    @Test
    void namespaceWithKeywordExpressionsAndAttributeAssignment() {
        // "last=messages|length - 1" is one keyword argument (jinjava alone parses it as "(last=...) - 1").
        assertEquals("2 seen", render("{% set ns = namespace(last=messages|length - 1, seen=false) %}"
                + "{% for m in messages %}{% if m.role == 'user' %}{% set ns.seen = true %}{% endif %}{% endfor %}"
                + "{{ ns.last }}{% if ns.seen %} seen{% endif %}"));
    }

    @Test
    void slicesAndNegativeIndices() {
        assertEquals("aus|2|fdb|bcde|assistant|c", render(
                "{% for m in messages[::-1] %}{{ m.role[0] }}{% endfor %}|{{ messages[1:] | length }}|"
                + "{{ 'abcdef'[::-2] }}|{{ 'abcdef'[1:-1] }}|{{ messages[-1].role }}|{{ 'abc'[-1] }}"));
    }

    @Test
    void loopVariables() {
        assertEquals("[0,1,2]", render("{% for m in messages %}{% if loop.first %}[{% endif %}{{ loop.index0 }}"
                + "{% if not loop.last %},{% endif %}{% if loop.last %}]{% endif %}{% endfor %}"));
    }

    @Test
    void tests() {
        // A string is iterable in Python; a number is not.
        assertEquals("ssimn", render("{{ 's' if messages[0].content is string }}"
                + "{{ 's' if messages[0].content is iterable }}{{ 'i' if messages[0] is iterable }}"
                + "{{ 'm' if messages[0] is mapping }}{{ 'x' if 3 is iterable else 'n' }}"));
        assertEquals("nn", render("{{ 'n' if none is none }}{{ 'n' if messages[0].content is not none }}"));
    }

    @Test
    void undefinedNamesRenderEmptyAndAreNotDefined() {
        assertEquals("[][]uu", render("[{{ nothing }}][{{ messages[0].missing }}]"
                + "{{ 'd' if nothing is defined else 'u' }}{{ 'd' if messages[0].missing is defined else 'u' }}"));
    }

    @Test
    void membershipNotAndConcatenation() {
        assertEquals("yyaHellobya1", render("{{ 'y' if '</think>' in messages[1].content }}"
                + "{{ 'y' if 'zz' not in messages[1].content }}{{ 'a' + messages[2].content + 'b' }}"
                + "{{ 'y' if not(messages[0].role == 'user') }}{{ 'a' ~ 1 }}"));
    }

    @Test
    void filtersBindTighterThanPlus() {
        assertEquals("<Be brief.>312", render("{{ '<' + messages[0].content | trim + '>' }}"
                + "{{ messages | length }}{{ messages[0].content | length }}"));
    }

    @Test
    void tojsonIsHuggingFaces() {
        assertEquals("{\"role\": \"assistant\", \"content\": \"Hello\"}|{\n  \"a\": 1\n}",
                render("{{ messages[2] | tojson }}|{{ {'a': 1} | tojson(indent=2) }}"));
    }

    @Test
    void pythonStringMethods() {
        assertEquals("x||Be brief.|axx|xxa|ab", render("{{ messages[1].content.split('</think>')[-1] }}|"
                + "{{ 'a</think>'.split('</think>')[-1] }}|{{ messages[0].content.strip() }}|"
                + "{{ 'xxaxx'.lstrip('x') }}|{{ 'xxaxx'.rstrip('x') }}|{{ '\\nab\\n'.strip('\\n') }}"));
        assertEquals("yya-bABaba-a", render("{{ 'y' if messages[1].content.startswith('Hi') }}"
                + "{{ 'y' if messages[1].content.endswith(('q', 'x')) }}{{ '-'.join(['a', 'b']) }}"
                + "{{ 'aB'.upper() }}{{ 'aB'.lower() }}{{ 'aXa'.replace('X', '-') }}"));
    }

    @Test
    void stringLiteralEscapesArePythons() {
        assertEquals("a\tb|éAA|\\d|q\"q",
                render("{{ 'a\\tb' }}|{{ '\\u00e9\\x41\\101' }}|{{ '\\d' }}|{{ \"q\\\"q\" }}"));
    }

    @Test
    void blockWhitespaceIsTrimmedAsWithTrimAndLstripBlocks() {
        assertEquals("A\nB", render("  {% if true %}\nA\n  {% endif %}\nB"));
        // lstrip_blocks leaves the indentation of expressions alone.
        assertEquals("  system\n  user\n  assistant\n",
                render("{% for m in messages %}\n  {{ m.role }}\n{% endfor %}"));
        assertEquals("xyz", render("x\n  {{- 'y' -}}  \nz"));
    }

    @Test
    void oneTrailingNewlineIsDroppedAndLineEndsAreNormalised() {
        assertEquals("x", render("x\n"));
        assertEquals("x\n", render("x\n\n"));
        assertEquals("a\nb", render("a\r\nb"));
    }

    @Test
    void dictionaryItemsAndMacros() {
        assertEquals("a=1;b=2;[a]", render("{% for k, v in {'a': 1, 'b': 2}.items() %}{{ k }}={{ v }};{% endfor %}"
                + "{% macro f(x) %}[{{ x }}]{% endmacro %}{{ f('a') }}"));
    }

    @Test
    void generationBlockRendersItsBody() {
        assertEquals("Hello</s>", render("{% for m in messages %}{% if m.role == 'assistant' %}"
                + "{% generation %}{{ m.content }}{{ eos_token }}{% endgeneration %}{% endif %}{% endfor %}"));
    }

    @Test
    void toolsAndVariables() {
        String template = "{{ 'none' if not tools }}{% for t in tools %}{{ t | tojson }}{% endfor %}{{ bos_token }}"
                + "{% if enable_thinking is defined and enable_thinking is false %} off{% endif %}";
        assertEquals("none<s>", render(template));
        ChatRenderOptions options = ChatRenderOptions.forReply()
                .withTools(List.of(Map.of("name", "f"))).withVariable("enable_thinking", false);
        assertEquals("{\"name\": \"f\"}<s> off", render(template, options));
    }

    @Test
    void strftimeNowReadsTheTemplatesClock() {
        Clock clock = Clock.fixed(Instant.parse("2024-07-23T10:00:00Z"), ZoneOffset.UTC);
        ChatTemplate template = ChatTemplate.of("{{ strftime_now('%d %b %Y') }}", null, null).withClock(clock);
        assertEquals("23 Jul 2024", template.render(MESSAGES, ChatRenderOptions.forReply()));
    }

    @Test
    void dictGlobalAndDictMethods() {
        assertEquals("{'a': 1, 'b': 'x'}|{'x': 1, 'y': 2}|a1b2|a1b2|1|d|None",
                render("{{ dict(a=1, b='x') }}|{{ dict({'x': 1}, y=2) }}|"
                        + "{% for k, v in {'a': 1, 'b': 2}.items() %}{{ k }}{{ v }}{% endfor %}|"
                        + "{% for k, v in {'a': 1, 'b': 2} | items %}{{ k }}{{ v }}{% endfor %}|"
                        + "{{ {'a': 1}.get('a') }}|{{ {'a': 1}.get('b', 'd') }}|{{ {'a': 1}.get('b') }}"));
    }

    @Test
    void listFilters() {
        assertEquals("[1, 2]|['a', 'b']|a, b|system,user,assistant|1|Hello|system|assistant|3",
                render("{{ [1, 2] | list }}|{{ 'ab' | list }}|{{ ['a', 'b'] | join(', ') }}|"
                        + "{{ messages | map(attribute='role') | join(',') }}|"
                        + "{{ messages | selectattr('role', 'equalto', 'user') | list | length }}|"
                        + "{{ messages | rejectattr('role', 'in', ['system', 'user']) | map(attribute='content') | first }}|"
                        + "{{ (messages | first).role }}|{{ (messages | last).role }}|{{ messages | count }}"));
    }

    @Test
    void stringFiltersAndMethods() {
        assertEquals("Hello world|Hello World|aya|ab|AB", render("{{ 'hello world' | capitalize }}|"
                + "{{ 'hello wORLD' | title }}|{{ 'aXa' | replace('X', 'y') }}|{{ 'AB' | lower }}|{{ 'ab' | upper }}"));
        assertEquals("Hello World|They'Re|Hello world|['a,b', 'c']|['a', 'b', 'c']|2|-1|2|True|False|True|['a', '', 'b']",
                render("{{ 'hello wORLD'.title() }}|{{ \"they're\".title() }}|{{ 'hello wORLD'.capitalize() }}|"
                        + "{{ 'a,b,c'.rsplit(',', 1) }}|{{ 'a b  c'.rsplit() }}|{{ 'abc'.find('c') }}|"
                        + "{{ 'abc'.find('z') }}|{{ 'abcb'.count('b') }}|{{ '12'.isdigit() }}|{{ '1a'.isdigit() }}|"
                        + "{{ ' \\n'.isspace() }}|{{ 'a\\n\\r\\nb\\n'.splitlines() }}"));
    }

    @Test
    void repetitionMembershipAndLoopLength() {
        assertEquals("abab|abab|['-', '-']|12|True|True|False",
                render("{{ 'ab' * 2 }}|{{ 2 * 'ab' }}|{{ ['-'] * 2 }}|{{ 3 * 4 }}|{{ 'a' in ['a'] }}|"
                        + "{{ 'a' in {'a': 1} }}|{{ 'b' in {'a': 1} }}"));
        assertEquals("332;321;310;", render("{% for m in messages %}{{ loop.length }}{{ loop.revindex }}"
                + "{{ loop.revindex0 }};{% endfor %}"));
    }

    @Test
    void notAppliesToTheWholeComparisonOrTest() {
        assertEquals("False|True|False|True", render("{{ not tools is defined }}|{{ not messages[0].role == 'user' }}|"
                + "{{ not 1 in [1] }}|{{ not not true }}"));
    }

    @Test
    void globalFunctionsAreDefined() {
        assertEquals("True|True", render("{{ strftime_now is defined }}|{{ raise_exception is defined }}"));
    }
}
