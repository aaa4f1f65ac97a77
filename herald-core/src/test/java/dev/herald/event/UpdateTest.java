package dev.herald.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UpdateTest {

    @Test
    void generatesAUrnUuidIdWhenNoneIsGiven() {
        Update first = Update.builder().topic("t").build();
        Update second = Update.builder().topic("t").build();

        assertThat(first.id()).startsWith("urn:uuid:");
        String uuid = first.id().substring("urn:uuid:".length());
        assertThat(UUID.fromString(uuid).toString()).as("canonical form").isEqualTo(uuid);
        assertThat(UUID.fromString(uuid).version()).as("random (version 4)").isEqualTo(4);
        assertThat(second.id()).isNotEqualTo(first.id());
    }

    @Test
    void keepsTheGivenId() {
        assertThat(Update.builder().id("book-1:v2").topic("t").build().id()).isEqualTo("book-1:v2");
    }

    @Test
    void defaultsToEmptyPublicUntypedDataWithoutRetry() {
        Update update = Update.builder().id("1").topic("t").data(null).build();

        assertThat(update.data()).isEmpty();
        assertThat(update.type()).isNull();
        assertThat(update.retry()).isNull();
        assertThat(update.privateUpdate()).isFalse();
    }

    @Test
    void firstTopicIsCanonicalAndTopicsAreCopied() {
        List<String> topics = new ArrayList<>(List.of("https://example.com/books/1", "urn:isbn:0441013597"));

        Update update = Update.builder().id("1").topics(topics).build();
        topics.clear();

        assertThat(update.topic()).isEqualTo("https://example.com/books/1");
        assertThat(update.topics()).containsExactly("https://example.com/books/1", "urn:isbn:0441013597");
    }

    @Test
    void rejectsAMissingTopic() {
        assertInvalid(() -> Update.builder().id("1").build(), "topic");
        assertInvalid(() -> Update.builder().id("1").topics(List.of()).build(), "topic");
        assertInvalid(() -> Update.builder().id("1").topics(null).build(), "topic");
    }

    @Test
    void rejectsAnEmptyTopic() {
        assertInvalid(() -> Update.builder().id("1").topic("").build(), "topic");
        assertInvalid(() -> Update.builder().id("1").topics(List.of("t", "")).build(), "topic");
        assertInvalid(() -> Update.builder().id("1").topics(Arrays.asList("t", null)).build(), "topic");
    }

    @Test
    void rejectsATopicContainingNul() {
        assertInvalid(() -> Update.builder().id("1").topic("a\0b").build(), "topic");
    }

    @Test
    void rejectsAnIdStartingWithHash() {
        assertInvalid(() -> Update.builder().id("#1").topic("t").build(), "id");
    }

    @Test
    void rejectsAnEmptyId() {
        assertInvalid(() -> Update.builder().id("").topic("t").build(), "id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\rb", "a\nb", "a\r\nb", "a\0b", "trailing\n"})
    void rejectsAnIdThatWouldBreakTheFrame(String id) {
        assertInvalid(() -> Update.builder().id(id).topic("t").build(), "id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\rb", "a\nb", "a\r\nb", "a\0b", ""})
    void rejectsATypeThatWouldBreakTheFrame(String type) {
        assertInvalid(() -> Update.builder().id("1").topic("t").type(type).build(), "type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12a", "-1", "", " 5", "5 ", "+5", "1.5", "\u0663", "\uFF15"})
    void rejectsARetryThatIsNotAsciiDigits(String retry) {
        assertInvalid(() -> Update.builder().retry(retry), "retry");
    }

    @Test
    void acceptsRetryZero() {
        assertThat(Update.builder().id("1").topic("t").retry("0").build().retry()).isZero();
    }

    @Test
    void acceptsTheLargestRetryALongHolds() {
        assertThat(Update.builder().id("1").topic("t").retry("9223372036854775807").build().retry())
                .isEqualTo(Long.MAX_VALUE);
        assertThat(Update.builder().id("1").topic("t").retry("000123").build().retry()).isEqualTo(123L);
    }

    @Test
    void rejectsARetryThatOverflowsALong() {
        assertInvalid(() -> Update.builder().retry("9223372036854775808"), "retry");
        assertInvalid(() -> Update.builder().retry("99999999999999999999999"), "retry");
    }

    @Test
    void nullRetryStringClearsTheRetry() {
        Update update = Update.builder().id("1").topic("t").retry("10").retry((String) null).build();

        assertThat(update.retry()).isNull();
    }

    @Test
    void rejectsANegativeNumericRetry() {
        assertInvalid(() -> Update.builder().id("1").topic("t").retry(-1L).build(), "retry");
    }

    @Test
    void theWildcardIsNotATopicEvenAsAnAlternate() {
        assertInvalid(() -> Update.builder().topic("*").build(), "topic");
        assertInvalid(() -> Update.builder().topics(List.of("t", "*")).build(), "topic");
        assertThat(Update.builder().topic("**").build().topic()).isEqualTo("**");
    }

    @Test
    void earliestIsAReservedId() {
        assertInvalid(() -> Update.builder().id("earliest").topic("t").build(), "id");
        assertThat(Update.builder().id("Earliest").topic("t").build().id()).isEqualTo("Earliest");
    }

    @Test
    void controlAndFormatCharactersAreRefusedInTopicsIdsAndTypes() {
        for (String bad : List.of("a\tb", "a\u007fb", "a\u0085b", "a\u200bb", "a\u202eb", "\ufeffa")) {
            assertInvalid(() -> Update.builder().topic(bad).build(), "topic");
            assertInvalid(() -> Update.builder().id(bad).topic("t").build(), "id");
            assertInvalid(() -> Update.builder().topic("t").type(bad).build(), "type");
        }
        assertThat(Update.builder().id("caf\u00e9 \ud83d\ude00").topic("\u4e66/1").type("\u00e9v\u00e9nement").build().id())
                .isEqualTo("caf\u00e9 \ud83d\ude00");
    }

    @Test
    void namesTheFirstInvalidField() {
        assertInvalid(() -> Update.builder().id("#1").type("a\nb").build(), "topic");
        assertInvalid(() -> Update.builder().id("#1").topic("t").type("a\nb").build(), "id");
    }

    private static void assertInvalid(ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidUpdateException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).contains("\"" + field + "\"");
        });
    }
}
