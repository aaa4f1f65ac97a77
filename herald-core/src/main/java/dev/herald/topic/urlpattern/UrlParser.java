package dev.herald.topic.urlpattern;

import java.util.Arrays;

/**
 * The URL Standard's basic URL parser (UTF-8 only, no validation-error reporting), including the
 * state overrides URL Pattern's canonicalization runs it with. One instance parses one input.
 */
final class UrlParser extends UrlHostStates {

    private UrlParser(int[] in, UrlRecord url, UrlRecord base, UrlState override) {
        super(in, url, base, override);
        this.state = override != null ? override : UrlState.SCHEME_START;
    }

    /** Parses {@code input} against {@code base} (nullable); null on failure. */
    static UrlRecord parse(String input, UrlRecord base) {
        UrlRecord url = new UrlRecord();
        UrlParser parser = new UrlParser(codePoints(input, true), url, base, null);
        return parser.run() ? url : null;
    }

    /** Runs the parser over {@code input} into {@code url} from {@code override}; false on failure. */
    static boolean parseInto(String input, UrlRecord url, UrlState override) {
        return new UrlParser(codePoints(input, false), url, null, override).run();
    }

    /**
     * The input as code points: lone surrogates become U+FFFD (it is a scalar value string), ASCII
     * tab and newline are removed and, for a fresh URL, leading and trailing C0 controls and spaces.
     */
    private static int[] codePoints(String input, boolean trim) {
        int start = 0;
        int end = input.length();
        if (trim) {
            while (start < end && input.charAt(start) <= ' ') {
                start++;
            }
            while (end > start && input.charAt(end - 1) <= ' ') {
                end--;
            }
        }
        int[] out = new int[end - start];
        int n = 0;
        for (int i = start; i < end; ) {
            int cp = input.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\t' || cp == '\n' || cp == '\r') {
                continue;
            }
            out[n++] = Character.isSurrogate((char) cp) && cp <= 0xFFFF ? 0xFFFD : cp;
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private boolean run() {
        pointer = 0;
        while (true) {
            int result = step(at(pointer));
            if (result != CONTINUE) {
                return result == DONE;
            }
            if (pointer >= in.length) {
                return true;
            }
            pointer++;
        }
    }

    private int step(int c) {
        switch (state) {
            case SCHEME_START: return schemeStartState(c);
            case SCHEME: return schemeState(c);
            case NO_SCHEME: return noSchemeState(c);
            case SPECIAL_RELATIVE_OR_AUTHORITY:
                if (c == '/' && remainingStartsWith('/')) {
                    state = UrlState.SPECIAL_AUTHORITY_IGNORE_SLASHES;
                    pointer++;
                } else {
                    state = UrlState.RELATIVE;
                    pointer--;
                }
                return CONTINUE;
            case PATH_OR_AUTHORITY:
                if (c == '/') {
                    state = UrlState.AUTHORITY;
                } else {
                    state = UrlState.PATH;
                    pointer--;
                }
                return CONTINUE;
            case RELATIVE: return relativeState(c);
            case RELATIVE_SLASH: return relativeSlashState(c);
            case SPECIAL_AUTHORITY_SLASHES:
                state = UrlState.SPECIAL_AUTHORITY_IGNORE_SLASHES;
                if (c == '/' && remainingStartsWith('/')) {
                    pointer++;
                } else {
                    pointer--;
                }
                return CONTINUE;
            case SPECIAL_AUTHORITY_IGNORE_SLASHES:
                if (c != '/' && c != '\\') {
                    state = UrlState.AUTHORITY;
                    pointer--;
                }
                return CONTINUE;
            case AUTHORITY: return authorityState(c);
            case HOST:
            case HOSTNAME: return hostState(c);
            case PORT: return portState(c);
            case FILE: return fileState(c);
            case FILE_SLASH: return fileSlashState(c);
            case FILE_HOST: return fileHostState(c);
            case PATH_START: return pathStartState(c);
            case PATH: return pathState(c);
            case OPAQUE_PATH: return opaquePathState(c);
            case QUERY: return queryState(c);
            case FRAGMENT: return fragmentState(c);
            default: throw new AssertionError(state);
        }
    }

    private int schemeStartState(int c) {
        if (UrlRecord.isAsciiAlpha(c)) {
            buffer.append((char) Character.toLowerCase(c));
            state = UrlState.SCHEME;
        } else if (override == null) {
            state = UrlState.NO_SCHEME;
            pointer--;
        } else {
            return FAILURE;
        }
        return CONTINUE;
    }

    private int schemeState(int c) {
        if (UrlRecord.isAsciiAlpha(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') {
            buffer.append((char) Character.toLowerCase(c));
            return CONTINUE;
        }
        if (c != ':') {
            if (override != null) {
                return FAILURE;
            }
            buffer.setLength(0);
            state = UrlState.NO_SCHEME;
            pointer = -1;
            return CONTINUE;
        }
        String candidate = buffer.toString();
        if (override != null) {
            if (url.isSpecial() != UrlRecord.isSpecialScheme(candidate)) {
                return DONE;
            }
            if ((url.includesCredentials() || url.port >= 0) && candidate.equals("file")) {
                return DONE;
            }
            if (url.scheme.equals("file") && "".equals(url.host)) {
                return DONE;
            }
        }
        url.scheme = candidate;
        if (override != null) {
            if (url.port == UrlRecord.defaultPort(url.scheme)) {
                url.port = -1;
            }
            return DONE;
        }
        buffer.setLength(0);
        if (url.scheme.equals("file")) {
            state = UrlState.FILE;
        } else if (url.isSpecial() && base != null && base.scheme.equals(url.scheme)) {
            state = UrlState.SPECIAL_RELATIVE_OR_AUTHORITY;
        } else if (url.isSpecial()) {
            state = UrlState.SPECIAL_AUTHORITY_SLASHES;
        } else if (remainingStartsWith('/')) {
            state = UrlState.PATH_OR_AUTHORITY;
            pointer++;
        } else {
            url.opaquePath = new StringBuilder();
            state = UrlState.OPAQUE_PATH;
        }
        return CONTINUE;
    }

    private int noSchemeState(int c) {
        if (base == null || (base.hasOpaquePath() && c != '#')) {
            return FAILURE;
        }
        if (base.hasOpaquePath()) {
            url.scheme = base.scheme;
            url.opaquePath = copy(base.opaquePath);
            url.query = copy(base.query);
            url.fragment = new StringBuilder();
            state = UrlState.FRAGMENT;
        } else {
            state = base.scheme.equals("file") ? UrlState.FILE : UrlState.RELATIVE;
            pointer--;
        }
        return CONTINUE;
    }

    private int relativeState(int c) {
        url.scheme = base.scheme;
        if (c == '/' || isSpecialBackslash(c)) {
            state = UrlState.RELATIVE_SLASH;
            return CONTINUE;
        }
        url.copyAuthorityFrom(base);
        url.path.clear();
        url.path.addAll(base.path);
        url.query = copy(base.query);
        if (c == '?') {
            url.query = new StringBuilder();
            state = UrlState.QUERY;
        } else if (c == '#') {
            url.fragment = new StringBuilder();
            state = UrlState.FRAGMENT;
        } else if (c != EOF) {
            url.query = null;
            url.shortenPath();
            state = UrlState.PATH;
            pointer--;
        }
        return CONTINUE;
    }

    private int relativeSlashState(int c) {
        if (url.isSpecial() && (c == '/' || c == '\\')) {
            state = UrlState.SPECIAL_AUTHORITY_IGNORE_SLASHES;
        } else if (c == '/') {
            state = UrlState.AUTHORITY;
        } else {
            url.copyAuthorityFrom(base);
            state = UrlState.PATH;
            pointer--;
        }
        return CONTINUE;
    }
}
