package dev.herald.app.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The demo's HTML pages, served with {@code --demo}. */
public final class DemoPage {
    private static final String DIRECTORY = "/dev/herald/app/demo/";

    private DemoPage() {}

    /** The page at {@code /}: the live table, the clock, the consumer count, the log tail. */
    public static String html() {
        return resource("index.html");
    }

    /** The page at {@value PresenceDemo#PAGE_PATH}: who is in a room, live. */
    public static String presenceHtml() {
        return resource("presence.html");
    }

    private static String resource(String name) {
        try (InputStream in = DemoPage.class.getResourceAsStream(DIRECTORY + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DIRECTORY + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
