package dev.herald.bench;

import java.util.Locale;

/** How the load generator's subscribers reach the server: cleartext HTTP/1.1, or over TLS with HTTP/1.1 or HTTP/2. */
enum TlsMode {
    /** Cleartext HTTP/1.1, one connection per subscriber (the other scenarios). */
    OFF,
    /** HTTP/1.1 over TLS, one connection per subscriber. */
    H1,
    /** HTTP/2 over TLS: many subscribers' streams multiplexed on each connection. */
    H2;

    static TlsMode parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "off" -> OFF;
            case "h1" -> H1;
            case "h2" -> H2;
            default -> throw new IllegalArgumentException("--tls must be off, h1 or h2, got: " + name);
        };
    }

    String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What the report appends to a system's name, so each mode is a system of its own: {@code "Herald TLS h2"}. */
    String systemSuffix() {
        return this == OFF ? "" : " TLS " + key();
    }
}
