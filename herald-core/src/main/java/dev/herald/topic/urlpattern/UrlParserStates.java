package dev.herald.topic.urlpattern;

/**
 * The basic URL parser's state, and its states from the path on: path start, path, opaque path,
 * query and fragment. {@link UrlHostStates} and {@link UrlParser} add the others.
 */
abstract class UrlParserStates {

    static final int EOF = -1;
    /** Step results: keep going, stop successfully (state override), or fail. */
    static final int CONTINUE = 0;
    static final int DONE = 1;
    static final int FAILURE = 2;

    final int[] in;
    final UrlRecord url;
    final UrlRecord base;
    final UrlState override;
    final StringBuilder buffer = new StringBuilder();
    UrlState state;
    int pointer;

    UrlParserStates(int[] in, UrlRecord url, UrlRecord base, UrlState override) {
        this.in = in;
        this.url = url;
        this.base = base;
        this.override = override;
    }

    /** The code point at {@code i}, or EOF past either end. */
    final int at(int i) {
        return i >= 0 && i < in.length ? in[i] : EOF;
    }

    /** Whether the code point after the pointer (the start of "remaining") is {@code c}. */
    final boolean remainingStartsWith(int c) {
        return at(pointer + 1) == c;
    }

    final boolean isSpecialBackslash(int c) {
        return c == '\\' && url.isSpecial();
    }

    final int pathStartState(int c) {
        if (url.isSpecial()) {
            state = UrlState.PATH;
            if (c != '/' && c != '\\') {
                pointer--;
            }
        } else if (override == null && c == '?') {
            url.query = new StringBuilder();
            state = UrlState.QUERY;
        } else if (override == null && c == '#') {
            url.fragment = new StringBuilder();
            state = UrlState.FRAGMENT;
        } else if (c != EOF) {
            state = UrlState.PATH;
            if (c != '/') {
                pointer--;
            }
        } else if (override != null && url.host == null) {
            url.path.add("");
        }
        return CONTINUE;
    }

    final int pathState(int c) {
        boolean slash = c == '/' || isSpecialBackslash(c);
        if (!(c == EOF || slash || (override == null && (c == '?' || c == '#')))) {
            PercentEncoding.PATH.append(buffer, c);
            return CONTINUE;
        }
        if (isDoubleDot(buffer)) {
            url.shortenPath();
            if (!slash) {
                url.path.add("");
            }
        } else if (isSingleDot(buffer)) {
            if (!slash) {
                url.path.add("");
            }
        } else {
            if (url.scheme.equals("file") && url.path.isEmpty() && UrlRecord.isWindowsDriveLetter(buffer)) {
                buffer.setCharAt(1, ':');
            }
            url.path.add(buffer.toString());
        }
        buffer.setLength(0);
        if (c == '?') {
            url.query = new StringBuilder();
            state = UrlState.QUERY;
        } else if (c == '#') {
            url.fragment = new StringBuilder();
            state = UrlState.FRAGMENT;
        }
        return CONTINUE;
    }

    final int opaquePathState(int c) {
        if (c == '?') {
            url.query = new StringBuilder();
            state = UrlState.QUERY;
        } else if (c == '#') {
            url.fragment = new StringBuilder();
            state = UrlState.FRAGMENT;
        } else if (c == ' ') {
            int next = at(pointer + 1);
            url.opaquePath.append(next == '?' || next == '#' ? "%20" : " ");
        } else if (c != EOF) {
            PercentEncoding.C0_CONTROL.append(url.opaquePath, c);
        }
        return CONTINUE;
    }

    final int queryState(int c) {
        if ((override == null && c == '#') || c == EOF) {
            PercentEncoding set = url.isSpecial() ? PercentEncoding.SPECIAL_QUERY : PercentEncoding.QUERY;
            if (url.query == null) {
                url.query = new StringBuilder();
            }
            url.query.append(set.encode(buffer));
            buffer.setLength(0);
            if (c == '#') {
                url.fragment = new StringBuilder();
                state = UrlState.FRAGMENT;
            }
        } else {
            buffer.appendCodePoint(c);
        }
        return CONTINUE;
    }

    final int fragmentState(int c) {
        if (c != EOF) {
            if (url.fragment == null) {
                url.fragment = new StringBuilder();
            }
            PercentEncoding.FRAGMENT.append(url.fragment, c);
        }
        return CONTINUE;
    }

    static StringBuilder copy(StringBuilder s) {
        return s == null ? null : new StringBuilder(s);
    }

    /** Whether the code points from {@code from} on start with a Windows drive letter. */
    final boolean startsWithWindowsDriveLetter(int from) {
        if (from < 0 || in.length - from < 2) {
            return false;
        }
        if (!UrlRecord.isAsciiAlpha(in[from]) || (in[from + 1] != ':' && in[from + 1] != '|')) {
            return false;
        }
        int third = at(from + 2);
        return third == EOF || third == '/' || third == '\\' || third == '?' || third == '#';
    }

    static boolean isSingleDot(CharSequence s) {
        return s.length() == 1 && s.charAt(0) == '.' || s.length() == 3 && isPercent2e(s, 0);
    }

    static boolean isDoubleDot(CharSequence s) {
        switch (s.length()) {
            case 2:
                return s.charAt(0) == '.' && s.charAt(1) == '.';
            case 4:
                return s.charAt(0) == '.' && isPercent2e(s, 1) || isPercent2e(s, 0) && s.charAt(3) == '.';
            case 6:
                return isPercent2e(s, 0) && isPercent2e(s, 3);
            default:
                return false;
        }
    }

    private static boolean isPercent2e(CharSequence s, int i) {
        return s.charAt(i) == '%' && s.charAt(i + 1) == '2' && (s.charAt(i + 2) == 'e' || s.charAt(i + 2) == 'E');
    }
}
