package dev.herald.topic.urlpattern;

import java.util.Objects;
import java.util.Optional;

/**
 * A URL parsed by the WHATWG URL Standard's basic URL parser: special schemes (http, https, ws,
 * wss, ftp, file) with hierarchical paths, opaque paths for others, per-component percent-encoding,
 * host parsing (domains to ASCII, IPv4 in all its number forms, IPv6), default ports removed and
 * dot segments resolved. Relative input resolves against a base URL.
 *
 * <p>Immutable. Differences from the standard: domain to ASCII uses IDNA2003 ({@link
 * java.net.IDN}) for non-ASCII domains (see {@link HostParser}), only UTF-8 is supported, blob URL
 * entries are not resolved and validation errors are not reported.
 */
public final class WhatwgUrl {

    private final String scheme;
    private final String username;
    private final String password;
    private final String host;
    private final int port;
    private final String path;
    private final boolean opaquePath;
    private final String query;
    private final String fragment;
    private final UrlRecord record;
    private final String href;

    private WhatwgUrl(UrlRecord record) {
        this.record = record;
        this.scheme = record.scheme;
        this.username = record.username;
        this.password = record.password;
        this.host = record.host;
        this.port = record.port;
        this.path = record.pathString();
        this.opaquePath = record.hasOpaquePath();
        this.query = record.query == null ? null : record.query.toString();
        this.fragment = record.fragment == null ? null : record.fragment.toString();
        this.href = record.serialize();
    }

    /**
     * Parses {@code input}, resolving it against {@code base} when it is relative.
     *
     * @param base the base URL, or null for none
     * @throws IllegalArgumentException if {@code input} is not a valid URL (against {@code base})
     */
    public static WhatwgUrl parse(String input, WhatwgUrl base) {
        return tryParse(input, base).orElseThrow(() -> new IllegalArgumentException(
                "not a URL" + (base == null ? "" : " relative to " + base) + ": " + input));
    }

    /** Like {@link #parse}, but empty instead of throwing when {@code input} is not a URL. */
    public static Optional<WhatwgUrl> tryParse(String input, WhatwgUrl base) {
        return Optional.ofNullable(parseOrNull(input, base));
    }

    static WhatwgUrl parseOrNull(String input, WhatwgUrl base) {
        Objects.requireNonNull(input, "input");
        UrlRecord record = UrlParser.parse(input, base == null ? null : base.record);
        return record == null ? null : new WhatwgUrl(record);
    }

    /** The scheme, lowercase, without the trailing ':'. */
    public String scheme() {
        return scheme;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** The serialized host (IPv6 in brackets; "" for the empty host), or null if there is none. */
    public String host() {
        return host;
    }

    /** The port, or -1 when absent or the scheme's default. */
    public int port() {
        return port;
    }

    /** The serialized path: "/"-joined segments, or the opaque path. */
    public String path() {
        return path;
    }

    public boolean hasOpaquePath() {
        return opaquePath;
    }

    /** The query without '?', or null if there is none. */
    public String query() {
        return query;
    }

    /** The fragment without '#', or null if there is none. */
    public String fragment() {
        return fragment;
    }

    public boolean isSpecial() {
        return UrlRecord.isSpecialScheme(scheme);
    }

    /** The record, for URL Pattern's processing; callers must not change it. */
    UrlRecord record() {
        return record;
    }

    /** The URL serializer's output. */
    public String href() {
        return href;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WhatwgUrl && ((WhatwgUrl) o).href.equals(href);
    }

    @Override
    public int hashCode() {
        return href.hashCode();
    }

    @Override
    public String toString() {
        return href;
    }
}
