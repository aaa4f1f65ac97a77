package dev.herald.app.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The demo page served at {@code /} with {@code --demo}: the live table, the clock, the consumer count, the log tail. */
public final class DemoPage {
    private static final String RESOURCE = "/dev/herald/app/demo/index.html";

    private DemoPage() {}

    public static String html() {
        try (InputStream in = DemoPage.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
