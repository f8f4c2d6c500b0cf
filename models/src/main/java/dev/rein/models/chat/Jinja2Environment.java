package dev.rein.models.chat;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.el.TruthyTypeConverter;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import java.time.Clock;
import java.util.Map;
import jinjava.de.odysseus.el.ExpressionFactoryImpl;
import jinjava.de.odysseus.el.tree.TreeStore;
import jinjava.de.odysseus.el.tree.impl.Cache;
import jinjava.javax.el.CompositeELResolver;
import jinjava.javax.el.ExpressionFactory;

/**
 * A jinjava engine set up to render Hugging Face chat templates the way {@code transformers} renders them with
 * Jinja2 ({@code ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True)}). The adaptations:
 * <ul>
 *   <li>{@code trim_blocks} and {@code lstrip_blocks} on;</li>
 *   <li>jinjava's legacy overrides that make it follow Jinja2: natural operator precedence
 *       ({@code a + b | trim} trims only {@code b}), whitespace control ({@code -}) on expression tags as well as
 *       block tags, strict whitespace-control parsing, the text either side of a comment kept apart (so that
 *       whitespace control trims it as Jinja2 does), dict-literal keys evaluated, iteration over a dict's keys,
 *       Python rendering of values, null items kept in loops; jinjava's "whitespace required within tokens" is
 *       left off, as Jinja2 accepts {@code {{'x'}}};</li>
 *   <li>{@link Jinja2Parser}, for Python string escapes, slices with a step and keyword arguments whose value is
 *       an expression;</li>
 *   <li>{@link PythonStringResolver} ahead of jinjava's resolvers, for indexing strings and Python's string
 *       methods;</li>
 *   <li>{@link PythonFilters} over jinjava's {@code trim}, {@code tojson} and {@code is iterable};</li>
 *   <li>{@link HuggingFaceExtensions}: {@code raise_exception}, {@code strftime_now} (timed by the given clock)
 *       and the {@code generation} block.</li>
 * </ul>
 * The template source itself is prepared by {@link #jinja2Source}.
 *
 * <p>Known differences from Jinja2 that remain: booleans print as {@code true}/{@code false} and none as the
 * empty string (Jinja2: {@code True}, {@code None}); a variable that is none is not {@code defined} and an
 * undefined one {@code is none} (jinjava does not tell the two apart); the globals {@code dict}, {@code cycler},
 * {@code joiner} and {@code lipsum}, string repetition {@code 'ab' * 2} and Python string methods other than
 * those of {@link PythonStringResolver} are missing. None of the supported templates needs them.
 */
final class Jinja2Environment {
    private static final LegacyOverrides JINJA2_BEHAVIOUR = LegacyOverrides.newBuilder()
            .withUseNaturalOperatorPrecedence(true)
            .withUseTrimmingForNotesAndExpressions(true)
            .withParseWhitespaceControlStrictly(true)
            .withEvaluateMapKeys(true)
            .withIterateOverMapKeys(true)
            .withUsePyishObjectMapper(true)
            .withKeepNullableLoopValues(true)
            .withAllowAdjacentTextNodes(true)
            .build();

    private final Jinjava jinjava;

    Jinja2Environment(Clock clock) {
        CompositeELResolver resolvers = new CompositeELResolver();
        resolvers.add(new PythonStringResolver());
        resolvers.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withTrimBlocks(true)
                .withLstripBlocks(true)
                .withLegacyOverrides(JINJA2_BEHAVIOUR)
                .withElResolver(resolvers)
                .withDateTimeProvider(clock::millis)
                .withTimeZone(clock.getZone())
                .build();
        jinjava = new Jinja2SyntaxJinjava(config);
        Context globals = jinjava.getGlobalContext();
        HuggingFaceExtensions.functions().forEach(globals::registerFunction);
        globals.registerFilter(new PythonFilters.Trim());
        globals.registerFilter(new PythonFilters.ToJson());
        globals.registerExpTest(new PythonFilters.IsIterable());
        globals.registerTag(new HuggingFaceExtensions.GenerationTag());
    }

    /** Renders a template source (as prepared by {@link #jinja2Source}); errors are collected in the result. */
    RenderResult render(String source, Map<String, ?> variables) {
        return jinjava.renderForResult(source, variables);
    }

    /** An interpreter with this environment's settings and no variables, e.g. to parse a template. */
    JinjavaInterpreter newInterpreter() {
        return jinjava.newInterpreter();
    }

    /**
     * The source as Jinja2's lexer sees it with its default {@code keep_trailing_newline=False}: line endings
     * {@code \r\n} and {@code \r} become {@code \n}, and one newline at the very end is dropped.
     */
    static String jinja2Source(String source) {
        String unixLines = source.replace("\r\n", "\n").replace('\r', '\n');
        return unixLines.endsWith("\n") ? unixLines.substring(0, unixLines.length() - 1) : unixLines;
    }

    /** Jinjava whose expressions are parsed by {@link Jinja2Parser}. */
    private static final class Jinja2SyntaxJinjava extends Jinjava {
        private final ExpressionFactory expressions = new ExpressionFactoryImpl(
                new TreeStore(new Jinja2Parser.SyntaxBuilder(), new Cache(1000)), new TruthyTypeConverter());

        Jinja2SyntaxJinjava(JinjavaConfig config) {
            super(config);
        }

        @Override
        public ExpressionFactory getExpressionFactory() {
            return expressions;
        }
    }
}
