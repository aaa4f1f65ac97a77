package dev.herald.topic.urlpattern;

import dev.herald.topic.urlpattern.UrlPatternInit.Name;
import dev.herald.topic.urlpattern.UrlPatternResult.ComponentResult;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A compiled WHATWG URL Pattern (urlpattern.spec.whatwg.org), as Mercure's {@code match_urlpattern}
 * uses it: a pattern such as {@code https://example.com/books/:id} or, resolved against a base URL
 * such as the hub's, {@code /books/:id}, tested against topics that are themselves resolved
 * against the same base URL.
 *
 * <p>Matching runs in time linear in the topic's length: each component compiles to a regular
 * expression run by RE2/J, and regexp groups written in the pattern are translated to RE2 syntax;
 * what RE2 cannot run in linear time (lookaround, backreferences) makes the pattern invalid. The
 * {@code ignoreCase} option is not supported: matching is case-sensitive, and hosts are
 * case-insensitive through canonicalization. A pattern may be at most {@value #MAX_PATTERN_LENGTH}
 * characters long and have at most {@value #MAX_PARTS} parts (fixed texts and groups) in all.
 *
 * <p>Immutable and thread-safe.
 */
public final class UrlPattern {

    /** The longest pattern string accepted, in chars. */
    public static final int MAX_PATTERN_LENGTH = 2048;
    /** The most parts (fixed text pieces and groups, all components together) a pattern may have. */
    public static final int MAX_PARTS = 128;

    private final Component[] components;
    /** The base URL that inputs resolve against; null if none was given. */
    private final UrlRecord base;

    private UrlPattern(Component[] components, UrlRecord base) {
        this.components = components;
        this.base = base;
    }

    /**
     * Compiles {@code pattern}, which may be relative to {@code baseUrl}.
     *
     * @param baseUrl the URL relative patterns and inputs resolve against (the hub URL for
     *     Mercure), or null to require an absolute pattern and absolute inputs
     * @throws IllegalArgumentException with a message naming the problem if the pattern or the
     *     base URL is invalid, uses regular expression syntax RE2 cannot run, or is too large
     */
    public static UrlPattern compile(String pattern, String baseUrl) {
        Objects.requireNonNull(pattern, "pattern");
        if (pattern.length() > MAX_PATTERN_LENGTH) {
            throw new IllegalArgumentException("URL pattern longer than " + MAX_PATTERN_LENGTH + " characters");
        }
        UrlPatternInit init = ConstructorStringParser.parse(pattern);
        if (baseUrl == null && !init.has(Name.PROTOCOL)) {
            throw new IllegalArgumentException("relative URL pattern '" + pattern + "' without a base URL");
        }
        UrlRecord base = null;
        if (baseUrl != null) {
            base = UrlParser.parse(baseUrl, null);
            if (base == null) {
                throw new IllegalArgumentException("invalid base URL '" + baseUrl + "'");
            }
            init.setBaseUrl(baseUrl);
        }
        return create(init, base);
    }

    /**
     * The standard's "create" for a URLPatternInit (whose own baseURL, if any, only fills in the
     * pattern); also the end of {@link #compile}. {@code matchBase} (nullable) is what
     * {@link #matches} and {@link #exec(String)} resolve their input against.
     */
    static UrlPattern create(UrlPatternInit init, UrlRecord matchBase) {
        int length = 0;
        for (Name name : Name.values()) {
            length += init.has(name) ? init.get(name).length() : 0;
        }
        if (length > MAX_PATTERN_LENGTH) {
            throw new IllegalArgumentException("URL pattern longer than " + MAX_PATTERN_LENGTH + " characters");
        }
        UrlPatternInit processed = InitProcessor.process(init, true, null);
        for (Name name : Name.values()) {
            if (!processed.has(name)) {
                processed.set(name, "*");
            }
        }
        String protocol = processed.get(Name.PROTOCOL);
        int defaultPort = UrlRecord.defaultPort(protocol);
        if (defaultPort >= 0 && processed.get(Name.PORT).equals(Integer.toString(defaultPort))) {
            processed.set(Name.PORT, "");
        }
        Component[] components = new Component[Name.values().length];
        components[Name.PROTOCOL.ordinal()] = Component.compile(protocol, Canonicalizer::protocol, PatternOptions.DEFAULT);
        components[Name.USERNAME.ordinal()] =
                Component.compile(processed.get(Name.USERNAME), Canonicalizer::username, PatternOptions.DEFAULT);
        components[Name.PASSWORD.ordinal()] =
                Component.compile(processed.get(Name.PASSWORD), Canonicalizer::password, PatternOptions.DEFAULT);
        String hostname = processed.get(Name.HOSTNAME);
        components[Name.HOSTNAME.ordinal()] = Component.compile(hostname,
                isIpv6Pattern(hostname) ? Canonicalizer::ipv6Hostname : Canonicalizer::hostname, PatternOptions.HOSTNAME);
        components[Name.PORT.ordinal()] =
                Component.compile(processed.get(Name.PORT), value -> Canonicalizer.port(value, null), PatternOptions.DEFAULT);
        components[Name.PATHNAME.ordinal()] = components[Name.PROTOCOL.ordinal()].matchesSpecialScheme()
                ? Component.compile(processed.get(Name.PATHNAME), Canonicalizer::pathname, PatternOptions.PATHNAME)
                : Component.compile(processed.get(Name.PATHNAME), Canonicalizer::opaquePathname, PatternOptions.DEFAULT);
        components[Name.SEARCH.ordinal()] =
                Component.compile(processed.get(Name.SEARCH), Canonicalizer::search, PatternOptions.DEFAULT);
        components[Name.HASH.ordinal()] =
                Component.compile(processed.get(Name.HASH), Canonicalizer::hash, PatternOptions.DEFAULT);
        int parts = 0;
        for (Component component : components) {
            parts += component.partCount;
        }
        if (parts > MAX_PARTS) {
            throw new IllegalArgumentException("URL pattern with more than " + MAX_PARTS + " parts");
        }
        return new UrlPattern(components, matchBase);
    }

    private static boolean isIpv6Pattern(String input) {
        if (input.length() < 2) {
            return false;
        }
        char first = input.charAt(0);
        return first == '[' || ((first == '{' || first == '\\') && input.charAt(1) == '[');
    }

    /**
     * Whether {@code topic} matches, after resolving it against the base URL given at compilation.
     * A topic that is null or not a URL (reference) never matches; this never throws.
     */
    public boolean matches(String topic) {
        if (topic == null) {
            return false;
        }
        UrlRecord url = UrlParser.parse(topic, base);
        return url != null && test(values(url));
    }

    /**
     * Whether an already parsed URL matches: for testing one topic, parsed once (against the same
     * base URL), against many patterns.
     */
    public boolean matches(WhatwgUrl url) {
        return url != null && test(values(url.record()));
    }

    /** The groups each component captured from {@code topic}, empty if it does not match. */
    public Optional<UrlPatternResult> exec(String topic) {
        if (topic == null) {
            return Optional.empty();
        }
        UrlRecord url = UrlParser.parse(topic, base);
        return url == null ? Optional.empty() : Optional.ofNullable(exec(values(url)));
    }

    /**
     * The standard's constructor with a URLPatternInit: the init's own baseURL fills in the pattern,
     * and a separate base URL is an error.
     */
    static UrlPattern create(UrlPatternInit init, String baseUrl) {
        if (baseUrl != null) {
            throw new IllegalArgumentException("a base URL cannot be given with a URLPatternInit");
        }
        return create(init, (UrlRecord) null);
    }

    /** The standard's match for a URLPatternInit input (with no separate base URL). */
    UrlPatternResult exec(UrlPatternInit input, String baseUrl) {
        if (baseUrl != null) {
            throw new IllegalArgumentException("a base URL cannot be given with a URLPatternInit");
        }
        return exec(input);
    }

    /** The standard's match for a URLPatternInit input: its components are canonicalized first. */
    UrlPatternResult exec(UrlPatternInit input) {
        try {
            UrlPatternInit processed = InitProcessor.process(input, false, "");
            String[] values = new String[Name.values().length];
            for (Name name : Name.values()) {
                values[name.ordinal()] = processed.get(name);
            }
            return exec(values);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The standard's match for a URL string input relative to {@code baseUrl} (nullable). */
    UrlPatternResult exec(String input, String baseUrl) {
        UrlRecord baseRecord = null;
        if (baseUrl != null) {
            baseRecord = UrlParser.parse(baseUrl, null);
            if (baseRecord == null) {
                return null;
            }
        }
        UrlRecord url = UrlParser.parse(input, baseRecord);
        return url == null ? null : exec(values(url));
    }

    private static String[] values(UrlRecord url) {
        return new String[] {
            url.scheme, url.username, url.password, url.host == null ? "" : url.host,
            url.port < 0 ? "" : Integer.toString(url.port), url.pathString(),
            url.query == null ? "" : url.query.toString(), url.fragment == null ? "" : url.fragment.toString()
        };
    }

    private boolean test(String[] values) {
        for (int i = 0; i < components.length; i++) {
            if (!components[i].test(values[i])) {
                return false;
            }
        }
        return true;
    }

    private UrlPatternResult exec(String[] values) {
        ComponentResult[] results = new ComponentResult[components.length];
        for (int i = 0; i < components.length; i++) {
            Map<String, String> groups = components[i].exec(values[i]);
            if (groups == null) {
                return null;
            }
            results[i] = new ComponentResult(values[i], groups);
        }
        return new UrlPatternResult(results[0], results[1], results[2], results[3], results[4], results[5],
                results[6], results[7]);
    }

    /** The normalized pattern string of the protocol component. */
    public String protocol() {
        return components[Name.PROTOCOL.ordinal()].patternString;
    }

    public String username() {
        return components[Name.USERNAME.ordinal()].patternString;
    }

    public String password() {
        return components[Name.PASSWORD.ordinal()].patternString;
    }

    public String hostname() {
        return components[Name.HOSTNAME.ordinal()].patternString;
    }

    public String port() {
        return components[Name.PORT.ordinal()].patternString;
    }

    public String pathname() {
        return components[Name.PATHNAME.ordinal()].patternString;
    }

    public String search() {
        return components[Name.SEARCH.ordinal()].patternString;
    }

    public String hash() {
        return components[Name.HASH.ordinal()].patternString;
    }

    /** Whether any component has a group with a regular expression written in the pattern. */
    public boolean hasRegExpGroups() {
        for (Component component : components) {
            if (component.hasRegexpGroups) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return protocol() + "://" + username() + ":" + password() + "@" + hostname() + ":" + port() + pathname()
                + "?" + search() + "#" + hash();
    }
}
