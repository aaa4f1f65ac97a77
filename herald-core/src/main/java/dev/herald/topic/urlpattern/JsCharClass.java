package dev.herald.topic.urlpattern;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses a {@code v}-flag character class ({@code [...]}, with nested classes, {@code &&} and
 * {@code --}) and evaluates it to a {@link CodePointSet}. Unicode property escapes have no finite
 * table here, so they are passed to RE2 as they are: allowed in plain unions (RE2 writes those),
 * rejected inside set operations and negated nested classes.
 */
final class JsCharClass {

    /** Code points that must be escaped inside a v-flag class. */
    private static final String SYNTAX = "()[]{}/-\\|";
    /** Doubled, these are reserved inside a v-flag class. */
    private static final String DOUBLE_PUNCTUATORS = "&!#$%*+,.:;<=>?@^`~";
    /** These may be escaped inside a v-flag class. */
    private static final String RESERVED_PUNCTUATORS = "&-!#%,:;<=>@`~";

    /** A class's value: explicit code points plus RE2 property escapes, all in union. */
    private record Value(CodePointSet set, List<String> properties) {

        static Value of(CodePointSet set) {
            return new Value(set, List.of());
        }

        Value union(Value other) {
            List<String> props = new ArrayList<>(properties);
            props.addAll(other.properties);
            return new Value(set.union(other.set), props);
        }
    }

    private final JsRegexpReader re;

    private JsCharClass(JsRegexpReader re) {
        this.re = re;
    }

    /** Parses the class at the parser's position; returns it in RE2 syntax. */
    static String parseTopLevel(JsRegexpReader re) {
        JsCharClass parser = new JsCharClass(re);
        re.pos++;
        boolean negated = re.peek(0) == '^';
        if (negated) {
            re.pos++;
        }
        Value value = parser.contents();
        parser.expectClose();
        if (value.properties.isEmpty()) {
            return (negated ? value.set.complement() : value.set).toRe2();
        }
        StringBuilder out = new StringBuilder(negated ? "[^" : "[");
        value.set.appendRanges(out);
        value.properties.forEach(out::append);
        return out.append(']').toString();
    }

    private Value nested() {
        re.pos++;
        boolean negated = re.peek(0) == '^';
        if (negated) {
            re.pos++;
        }
        Value value = contents();
        expectClose();
        if (!negated) {
            return value;
        }
        requireExplicit(value, "a negated nested class");
        return Value.of(value.set.complement());
    }

    private void expectClose() {
        if (re.peek(0) != ']') {
            throw re.error("missing ']'");
        }
        re.pos++;
    }

    private Value contents() {
        if (re.peek(0) == ']') {
            return Value.of(CodePointSet.EMPTY);
        }
        boolean[] wasRange = new boolean[1];
        Value first = operandOrRange(wasRange);
        if (re.lookingAt("&&") || re.lookingAt("--")) {
            String operator = re.lookingAt("&&") ? "&&" : "--";
            if (wasRange[0]) {
                throw re.error("a range cannot be an operand of '" + operator + "'; wrap it in [...]");
            }
            requireExplicit(first, "'" + operator + "'");
            CodePointSet acc = first.set;
            while (re.lookingAt(operator)) {
                re.pos += 2;
                if (operator.equals("&&") && re.peek(0) == '&') {
                    throw re.error("'&&&' is not allowed in a class");
                }
                Value operand = operand();
                requireExplicit(operand, "'" + operator + "'");
                acc = operator.equals("&&") ? acc.intersect(operand.set) : acc.subtract(operand.set);
            }
            if (re.peek(0) != ']') {
                throw re.error("mixing '" + operator + "' with other operations needs nested classes");
            }
            return Value.of(acc);
        }
        Value acc = first;
        while (re.peek(0) != ']') {
            if (re.peek(0) < 0) {
                throw re.error("missing ']'");
            }
            if (re.lookingAt("&&") || re.lookingAt("--")) {
                throw re.error("mixing a union with '&&' or '--' needs nested classes");
            }
            acc = acc.union(operandOrRange(wasRange));
        }
        return acc;
    }

    private Value operandOrRange(boolean[] wasRange) {
        wasRange[0] = false;
        if (isOperandStart()) {
            return operand();
        }
        int from = classSetCharacter();
        if (re.peek(0) == '-' && re.peek(1) != '-') {
            if (re.peek(1) == ']') {
                throw re.error("'-' must be escaped inside a character class");
            }
            re.pos++;
            int to = classSetCharacter();
            if (to < from) {
                throw re.error("range out of order in character class");
            }
            wasRange[0] = true;
            return Value.of(CodePointSet.range(from, to));
        }
        return Value.of(CodePointSet.range(from, from));
    }

    private boolean isOperandStart() {
        int c = re.peek(0);
        int e = re.peek(1);
        return c == '[' || (c == '\\' && e >= 0 && "dDsSwWpPq".indexOf(e) >= 0);
    }

    private Value operand() {
        int c = re.peek(0);
        if (c == '[') {
            return nested();
        }
        if (c == '\\') {
            int e = re.peek(1);
            if (e == 'q') {
                throw re.error("class string literals \\q{...} are not supported");
            }
            if (e == 'p' || e == 'P') {
                return new Value(CodePointSet.EMPTY, List.of(re.propertyEscape()));
            }
            if (e >= 0 && "dDsSwW".indexOf(e) >= 0) {
                re.pos += 2;
                return Value.of(JsRegexpReader.classEscape(e));
            }
        }
        int ch = classSetCharacter();
        return Value.of(CodePointSet.range(ch, ch));
    }

    private int classSetCharacter() {
        int c = re.peek(0);
        if (c < 0) {
            throw re.error("missing ']'");
        }
        if (c == '\\') {
            int e = re.peek(1);
            if (e >= 0 && RESERVED_PUNCTUATORS.indexOf(e) >= 0) {
                re.pos += 2;
                return e;
            }
            if (e == 'b') {
                re.pos += 2;
                return 0x08;
            }
            re.pos++;
            return re.characterEscape();
        }
        if (SYNTAX.indexOf(c) >= 0) {
            throw re.error("'" + (char) c + "' must be escaped inside a character class");
        }
        if (DOUBLE_PUNCTUATORS.indexOf(c) >= 0 && re.peek(1) == c) {
            throw re.error("'" + (char) c + (char) c + "' is reserved inside a character class");
        }
        int cp = re.src.codePointAt(re.pos);
        re.pos += Character.charCount(cp);
        return cp;
    }

    private void requireExplicit(Value value, String where) {
        if (!value.properties.isEmpty()) {
            throw re.error("Unicode property escapes inside " + where + " are not supported");
        }
    }
}
