package dev.herald.topic.urlpattern;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Translates a JavaScript regular expression, as URL Pattern compiles it (the {@code v} flag, no
 * other flags), into RE2/J syntax with the same capture groups and the same matches, so that
 * matching runs in linear time.
 *
 * <p>The parse is strict like the {@code v} flag's grammar: unknown escapes, lone braces and
 * unescaped class syntax characters are errors. Constructs RE2 cannot run in linear time are
 * rejected with the reason: lookahead and lookbehind, backreferences. So are a few {@code v}-flag
 * features left out here: {@code \q{...}} string literals in classes, and Unicode property escapes
 * inside class set operations. Counted repetition is capped at {@value #MAX_REPEAT} (RE2's own
 * limit), also for nested repetitions multiplied together, which bounds the compiled program.
 */
final class JsRegexp extends JsRegexpReader {

    static final int MAX_REPEAT = 1000;

    record Translation(String re2, int groupCount) {}

    private final StringBuilder out = new StringBuilder();
    private final Deque<Boolean> dotAll = new ArrayDeque<>();
    private int groupCount;

    private JsRegexp(String src) {
        super(src);
        dotAll.push(false);
    }

    /** @throws IllegalArgumentException naming the problem if {@code source} is invalid or unsupported */
    static Translation translate(String source) {
        JsRegexp parser = new JsRegexp(source);
        parser.disjunction();
        if (parser.pos < source.length()) {
            throw parser.error("unmatched ')'");
        }
        return new Translation(parser.out.toString(), parser.groupCount);
    }

    /** Returns the largest product of nested counted repetitions, to bound the program size. */
    private int disjunction() {
        int weight = alternative();
        while (peek(0) == '|') {
            pos++;
            out.append('|');
            weight = Math.max(weight, alternative());
        }
        return weight;
    }

    private int alternative() {
        int weight = 1;
        while (pos < src.length() && peek(0) != '|' && peek(0) != ')') {
            weight = Math.max(weight, term());
        }
        return weight;
    }

    private int term() {
        int c = peek(0);
        if (c == '^' || c == '$') {
            pos++;
            out.append((char) c);
            return assertionDone();
        }
        if (c == '\\' && (peek(1) == 'b' || peek(1) == 'B')) {
            out.append('\\').append((char) peek(1));
            pos += 2;
            return assertionDone();
        }
        int start = out.length();
        int weight = atom();
        return quantifier(start, weight);
    }

    private int assertionDone() {
        int q = peek(0);
        if (q == '*' || q == '+' || q == '?' || q == '{') {
            throw error("an assertion cannot be repeated");
        }
        return 1;
    }

    private int atom() {
        int c = peek(0);
        switch (c) {
            case '(':
                return group();
            case '[':
                out.append(JsCharClass.parseTopLevel(this));
                return 1;
            case '.':
                pos++;
                out.append(dotAll.peek() ? "(?s:.)" : CodePointSet.DOT.toRe2());
                return 1;
            case '\\':
                atomEscape();
                return 1;
            case '*': case '+': case '?':
                throw error("nothing to repeat before '" + (char) c + "'");
            case '{': case '}': case ']':
                throw error("lone '" + (char) c + "' must be escaped");
            default:
                int cp = src.codePointAt(pos);
                pos += Character.charCount(cp);
                appendLiteral(out, cp);
                return 1;
        }
    }

    private int group() {
        if (lookingAt("(?=") || lookingAt("(?!")) {
            throw error("lookahead assertions are not supported (matching must run in linear time)");
        }
        if (lookingAt("(?<=") || lookingAt("(?<!")) {
            throw error("lookbehind assertions are not supported (matching must run in linear time)");
        }
        boolean pushedFlags = false;
        if (lookingAt("(?:")) {
            pos += 3;
            out.append("(?:");
        } else if (lookingAt("(?<")) {
            pos += 3;
            int end = src.indexOf('>', pos);
            if (end < 0 || end == pos || !isGroupName(src.substring(pos, end))) {
                throw error("invalid capture group name");
            }
            pos = end + 1;
            groupCount++;
            out.append('(');
        } else if (lookingAt("(?")) {
            pos += 2;
            pushedFlags = modifiers();
        } else {
            pos++;
            groupCount++;
            out.append('(');
        }
        int weight = disjunction();
        if (peek(0) != ')') {
            throw error("missing ')'");
        }
        pos++;
        out.append(')');
        if (pushedFlags) {
            dotAll.pop();
        }
        return weight;
    }

    /** A modifiers group "(?ims-ims:"; pushes its dotAll state. */
    private boolean modifiers() {
        StringBuilder add = new StringBuilder();
        StringBuilder remove = new StringBuilder();
        StringBuilder target = add;
        while (peek(0) != ':') {
            int f = peek(0);
            if (f == '-' && target == add) {
                target = remove;
            } else if ((f == 'i' || f == 'm' || f == 's')
                    && add.indexOf(String.valueOf((char) f)) < 0 && remove.indexOf(String.valueOf((char) f)) < 0) {
                target.append((char) f);
            } else {
                throw error("invalid group: only (?:...), (?<name>...) and (?ims-ims:...) are supported");
            }
            pos++;
        }
        if (add.length() == 0 && remove.length() == 0) {
            throw error("a modifiers group needs at least one flag");
        }
        pos++;
        out.append("(?").append(add);
        if (remove.length() > 0) {
            out.append('-').append(remove);
        }
        out.append(':');
        boolean s = add.indexOf("s") >= 0 || (remove.indexOf("s") < 0 && dotAll.peek());
        dotAll.push(s);
        return true;
    }

    private int quantifier(int atomStart, int weight) {
        int c = peek(0);
        int max;
        if (c == '*' || c == '+' || c == '?') {
            pos++;
            max = 1;
            wrap(atomStart);
            out.append((char) c);
        } else if (c == '{') {
            int[] bounds = braces();
            if (bounds == null) {
                throw error("lone '{' must be escaped");
            }
            max = Math.max(bounds[0], bounds[1]);
            wrap(atomStart);
            out.append('{').append(bounds[0]);
            if (bounds[1] != bounds[0]) {
                out.append(',');
                if (bounds[1] >= 0) {
                    out.append(bounds[1]);
                }
            }
            out.append('}');
        } else {
            return weight;
        }
        if (peek(0) == '?') {
            pos++;
            out.append('?');
        }
        long total = (long) weight * Math.max(max, 1);
        if (total > MAX_REPEAT) {
            throw error("repetition too large: counted repeats above " + MAX_REPEAT + " in total are not supported");
        }
        return (int) total;
    }

    /** Parses "{n}", "{n,}" or "{n,m}" into {n, m} (m = -1 when open); null if it is not one. */
    private int[] braces() {
        int i = pos + 1;
        int n = 0;
        int digits = 0;
        while (i < src.length() && Character.isDigit(src.charAt(i)) && src.charAt(i) < 0x80) {
            n = (int) Math.min(n * 10L + (src.charAt(i++) - '0'), Integer.MAX_VALUE);
            digits++;
        }
        if (digits == 0) {
            return null;
        }
        int m = n;
        if (i < src.length() && src.charAt(i) == ',') {
            i++;
            m = -1;
            int start = i;
            int value = 0;
            while (i < src.length() && src.charAt(i) >= '0' && src.charAt(i) <= '9') {
                value = (int) Math.min(value * 10L + (src.charAt(i++) - '0'), Integer.MAX_VALUE);
            }
            if (i > start) {
                m = value;
            }
        }
        if (i >= src.length() || src.charAt(i) != '}') {
            return null;
        }
        pos = i + 1;
        if (m >= 0 && m < n) {
            throw error("numbers out of order in {} quantifier");
        }
        if (n > MAX_REPEAT || m > MAX_REPEAT) {
            throw error("repeat counts above " + MAX_REPEAT + " are not supported");
        }
        return new int[] {n, m};
    }

    /** Makes the atom emitted since {@code start} a single unit for the quantifier that follows. */
    private void wrap(int start) {
        out.insert(start, "(?:").append(')');
    }

    private void atomEscape() {
        int e = peek(1);
        if (e == 'd' || e == 'D' || e == 's' || e == 'S' || e == 'w' || e == 'W') {
            pos += 2;
            out.append(classEscape(e).toRe2());
            return;
        }
        if (e == 'p' || e == 'P') {
            out.append(propertyEscape());
            return;
        }
        if (e >= '1' && e <= '9' || e == 'k') {
            throw error("backreferences are not supported (matching must run in linear time)");
        }
        pos++;
        appendLiteral(out, characterEscape());
    }
}
