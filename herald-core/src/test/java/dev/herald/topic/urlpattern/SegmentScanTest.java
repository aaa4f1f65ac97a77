package dev.herald.topic.urlpattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The scan must decide exactly what the component's regular expression decides: {@code test}
 * takes the scan where one applies, {@code exec} always runs the regular expression.
 */
class SegmentScanTest {
    private static final UnaryOperator<String> AS_IS = s -> s;

    @Test
    void commonShapesTakeTheScanAndAgreeWithTheRegexp() {
        assertAgrees("/books/:id", PatternOptions.PATHNAME,
                "/books/1", "/books/", "/books/1/2", "/books", "/bookss/1", "/books/a%2Fb", "");
        assertAgrees("/.well-known/mercure/subscriptions/:type/:match/:subscriber", PatternOptions.PATHNAME,
                "/.well-known/mercure/subscriptions/exact/a%2Fb/urn%3Auuid%3A1",
                "/.well-known/mercure/subscriptions/exact/a%2Fb", "/.well-known/mercure/subscriptions/exact//x",
                "/.well-known/mercure/subscriptions/exact/a/b/c");
        assertAgrees("/feeds/*", PatternOptions.PATHNAME, "/feeds/", "/feeds/a/b", "/feed", "/feeds");
        assertAgrees(":sub.example.com", PatternOptions.HOSTNAME, "a.example.com", "a.b.example.com", ".example.com");
        assertAgrees("/a/:x-:y", PatternOptions.PATHNAME, "/a/1-2", "/a/1-2-3", "/a/-"); // ambiguous: the regexp decides
        assertAgrees("/a/:x?", PatternOptions.PATHNAME, "/a", "/a/", "/a/1"); // a modifier: the regexp decides
    }

    @Test
    void randomPatternsAndValuesAgree() {
        Random random = new Random(20261203);
        String[] pieces = {"/", "a", "b", ".", "-", ":x", ":y", "*", "/:z", "{/:w}", "(\\d+)", "?", "+"};
        String[] valueChars = {"/", "a", "b", ".", "-", "1", "%2F"};
        int compiled = 0;
        for (int n = 0; n < 3000; n++) {
            StringBuilder pattern = new StringBuilder();
            for (int i = random.nextInt(6); i >= 0; i--) {
                pattern.append(pieces[random.nextInt(pieces.length)]);
            }
            PatternOptions options = random.nextBoolean() ? PatternOptions.PATHNAME : PatternOptions.DEFAULT;
            Component component;
            try {
                component = Component.compile(pattern.toString(), AS_IS, options);
            } catch (IllegalArgumentException e) {
                continue; // not a valid pattern
            }
            compiled++;
            List<String> values = new ArrayList<>();
            for (int v = 0; v < 20; v++) {
                StringBuilder value = new StringBuilder();
                for (int i = random.nextInt(8); i > 0; i--) {
                    value.append(valueChars[random.nextInt(valueChars.length)]);
                }
                values.add(value.toString());
            }
            for (String value : values) {
                assertThat(component.test(value))
                        .as("pattern %s on %s", pattern, value)
                        .isEqualTo(component.exec(value) != null);
            }
        }
        assertThat(compiled).isGreaterThan(1000);
    }

    @Test
    void onlyShapesWithOneMatchQualify() {
        assertThat(scan("/books/:id", PatternOptions.PATHNAME)).isNotNull();
        assertThat(scan("/feeds/*", PatternOptions.PATHNAME)).isNotNull();
        assertThat(scan("/a/:x-:y", PatternOptions.PATHNAME)).isNull();
        assertThat(scan("/a/*/b", PatternOptions.PATHNAME)).isNull();
        assertThat(scan("/a/:x?", PatternOptions.PATHNAME)).isNull();
        assertThat(scan("/a/(\\d+)", PatternOptions.PATHNAME)).isNull();
        assertThat(scan(":x-:y", PatternOptions.DEFAULT)).isNull(); // no delimiter: a segment may hold anything
    }

    private static SegmentScan scan(String pattern, PatternOptions options) {
        return SegmentScan.of(PatternParser.parse(pattern, options, AS_IS), options);
    }

    private static void assertAgrees(String pattern, PatternOptions options, String... values) {
        Component component = Component.compile(pattern, AS_IS, options);
        for (String value : values) {
            assertThat(component.test(value)).as("%s on %s", pattern, value).isEqualTo(component.exec(value) != null);
        }
    }
}
