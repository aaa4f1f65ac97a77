package dev.herald.topic.urlpattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Patterns that take a backtracking engine exponential time on a long non-matching topic. RE2/J
 * runs them in time linear in the topic, so each finishes far within the (generous) timeout, where
 * a backtracking engine would not finish at all.
 */
class PathologicalPatternTest {

    private static final String PREFIX = "https://example.com/";
    private static final String LONG = "a".repeat(50_000);

    @ParameterizedTest
    @ValueSource(strings = {
        "/((?:a+)+b)",
        "/((?:a|a)*b)",
        "/((?:a*)*b)",
        "/((?:a|aa)+b)",
        "/((?:(?:a+)+)+b)",
        "/:x((?:a+)+)b",
        "/(a*)(a*)(a*)(a*)(a*)b",
        "/*a*a*a*a*a*b",
    })
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void nestedQuantifiersOnALongNonMatchingTopicRunInLinearTime(String pattern) {
        UrlPattern compiled = UrlPattern.compile(pattern, PREFIX);

        assertThat(compiled.matches(PREFIX + LONG)).isFalse();
        assertThat(compiled.exec(PREFIX + LONG)).isEmpty();
        assertThat(compiled.matches(PREFIX + LONG + "b")).isTrue();
        assertThat(compiled.exec(PREFIX + LONG + "b")).isPresent();
    }
}
