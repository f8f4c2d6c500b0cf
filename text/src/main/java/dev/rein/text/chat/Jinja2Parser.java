package dev.rein.text.chat;

import com.hubspot.jinjava.el.ExtendedSyntaxBuilder;
import com.hubspot.jinjava.el.ext.AstNamedParameter;
import com.hubspot.jinjava.el.ext.ExtendedParser;
import com.hubspot.jinjava.el.ext.NamedParameterOperator;
import com.hubspot.jinjava.objects.collections.PyList;
import java.util.ArrayList;
import java.util.List;
import jinjava.de.odysseus.el.misc.NumberOperations;
import jinjava.de.odysseus.el.misc.TypeConverter;
import jinjava.de.odysseus.el.tree.impl.Builder;
import jinjava.de.odysseus.el.tree.impl.Parser;
import jinjava.de.odysseus.el.tree.impl.Scanner.ScanException;
import jinjava.de.odysseus.el.tree.impl.Scanner.Symbol;
import jinjava.de.odysseus.el.tree.impl.Scanner;
import jinjava.de.odysseus.el.tree.impl.ast.AstBinary;
import jinjava.de.odysseus.el.tree.impl.ast.AstDot;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.de.odysseus.el.tree.impl.ast.AstParameters;
import jinjava.de.odysseus.el.tree.impl.ast.AstUnary;

/**
 * Jinjava's expression parser with Jinja2 constructs it lacks, used by real chat templates:
 * <ul>
 *   <li>Python string literal escapes, through {@link Jinja2Scanner};</li>
 *   <li>slices with a step, {@code messages[::-1]} (Qwen2.5/Qwen3); every slice becomes a {@link PythonSlice} so
 *       that all slices follow Python's rules;</li>
 *   <li>{@code not} applying to a whole comparison or test ({@code not x is none});</li>
 *   <li>{@code *} repeating strings and lists ({@code '-' * 3}), as Python's does;</li>
 *   <li>keyword arguments whose value is a whole expression: jinjava parses {@code =} as a binary operator at the
 *       level of {@code +}, so {@code namespace(last=messages|length - 1)} became {@code (last=...) - 1}; here an
 *       identifier followed by {@code =} inside call parentheses starts a keyword argument whose value is parsed
 *       as a full expression, as in Jinja2.</li>
 * </ul>
 * {@link #value()} restates jinjava 2.8.4's postfix loop (attribute, call, subscript) because the subscript case
 * is where slices are parsed; it relies on natural operator precedence being on, which {@link Jinja2Environment}
 * always configures (the postfix loop then ends by returning the value, leaving filters and tests to the caller).
 */
final class Jinja2Parser extends ExtendedParser {

    private Jinja2Parser(Builder builder, String expression) {
        super(builder, expression);
    }

    /** Makes parsers of this kind; handed to jinjava's expression factory by {@link Jinja2Environment}. */
    static final class SyntaxBuilder extends ExtendedSyntaxBuilder {
        private static final long serialVersionUID = 1L;

        SyntaxBuilder() {
            // The features jinjava's own expression factory enables.
            super(Feature.METHOD_INVOCATIONS, Feature.VARARGS);
        }

        @Override
        protected Parser createParser(String expression) {
            return new Jinja2Parser(this, expression);
        }
    }

    @Override
    protected Scanner createScanner(String expression) {
        return new Jinja2Scanner(expression);
    }

    @Override
    protected AstNode value() throws ScanException, ParseException {
        boolean lvalue = true;
        AstNode v = nonliteral();
        if (v == null) {
            v = literal();
            if (v == null) {
                return null;
            }
            lvalue = false;
        }
        while (true) {
            switch (getToken().getSymbol()) {
                case DOT -> {
                    consumeToken();
                    String name = consumeToken(Symbol.IDENTIFIER).getImage();
                    AstDot dot = createAstDot(v, name, lvalue);
                    v = isCallFollowing() ? createAstMethod(dot, params()) : dot;
                }
                case LBRACK -> {
                    consumeToken();
                    v = subscript(v, lvalue);
                }
                default -> {
                    return v;
                }
            }
        }
    }

    /** After {@code [}: an index {@code [i]} (possibly called, {@code x[i](...)}) or a slice {@code [a:b:c]}. */
    private AstNode subscript(AstNode base, boolean lvalue) throws ScanException, ParseException {
        AstNode start = expr(false);
        if (getToken().getSymbol() == Symbol.RBRACK) {
            if (start == null) {
                fail("an index or a slice");
            }
            consumeToken();
            var bracket = createAstBracket(base, start, lvalue, true);
            return isCallFollowing() ? createAstMethod(bracket, params()) : bracket;
        }
        if (getToken().getSymbol() != Symbol.COLON) {
            fail("']' or ':'");
        }
        consumeToken();
        AstNode stop = expr(false);
        AstNode step = null;
        if (getToken().getSymbol() == Symbol.COLON) {
            consumeToken();
            step = expr(false);
        }
        consumeToken(Symbol.RBRACK);
        return new PythonSlice(base, start, stop, step, lvalue);
    }

    private boolean isCallFollowing() {
        return getToken().getSymbol() == Symbol.LPAREN && context.isEnabled(Builder.Feature.METHOD_INVOCATIONS);
    }

    /**
     * {@code not} applies to a whole comparison, as in Jinja2: {@code not tools is none} is
     * {@code not (tools is none)} and {@code not a == b} is {@code not (a == b)}; jinjava's parser applies it to
     * the next value only.
     */
    @Override
    protected AstNode unary(boolean required) throws ScanException, ParseException {
        if (getToken().getSymbol() != Symbol.NOT) {
            return super.unary(required);
        }
        consumeToken();
        return createAstUnary(eq(true), AstUnary.NOT);
    }

    @Override
    protected AstBinary createAstBinary(AstNode left, AstNode right, AstBinary.Operator operator) {
        return super.createAstBinary(left, right, operator == AstBinary.MUL ? PythonMultiply.OPERATOR : operator);
    }

    /** {@code *} as in Python: repeats a string or a list by an integer, multiplies numbers. */
    private static final class PythonMultiply extends AstBinary.SimpleOperator {
        static final PythonMultiply OPERATOR = new PythonMultiply();

        @Override
        protected Object apply(TypeConverter converter, Object left, Object right) {
            if (isInteger(right) && (left instanceof String || left instanceof List<?>)) {
                return repeat(left, ((Number) right).intValue());
            }
            if (isInteger(left) && (right instanceof String || right instanceof List<?>)) {
                return repeat(right, ((Number) left).intValue());
            }
            return NumberOperations.mul(converter, left, right);
        }

        private static boolean isInteger(Object value) {
            return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
        }

        private static Object repeat(Object sequence, int times) {
            if (sequence instanceof String text) {
                return text.repeat(Math.max(0, times));
            }
            List<Object> repeated = new ArrayList<>();
            for (int i = 0; i < times; i++) {
                repeated.addAll((List<?>) sequence);
            }
            return new PyList(repeated);
        }

        @Override
        public String toString() {
            return "*";
        }
    }

    @Override
    protected AstParameters params(Symbol left, Symbol right) throws ScanException, ParseException {
        if (left != Symbol.LPAREN) {
            return super.params(left, right);
        }
        consumeToken(left);
        List<AstNode> arguments = new ArrayList<>();
        AstNode argument = argument(false);
        if (argument != null) {
            arguments.add(argument);
            while (getToken().getSymbol() == Symbol.COMMA) {
                consumeToken();
                arguments.add(argument(true));
            }
        }
        consumeToken(right);
        return createAstParameters(arguments);
    }

    /** One call argument: {@code name=expression} or an expression. */
    private AstNode argument(boolean required) throws ScanException, ParseException {
        if (getToken().getSymbol() == Symbol.IDENTIFIER && lookahead(0) == NamedParameterOperator.TOKEN) {
            String name = consumeToken().getImage();
            consumeToken();
            return new AstNamedParameter(identifier(name), expr(true));
        }
        return expr(required);
    }
}
