package dev.rein.text.chat;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.el.TruthyTypeConverter;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpreterFactory;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
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
 *       null items kept in loops; jinjava's "whitespace required within tokens" is
 *       left off, as Jinja2 accepts {@code {{'x'}}};</li>
 *   <li>{@link Jinja2Parser}, for Python string escapes, slices with a step, keyword arguments whose value is
 *       an expression, {@code not} over a whole comparison and {@code *} repeating strings and lists;</li>
 *   <li>{@link PythonDictResolver} and {@link PythonStringResolver} ahead of jinjava's resolvers, for
 *       {@code dict.get}, indexing strings and Python's string methods;</li>
 *   <li>{@link PythonFilters} over jinjava's {@code trim}, {@code tojson}, {@code string}, {@code join},
 *       {@code is iterable} and {@code is none}, and Jinja2 3.1's {@code items};</li>
 *   <li>{@code none} and {@code None} as names of {@link PythonNone#NONE}, and an interpreter and type converter
 *       that turn values into text with {@link PythonRepr} (printing, {@code ~});</li>
 *   <li>{@link HuggingFaceExtensions}: {@code raise_exception}, {@code strftime_now} (timed by the given clock),
 *       {@code dict} and the {@code generation} block.</li>
 * </ul>
 * The template source itself is prepared by {@link #jinja2Source}.
 *
 * <p>Values print as Python's {@code str()} ({@link PythonRepr}), and none ({@link PythonNone}) is told apart
 * from undefined.
 *
 * <p>Known differences from Jinja2 that remain: comparisons with a boolean convert the other side to a boolean
 * ({@code none == false} and {@code '' == false} are true) and the string {@code 'false'} is false in conditions
 * (jinjava's truth rules); tuples are lists ({@code (1, 2)} prints {@code [1, 2]}) and {@code dict.keys()},
 * {@code values()} and {@code items()} print as lists; {@code default} with a non-string default gives its
 * Java text ({@code x|default(true)} prints {@code true}); looping over none renders nothing and arithmetic on
 * none or undefined does not raise (Jinja2: TypeError, UndefinedError); {@code loop.previtem},
 * {@code loop.nextitem}, the globals {@code cycler}, {@code joiner} and {@code lipsum}, {@code str.format} and
 * Python string methods other than those of {@link PythonStringResolver} are missing. None of the supported
 * templates needs them.
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
        resolvers.add(new PythonDictResolver());
        resolvers.add(new PythonStringResolver());
        resolvers.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withTrimBlocks(true)
                .withLstripBlocks(true)
                .withLegacyOverrides(JINJA2_BEHAVIOUR)
                .withElResolver(resolvers)
                .withInterperterFactory(new Jinja2InterpreterFactory())
                .withDateTimeProvider(clock::millis)
                .withTimeZone(clock.getZone())
                .build();
        jinjava = new Jinja2SyntaxJinjava(config);
        Context globals = jinjava.getGlobalContext();
        for (ELFunctionDefinition function : HuggingFaceExtensions.functions()) {
            globals.registerFunction(function);
            // Also a name that "is defined", as Jinja2's globals are (Llama 3.2: "if strftime_now is defined").
            globals.put(function.getLocalName(), function);
        }
        // Jinja2's none; jinjava has no such name (true and false it knows, in either case).
        globals.put("none", PythonNone.NONE);
        globals.put("None", PythonNone.NONE);
        globals.registerFilter(new PythonFilters.Trim());
        globals.registerFilter(new PythonFilters.ToJson());
        globals.registerFilter(new PythonFilters.ToString());
        globals.registerFilter(new PythonFilters.Join());
        globals.registerFilter(new PythonFilters.Items());
        globals.registerExpTest(new PythonFilters.IsIterable());
        globals.registerExpTest(new PythonFilters.IsNone());
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

    /** Interpreters that print values as Python's {@code str()} does ({@link PythonRepr}). */
    private static final class Jinja2InterpreterFactory implements InterpreterFactory {
        @Override
        public JinjavaInterpreter newInstance(JinjavaInterpreter parent) {
            return new Jinja2Interpreter(parent);
        }

        @Override
        public JinjavaInterpreter newInstance(Jinjava application, Context context, JinjavaConfig config) {
            return new Jinja2Interpreter(application, context, config);
        }
    }

    private static final class Jinja2Interpreter extends JinjavaInterpreter {
        Jinja2Interpreter(JinjavaInterpreter parent) {
            super(parent);
        }

        Jinja2Interpreter(Jinjava application, Context context, JinjavaConfig config) {
            super(application, context, config);
        }

        @Override
        public String getAsString(Object value) {
            return PythonRepr.str(value);
        }
    }

    /** Jinjava's conversions, except that a value becomes a string as Python's {@code str()} makes it ({@code ~}). */
    private static final class PythonTypeConverter extends TruthyTypeConverter {
        private static final long serialVersionUID = 1L;

        @Override
        protected String coerceToString(Object value) {
            return PythonRepr.str(value);
        }
    }

    /** Jinjava whose expressions are parsed by {@link Jinja2Parser}. */
    private static final class Jinja2SyntaxJinjava extends Jinjava {
        private final ExpressionFactory expressions = new ExpressionFactoryImpl(
                new TreeStore(new Jinja2Parser.SyntaxBuilder(), new Cache(1000)), new PythonTypeConverter());

        Jinja2SyntaxJinjava(JinjavaConfig config) {
            super(config);
        }

        @Override
        public ExpressionFactory getExpressionFactory() {
            return expressions;
        }
    }
}
