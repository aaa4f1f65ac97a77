package dev.herald.topic.urlpattern;

/**
 * The basic URL parser's states for the authority (userinfo, host, port) and for file URLs, which
 * {@link UrlParser} reaches from its scheme states.
 */
abstract class UrlHostStates extends UrlParserStates {

    private boolean atSignSeen;
    private boolean insideBrackets;
    private boolean passwordTokenSeen;

    UrlHostStates(int[] in, UrlRecord url, UrlRecord base, UrlState override) {
        super(in, url, base, override);
    }

    final int fileState(int c) {
        url.scheme = "file";
        url.host = "";
        if (c == '/' || c == '\\') {
            state = UrlState.FILE_SLASH;
        } else if (base != null && base.scheme.equals("file")) {
            url.host = base.host;
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
                if (!startsWithWindowsDriveLetter(pointer)) {
                    url.shortenPath();
                } else {
                    url.path.clear();
                }
                state = UrlState.PATH;
                pointer--;
            }
        } else {
            state = UrlState.PATH;
            pointer--;
        }
        return CONTINUE;
    }

    final int fileSlashState(int c) {
        if (c == '/' || c == '\\') {
            state = UrlState.FILE_HOST;
            return CONTINUE;
        }
        if (base != null && base.scheme.equals("file")) {
            url.host = base.host;
            if (!startsWithWindowsDriveLetter(pointer) && !base.path.isEmpty()
                    && UrlRecord.isNormalizedWindowsDriveLetter(base.path.get(0))) {
                url.path.add(base.path.get(0));
            }
        }
        state = UrlState.PATH;
        pointer--;
        return CONTINUE;
    }

    final int fileHostState(int c) {
        if (c != EOF && c != '/' && c != '\\' && c != '?' && c != '#') {
            buffer.appendCodePoint(c);
            return CONTINUE;
        }
        pointer--;
        if (override == null && UrlRecord.isWindowsDriveLetter(buffer)) {
            // The buffer is kept: the path state takes it as the first segment.
            state = UrlState.PATH;
        } else if (buffer.length() == 0) {
            url.host = "";
            if (override != null) {
                return DONE;
            }
            state = UrlState.PATH_START;
        } else {
            String host = HostParser.parse(buffer.toString(), !url.isSpecial());
            if (host == null) {
                return FAILURE;
            }
            url.host = host.equals("localhost") ? "" : host;
            if (override != null) {
                return DONE;
            }
            buffer.setLength(0);
            state = UrlState.PATH_START;
        }
        return CONTINUE;
    }

    final int authorityState(int c) {
        if (c == '@') {
            if (atSignSeen) {
                buffer.insert(0, "%40");
            }
            atSignSeen = true;
            StringBuilder username = new StringBuilder(url.username);
            StringBuilder password = new StringBuilder(url.password);
            for (int i = 0; i < buffer.length(); ) {
                int cp = buffer.codePointAt(i);
                i += Character.charCount(cp);
                if (cp == ':' && !passwordTokenSeen) {
                    passwordTokenSeen = true;
                    continue;
                }
                PercentEncoding.USERINFO.append(passwordTokenSeen ? password : username, cp);
            }
            url.username = username.toString();
            url.password = password.toString();
            buffer.setLength(0);
        } else if (c == EOF || c == '/' || c == '?' || c == '#' || isSpecialBackslash(c)) {
            if (atSignSeen && buffer.length() == 0) {
                return FAILURE;
            }
            pointer -= buffer.codePointCount(0, buffer.length()) + 1;
            buffer.setLength(0);
            state = UrlState.HOST;
        } else {
            buffer.appendCodePoint(c);
        }
        return CONTINUE;
    }

    final int hostState(int c) {
        if (override != null && url.scheme.equals("file")) {
            pointer--;
            state = UrlState.FILE_HOST;
        } else if (c == ':' && !insideBrackets) {
            if (buffer.length() == 0 || override == UrlState.HOSTNAME) {
                return FAILURE;
            }
            String host = HostParser.parse(buffer.toString(), !url.isSpecial());
            if (host == null) {
                return FAILURE;
            }
            url.host = host;
            buffer.setLength(0);
            state = UrlState.PORT;
        } else if (c == EOF || c == '/' || c == '?' || c == '#' || isSpecialBackslash(c)) {
            pointer--;
            if (url.isSpecial() && buffer.length() == 0) {
                return FAILURE;
            }
            if (override != null && buffer.length() == 0 && (url.includesCredentials() || url.port >= 0)) {
                return FAILURE;
            }
            String host = HostParser.parse(buffer.toString(), !url.isSpecial());
            if (host == null) {
                return FAILURE;
            }
            url.host = host;
            buffer.setLength(0);
            state = UrlState.PATH_START;
            if (override != null) {
                return DONE;
            }
        } else {
            if (c == '[') {
                insideBrackets = true;
            } else if (c == ']') {
                insideBrackets = false;
            }
            buffer.appendCodePoint(c);
        }
        return CONTINUE;
    }

    final int portState(int c) {
        if (c >= '0' && c <= '9') {
            buffer.append((char) c);
            return CONTINUE;
        }
        if (!(c == EOF || c == '/' || c == '?' || c == '#' || isSpecialBackslash(c) || override != null)) {
            return FAILURE;
        }
        if (buffer.length() > 0) {
            int port = 0;
            for (int i = 0; i < buffer.length(); i++) {
                port = port * 10 + (buffer.charAt(i) - '0');
                if (port > 0xFFFF) {
                    return FAILURE;
                }
            }
            url.port = port == UrlRecord.defaultPort(url.scheme) ? -1 : port;
            buffer.setLength(0);
            if (override != null) {
                return DONE;
            }
        }
        if (override != null) {
            return FAILURE;
        }
        state = UrlState.PATH_START;
        pointer--;
        return CONTINUE;
    }
}
