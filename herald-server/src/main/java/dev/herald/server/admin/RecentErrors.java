package dev.herald.server.admin;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The last refused or failed requests (4xx and 5xx answers), for the admin console: a small ring,
 * fed from the error path only, so answered requests cost nothing. It keeps the method, the path
 * without its query (a query may carry an {@code authorization} token) and the one-line message,
 * with anything shaped like a JWT or a bearer credential blanked out.
 */
public final class RecentErrors {
    /** Set on every accepted connection by the server; HTTP/2 streams find it on their parent. */
    public static final AttributeKey<RecentErrors> KEY = AttributeKey.valueOf("herald.recentErrors");
    static final int CAPACITY = 20;
    private static final int MAX_PATH = 120;
    private static final int MAX_MESSAGE = 240;
    /** Three base64url parts with dots (a compact JWS), a bearer credential, a long run of token characters. */
    private static final Pattern TOKEN_LIKE = Pattern.compile(
            "[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_.-]*|(?i:bearer)\\s+\\S+|[A-Za-z0-9_+=~-]{48,}");
    private static final String REDACTED = "[redacted]";

    /** One refused request. */
    public record Entry(Instant time, int status, String method, String path, String message) {}

    private final ArrayDeque<Entry> entries = new ArrayDeque<>(CAPACITY);
    private final int capacity;

    public RecentErrors() {
        this(CAPACITY);
    }

    RecentErrors(int capacity) {
        this.capacity = capacity;
    }

    /**
     * Notes an error answer on {@code channel}'s server, if it keeps a ring; call only for
     * statuses from 400 up.
     *
     * @param uri the request target as received, or null when the request could not be read
     */
    public static void record(Channel channel, String method, String uri, int status, String message) {
        RecentErrors errors = channel.attr(KEY).get();
        if (errors == null && channel.parent() != null) {
            errors = channel.parent().attr(KEY).get();
        }
        if (errors != null) {
            errors.add(Instant.now(), status, method, uri, message);
        }
    }

    void add(Instant time, int status, String method, String uri, String message) {
        Entry entry = new Entry(time, status, method == null ? "" : method, pathOf(uri), clean(message));
        synchronized (entries) {
            if (entries.size() == capacity) {
                entries.removeFirst();
            }
            entries.addLast(entry);
        }
    }

    /** Newest first. */
    public List<Entry> newestFirst() {
        List<Entry> copy;
        synchronized (entries) {
            copy = new ArrayList<>(entries);
        }
        java.util.Collections.reverse(copy);
        return copy;
    }

    private static String pathOf(String uri) {
        if (uri == null) {
            return "";
        }
        int q = uri.indexOf('?');
        String path = (q < 0 ? uri : uri.substring(0, q)).replaceAll("\\p{Cntrl}+", " ");
        return truncate(TOKEN_LIKE.matcher(path).replaceAll(REDACTED), MAX_PATH);
    }

    private static String clean(String message) {
        if (message == null) {
            return "";
        }
        String oneLine = message.strip().replaceAll("\\p{Cntrl}+", " ");
        return truncate(TOKEN_LIKE.matcher(oneLine).replaceAll(REDACTED), MAX_MESSAGE);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
