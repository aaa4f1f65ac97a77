package dev.herald.topic.urlpattern;

/**
 * The lexical half of {@link JsRegexp}: a cursor over the JavaScript source and the escapes
 * (character, class and Unicode property escapes) that both it and {@link JsCharClass} read.
 */
abstract class JsRegexpReader {

    final String src;
    int pos;

    JsRegexpReader(String src) {
        this.src = src;
    }

    IllegalArgumentException error(String message) {
        return new IllegalArgumentException("invalid regular expression /" + src + "/: " + message
                + " (at offset " + pos + ")");
    }

    int peek(int offset) {
        int i = pos + offset;
        return i < src.length() ? src.charAt(i) : -1;
    }

    boolean lookingAt(String s) {
        return src.startsWith(s, pos);
    }

    static CodePointSet classEscape(int e) {
        switch (e) {
            case 'd': return CodePointSet.DIGIT;
            case 'D': return CodePointSet.DIGIT.complement();
            case 's': return CodePointSet.SPACE;
            case 'S': return CodePointSet.SPACE.complement();
            case 'w': return CodePointSet.WORD;
            default: return CodePointSet.WORD.complement();
        }
    }

    /** "\p{...}" or "\P{...}" at pos, in RE2 syntax (general categories and scripts). */
    String propertyEscape() {
        boolean negated = peek(1) == 'P';
        int close = src.indexOf('}', pos);
        if (peek(2) != '{' || close < 0) {
            throw error("invalid Unicode property escape");
        }
        String name = src.substring(pos + 3, close);
        int eq = name.indexOf('=');
        if (eq >= 0) {
            String key = name.substring(0, eq);
            if (!key.equals("General_Category") && !key.equals("gc") && !key.equals("Script") && !key.equals("sc")) {
                throw error("Unicode property '" + key + "' is not supported (only general categories and scripts)");
            }
            name = name.substring(eq + 1);
        }
        if (name.isEmpty() || !name.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_')) {
            throw error("invalid Unicode property escape");
        }
        pos = close + 1;
        return (negated ? "\\P{" : "\\p{") + name + "}";
    }

    /** A CharacterEscape after the backslash at pos; returns its code point. */
    int characterEscape() {
        int e = peek(0);
        pos++;
        switch (e) {
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'v': return 0x0B;
            case 'c':
                int letter = peek(0);
                if (!UrlRecord.isAsciiAlpha(letter)) {
                    throw error("invalid control escape");
                }
                pos++;
                return letter % 32;
            case '0':
                if (peek(0) >= '0' && peek(0) <= '9') {
                    throw error("invalid decimal escape");
                }
                return 0;
            case 'x':
                return hex(2, "invalid \\x escape");
            case 'u':
                return unicodeEscape();
            default:
                if (e >= 0 && "^$\\.*+?()[]{}|/".indexOf(e) >= 0) {
                    return e;
                }
                pos--;
                throw error("invalid escape '\\" + (e < 0 ? "" : String.valueOf((char) e)) + "'");
        }
    }

    private int unicodeEscape() {
        if (peek(0) == '{') {
            int close = src.indexOf('}', pos);
            if (close < 0 || close == pos + 1) {
                throw error("invalid \\u{...} escape");
            }
            int value = 0;
            for (int i = pos + 1; i < close; i++) {
                int digit = Character.digit(src.charAt(i), 16);
                if (digit < 0 || src.charAt(i) >= 0x80) {
                    throw error("invalid \\u{...} escape");
                }
                value = value * 16 + digit;
                if (value > CodePointSet.MAX) {
                    throw error("\\u{...} escape above U+10FFFF");
                }
            }
            pos = close + 1;
            return value;
        }
        int unit = hex(4, "invalid \\u escape");
        if (Character.isHighSurrogate((char) unit) && lookingAt("\\u")) {
            int save = pos;
            pos += 2;
            int low = hex(4, "invalid \\u escape");
            if (Character.isLowSurrogate((char) low)) {
                return Character.toCodePoint((char) unit, (char) low);
            }
            pos = save;
        }
        return unit;
    }

    private int hex(int digits, String message) {
        int value = 0;
        for (int i = 0; i < digits; i++) {
            int c = peek(0);
            if (c < 0 || !PercentEncoding.isHex(c)) {
                throw error(message);
            }
            value = value * 16 + Character.digit(c, 16);
            pos++;
        }
        return value;
    }

    static boolean isGroupName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (!PatternTokenizer.isValidNameCodePoint(cp, i == 0)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    /** Appends one code point as an RE2 literal, valid inside and outside classes. */
    static void appendLiteral(StringBuilder out, int cp) {
        if ((cp >= '0' && cp <= '9') || UrlRecord.isAsciiAlpha(cp)) {
            out.append((char) cp);
        } else {
            out.append("\\x{").append(Integer.toHexString(cp)).append('}');
        }
    }
}
