package dev.herald.server.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The console's static files, read from the jar once: a fixed set of names, looked up in a map,
 * so no request path ever reaches a file system or a class loader. Names outside the plain
 * {@code name.ext} shape (dots, encodings, slashes, backslashes, control characters) are refused
 * before the lookup.
 */
public final class ConsoleFiles {
    /** Only the console's own files and requests to the hub itself: no inline code, no other origin. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final String RESOURCES = "/dev/herald/server/admin/";
    private static final Pattern PLAIN_NAME = Pattern.compile("[a-z][a-z0-9-]*\\.[a-z]+");
    private static final Pattern SAFE_CHARACTERS = Pattern.compile("[A-Za-z0-9._~-]*");

    /** One file: its bytes, type and a strong validator for conditional requests. */
    public record ConsoleFile(String name, String contentType, byte[] body, String etag) {}

    private final Map<String, ConsoleFile> files;

    public ConsoleFiles() {
        this.files = Map.of(
                "index.html", load("index.html", "text/html; charset=utf-8"),
                "common.js", load("common.js", "text/javascript; charset=utf-8"),
                "chart.js", load("chart.js", "text/javascript; charset=utf-8"),
                "debugger.js", load("debugger.js", "text/javascript; charset=utf-8"),
                "admin.js", load("admin.js", "text/javascript; charset=utf-8"),
                "admin.css", load("admin.css", "text/css; charset=utf-8"));
    }

    /**
     * Whether {@code name} (the raw path after {@code /admin/}) could never name a console file
     * however it were decoded: the request is then malformed (400) rather than not found.
     */
    public static boolean hostile(String name) {
        return !SAFE_CHARACTERS.matcher(name).matches() || name.contains("..");
    }

    /** @param name the raw path after {@code /admin/}; empty for the page itself; null when not a console file */
    public ConsoleFile file(String name) {
        String key = name.isEmpty() ? "index.html" : name;
        return PLAIN_NAME.matcher(key).matches() ? files.get(key) : null;
    }

    private static ConsoleFile load(String name, String contentType) {
        try (InputStream in = ConsoleFiles.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("the admin console's " + name + " is missing from the jar");
            }
            byte[] body = in.readAllBytes();
            return new ConsoleFile(name, contentType, body, etag(body));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the admin console's " + name, e);
        }
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
