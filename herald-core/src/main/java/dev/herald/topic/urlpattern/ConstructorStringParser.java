package dev.herald.topic.urlpattern;

import dev.herald.topic.urlpattern.PatternTokenizer.Token;
import dev.herald.topic.urlpattern.PatternTokenizer.Type;
import dev.herald.topic.urlpattern.UrlPatternInit.Name;
import java.util.List;

/**
 * The standard's constructor string parser: splits a whole-URL pattern string such as
 * "https://*.example.com/books/:id" into its components, working on lenient tokens so that
 * pattern syntax ("{...}", ":name", "(...)") never reads as a URL separator.
 */
final class ConstructorStringParser {

    private enum State { INIT, PROTOCOL, AUTHORITY, USERNAME, PASSWORD, HOSTNAME, PORT, PATHNAME, SEARCH, HASH, DONE }

    private final int[] input;
    private final List<Token> tokens;
    private final UrlPatternInit result = new UrlPatternInit();
    private int componentStart;
    private int tokenIndex;
    private int tokenIncrement = 1;
    private int groupDepth;
    private int ipv6BracketDepth;
    private boolean protocolMatchesSpecialScheme;
    private State state = State.INIT;

    private ConstructorStringParser(String input) {
        this.input = input.codePoints().toArray();
        this.tokens = PatternTokenizer.tokenize(input, false);
    }

    static UrlPatternInit parse(String input) {
        ConstructorStringParser parser = new ConstructorStringParser(input);
        parser.run();
        return parser.result;
    }

    private void run() {
        while (tokenIndex < tokens.size()) {
            tokenIncrement = 1;
            if (tokens.get(tokenIndex).type() == Type.END) {
                if (state == State.INIT) {
                    // No protocol terminator: a relative pattern, starting at the pathname, search or hash.
                    rewind();
                    if (isNonSpecialPatternChar(tokenIndex, "#")) {
                        changeState(State.HASH, 1);
                    } else if (isSearchPrefix()) {
                        changeState(State.SEARCH, 1);
                    } else {
                        changeState(State.PATHNAME, 0);
                    }
                    tokenIndex += tokenIncrement;
                    continue;
                }
                if (state == State.AUTHORITY) {
                    // No '@': there is no username or password.
                    rewindAndSetState(State.HOSTNAME);
                    tokenIndex += tokenIncrement;
                    continue;
                }
                changeState(State.DONE, 0);
                break;
            }
            if (tokens.get(tokenIndex).type() == Type.OPEN) {
                // A component boundary cannot lie inside a "{...}" group.
                groupDepth++;
                tokenIndex += tokenIncrement;
                continue;
            }
            if (groupDepth > 0) {
                if (tokens.get(tokenIndex).type() == Type.CLOSE) {
                    groupDepth--;
                } else {
                    tokenIndex += tokenIncrement;
                    continue;
                }
            }
            step();
            tokenIndex += tokenIncrement;
        }
        if (result.has(Name.HOSTNAME) && !result.has(Name.PORT)) {
            // No port written means the default port; "*" has to be written out.
            result.set(Name.PORT, "");
        }
    }

    private void step() {
        switch (state) {
            case INIT:
                if (isNonSpecialPatternChar(tokenIndex, ":")) {
                    rewindAndSetState(State.PROTOCOL);
                }
                break;
            case PROTOCOL:
                if (isNonSpecialPatternChar(tokenIndex, ":")) {
                    computeProtocolMatchesSpecialScheme();
                    State next = State.PATHNAME;
                    int skip = 1;
                    if (isNonSpecialPatternChar(tokenIndex + 1, "/") && isNonSpecialPatternChar(tokenIndex + 2, "/")) {
                        next = State.AUTHORITY;
                        skip = 3;
                    } else if (protocolMatchesSpecialScheme) {
                        next = State.AUTHORITY;
                    }
                    changeState(next, skip);
                }
                break;
            case AUTHORITY:
                if (isNonSpecialPatternChar(tokenIndex, "@")) {
                    rewindAndSetState(State.USERNAME);
                } else if (isNonSpecialPatternChar(tokenIndex, "/") || isSearchPrefix()
                        || isNonSpecialPatternChar(tokenIndex, "#")) {
                    rewindAndSetState(State.HOSTNAME);
                }
                break;
            case USERNAME:
                if (isNonSpecialPatternChar(tokenIndex, ":")) {
                    changeState(State.PASSWORD, 1);
                } else if (isNonSpecialPatternChar(tokenIndex, "@")) {
                    changeState(State.HOSTNAME, 1);
                }
                break;
            case PASSWORD:
                if (isNonSpecialPatternChar(tokenIndex, "@")) {
                    changeState(State.HOSTNAME, 1);
                }
                break;
            case HOSTNAME:
                if (isNonSpecialPatternChar(tokenIndex, "[")) {
                    ipv6BracketDepth++;
                } else if (isNonSpecialPatternChar(tokenIndex, "]")) {
                    ipv6BracketDepth--;
                } else if (isNonSpecialPatternChar(tokenIndex, ":") && ipv6BracketDepth == 0) {
                    changeState(State.PORT, 1);
                } else if (isNonSpecialPatternChar(tokenIndex, "/")) {
                    changeState(State.PATHNAME, 0);
                } else if (isSearchPrefix()) {
                    changeState(State.SEARCH, 1);
                } else if (isNonSpecialPatternChar(tokenIndex, "#")) {
                    changeState(State.HASH, 1);
                }
                break;
            case PORT:
                if (isNonSpecialPatternChar(tokenIndex, "/")) {
                    changeState(State.PATHNAME, 0);
                } else if (isSearchPrefix()) {
                    changeState(State.SEARCH, 1);
                } else if (isNonSpecialPatternChar(tokenIndex, "#")) {
                    changeState(State.HASH, 1);
                }
                break;
            case PATHNAME:
                if (isSearchPrefix()) {
                    changeState(State.SEARCH, 1);
                } else if (isNonSpecialPatternChar(tokenIndex, "#")) {
                    changeState(State.HASH, 1);
                }
                break;
            case SEARCH:
                if (isNonSpecialPatternChar(tokenIndex, "#")) {
                    changeState(State.HASH, 1);
                }
                break;
            default:
                break;
        }
    }

    private void changeState(State newState, int skip) {
        if (state != State.INIT && state != State.AUTHORITY && state != State.DONE) {
            result.set(Name.valueOf(state.name()), makeComponentString());
        }
        if (state != State.INIT && newState != State.DONE) {
            boolean beforeHostname = state == State.PROTOCOL || state == State.AUTHORITY
                    || state == State.USERNAME || state == State.PASSWORD;
            boolean beforePathname = beforeHostname || state == State.HOSTNAME || state == State.PORT;
            if (beforeHostname && (newState == State.PORT || newState == State.PATHNAME
                    || newState == State.SEARCH || newState == State.HASH) && !result.has(Name.HOSTNAME)) {
                result.set(Name.HOSTNAME, "");
            }
            if (beforePathname && (newState == State.SEARCH || newState == State.HASH) && !result.has(Name.PATHNAME)) {
                result.set(Name.PATHNAME, protocolMatchesSpecialScheme ? "/" : "");
            }
            if ((beforePathname || state == State.PATHNAME) && newState == State.HASH && !result.has(Name.SEARCH)) {
                result.set(Name.SEARCH, "");
            }
        }
        state = newState;
        tokenIndex += skip;
        componentStart = tokenIndex;
        tokenIncrement = 0;
    }

    private void rewind() {
        tokenIndex = componentStart;
        tokenIncrement = 0;
    }

    private void rewindAndSetState(State newState) {
        rewind();
        state = newState;
    }

    private Token safeToken(int index) {
        return index < tokens.size() ? tokens.get(index) : tokens.get(tokens.size() - 1);
    }

    private boolean isNonSpecialPatternChar(int index, String value) {
        Token token = safeToken(index);
        return token.value().equals(value)
                && (token.type() == Type.CHAR || token.type() == Type.ESCAPED_CHAR || token.type() == Type.INVALID_CHAR);
    }

    private boolean isSearchPrefix() {
        if (isNonSpecialPatternChar(tokenIndex, "?")) {
            return true;
        }
        if (!tokens.get(tokenIndex).value().equals("?")) {
            return false;
        }
        if (tokenIndex == 0) {
            return true;
        }
        // A '?' right after a group is its modifier, not the start of the search.
        Type previous = safeToken(tokenIndex - 1).type();
        return previous != Type.NAME && previous != Type.REGEXP && previous != Type.CLOSE && previous != Type.ASTERISK;
    }

    private String makeComponentString() {
        int start = safeToken(componentStart).index();
        int end = tokens.get(tokenIndex).index();
        return new String(input, start, end - start);
    }

    private void computeProtocolMatchesSpecialScheme() {
        Component protocol = Component.compile(makeComponentString(), Canonicalizer::protocol, PatternOptions.DEFAULT);
        protocolMatchesSpecialScheme = protocol.matchesSpecialScheme();
    }
}
