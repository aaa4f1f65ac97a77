package dev.herald.client;

import static dev.herald.client.Parsed.event;
import static dev.herald.client.Parsed.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.client.Parsed.Comment;
import dev.herald.client.Parsed.Retry;
import dev.herald.client.internal.ContentTypes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The web-platform-tests {@code eventsource/format-*} vectors, byte for byte. Each body is what the
 * wpt resource sends for the test's query: {@code resources/message.py} answers the message, then
 * {@code "\n\n"} (nothing with {@code newline=none}), then {@code "\n"}; {@code last-event-id.py}
 * and {@code last-event-id2.py} answer fixed bodies. Every vector is also parsed in chunks of 1, 2,
 * 3, 5, 7 and 64 bytes and must give the same result (see {@link Parsed}).
 */
class SseParserWptTest {

    /** The body {@code message.py} sends for {@code message}. */
    private static String messagePy(String message) {
        return message + "\n\n" + "\n";
    }

    /** The body {@code message.py} sends for {@code message} with {@code newline=none}. */
    private static String messagePyNoNewline(String message) {
        return message + "\n";
    }

    /** The first answer of {@code last-event-id.py} (no Last-Event-ID header), for an id value. */
    private static String lastEventIdPy(String idValue) {
        return "id: " + idValue + "\nretry: 200\ndata: hello\n\n";
    }

    /** The answer of {@code last-event-id.py} to a reconnection carrying {@code Last-Event-ID}. */
    private static String lastEventIdPyEcho(String lastEventId) {
        return "data: " + lastEventId + "\n\n";
    }

    @Test // wpt eventsource/format-bom.any.js
    void aBomIsSkippedOnlyAtTheStartOfTheStream() {
        String body = messagePy("\uFEFFdata:1\n\n\uFEFFdata:2\n\ndata:3");

        assertThat(parse(body)).containsExactly(event("1"), event("3"));
    }

    @Test // wpt eventsource/format-bom-2.any.js
    void aSecondBomMakesTheFirstFieldNameUnknown() {
        String body = messagePy("\uFEFF\uFEFFdata:1\n\ndata:2\n\ndata:3");

        assertThat(parse(body)).containsExactly(event("2"), event("3"));
    }

    @Test // wpt eventsource/format-comments.any.js
    void commentsOfAnyLengthAndLineEndingAreSkipped() {
        String longString = "x".repeat(2 * 1024);
        String body = messagePyNoNewline("data:1\r:\0\n:\r\ndata:2\n:" + longString + "\rdata:3\n:data:fail\r:"
                + longString + "\ndata:4\n");

        assertThat(parse(body)).filteredOn(i -> !(i instanceof Comment)).containsExactly(event("1\n2\n3\n4"));
        assertThat(parse(body)).filteredOn(i -> i instanceof Comment)
                .containsExactly(new Comment("\0"), new Comment(""), new Comment(longString),
                        new Comment("data:fail"), new Comment(longString));
    }

    @Test // wpt eventsource/format-data-before-final-empty-line.any.js
    void anEventNotEndedByAnEmptyLineIsDiscardedAtTheEndOfTheStream() {
        String body = messagePyNoNewline("retry:1000\ndata:test1\n\nid:test\ndata:test2");

        assertThat(parse(body)).containsExactly(new Retry(1000), event("test1"));
        // The id of the discarded event was never dispatched: a reconnection sends no Last-Event-ID.
        assertThat(Parsed.lastEventIdAfter(body, "")).isEmpty();
    }

    @Test // wpt eventsource/format-field-data.any.js
    void dataFieldsWithAndWithoutAColon() {
        String body = messagePy("data:\n\ndata\ndata\n\ndata:test");

        assertThat(parse(body)).containsExactly(event(""), event("\n"), event("test"));
    }

    @Test // wpt eventsource/format-field-event-empty.any.js
    void anEmptyEventFieldMeansTheDefaultType() {
        String body = messagePy("event: \ndata:data");

        assertThat(parse(body)).containsExactly(event("", "message", "data"));
    }

    @Test // wpt eventsource/format-field-event.any.js
    void theEventFieldNamesTheTypeOfOneEventOnly() {
        String body = messagePy("event:test\ndata:x\n\ndata:x");

        assertThat(parse(body)).containsExactly(event("", "test", "x"), event("", "message", "x"));
    }

    @Test // wpt eventsource/format-field-id.any.js (resources/last-event-id.py, default id U+2026)
    void theIdIsTheLastEventIdOfTheEventAndOfTheReconnection() {
        assertThat(parse(lastEventIdPy("\u2026"))).containsExactly(new Retry(200), event("\u2026", "message", "hello"));
        assertThat(Parsed.lastEventIdAfter(lastEventIdPy("\u2026"), "")).isEqualTo("\u2026");

        // The reconnection: the resource echoes the header; the id persists into the new stream.
        byte[] echo = lastEventIdPyEcho("\u2026").getBytes(StandardCharsets.UTF_8);
        assertThat(parse(echo, "\u2026")).containsExactly(event("\u2026", "message", "\u2026"));
    }

    @Test // wpt eventsource/format-field-id-2.any.js (a second reconnection gives the same answer)
    void theLastEventIdSurvivesSeveralReconnections() {
        String id = Parsed.lastEventIdAfter(lastEventIdPy("\u2026"), "");
        for (int reconnection = 1; reconnection <= 2; reconnection++) {
            byte[] echo = lastEventIdPyEcho(id).getBytes(StandardCharsets.UTF_8);
            assertThat(parse(echo, id)).as("reconnection %d", reconnection)
                    .containsExactly(event("\u2026", "message", "\u2026"));
            id = Parsed.lastEventIdAfter(lastEventIdPyEcho(id), id);
        }
        assertThat(id).isEqualTo("\u2026");
    }

    @Test // wpt eventsource/format-field-id-3.window.js, type=1 (resources/last-event-id2.py)
    void theLastEventIdPersistsOverEventsWithoutId() {
        assertThat(parse("id: 1\ndata: 1\n\ndata:2\n\n")).containsExactly(event("1", "message", "1"),
                event("1", "message", "2"));
    }

    @Test // wpt eventsource/format-field-id-3.window.js, type=2
    void theLastEventIdChangesAndPersists() {
        assertThat(parse("id: 1\ndata: 1\n\nid: 2\ndata:2\n\ndata:3\n\n")).containsExactly(
                event("1", "message", "1"), event("2", "message", "2"), event("2", "message", "3"));
    }

    @Test // wpt eventsource/format-field-id-3.window.js, type=3
    void anEmptyIdResetsTheLastEventId() {
        assertThat(parse("id: 1\ndata: 1\n\nid:\ndata:2\n\ndata:3\n\n")).containsExactly(
                event("1", "message", "1"), event("", "message", "2"), event("", "message", "3"));
    }

    @Test // wpt eventsource/format-field-id-null.window.js (last-event-id.py?idvalue=%00%00)
    void anIdContainingNulIsIgnored() {
        String body = lastEventIdPy("\0\0");

        assertThat(parse(body)).containsExactly(new Retry(200), event("", "message", "hello"));
        // No Last-Event-ID on reconnection, so the resource answers the same body again.
        assertThat(Parsed.lastEventIdAfter(body, "")).isEmpty();
    }

    @Test // wpt eventsource/format-field-parsing.any.js
    void fieldNamesAreExactAndOnlyOneLeadingSpaceIsRemoved() {
        String body = messagePyNoNewline("data:\0\ndata:  2\rData:1\ndata\0:2\ndata:1\r\0data:4\nda-ta:3\rdata_5\n"
                + "data:3\rdata:\r\n data:32\ndata:4\n");

        assertThat(parse(body)).containsExactly(event("\0\n 2\n1\n3\n\n4"));
    }

    @Test // wpt eventsource/format-field-retry-bogus.any.js
    void aRetryWithANonDigitIsIgnored() {
        String body = messagePy("retry:2000\nretry:1000x\ndata:x");

        assertThat(parse(body)).containsExactly(new Retry(2000), event("x"));
    }

    @Test // wpt eventsource/format-field-retry-empty.any.js
    void anEmptyRetryIsIgnored() {
        String body = messagePy("retry\ndata:test");

        assertThat(parse(body)).containsExactly(event("test"));
    }

    @Test // wpt eventsource/format-field-retry.any.js
    void retryIsDecimalEvenWithALeadingZero() {
        String body = messagePy("retry:02000\ndata:x");

        assertThat(parse(body)).containsExactly(new Retry(2000), event("x"));
    }

    @Test // wpt eventsource/format-field-unknown.any.js
    void unknownFieldsAndTextWithoutColonAreIgnored() {
        String body = messagePy("data:test\n data\ndata\nfoobar:xxx\njustsometext\n:thisisacommentyay\ndata:test");

        assertThat(parse(body)).containsExactly(new Comment("thisisacommentyay"), event("test\n\ntest"));
    }

    @Test // wpt eventsource/format-leading-space.any.js
    void onlyASpaceIsRemovedAfterTheColonNotATab() {
        String body = messagePy("data:\ttest\rdata: \ndata:test");

        assertThat(parse(body)).containsExactly(event("\ttest\n\ntest"));
    }

    @Test // wpt eventsource/format-newlines.any.js
    void crLfAndCrlfAllEndLines() {
        String body = messagePyNoNewline("data:test\r\ndata\ndata:test\r\n\r");

        assertThat(parse(body)).containsExactly(event("test\n\ntest"));
    }

    @Test // wpt eventsource/format-null-character.any.js
    void aNulInDataIsKept() {
        String body = messagePy("data:\0\n\n");

        assertThat(parse(body)).containsExactly(event("\0"));
    }

    @Test // wpt eventsource/format-utf-8.any.js (mime=text/event-stream;charset=windows-1252)
    void theStreamIsUtf8WhateverTheCharsetParameter() {
        String body = messagePy("data:ok\u2026");

        assertThat(ContentTypes.isEventStream("text/event-stream;charset=windows-1252")).isTrue();
        assertThat(parse(body.getBytes(StandardCharsets.UTF_8))).containsExactly(event("ok\u2026"));
    }

    @Test // wpt eventsource/format-mime-trailing-semicolon.any.js
    void aTrailingSemicolonKeepsTheMimeTypeValid() {
        assertThat(ContentTypes.isEventStream("text/event-stream;")).isTrue();
    }

    @Test // wpt eventsource/format-mime-valid-bogus.any.js and format-mime-bogus.any.js
    void otherMimeTypesAreRejected() {
        assertThat(ContentTypes.isEventStream("text/x-bogus")).isFalse();
        assertThat(ContentTypes.isEventStream("x bogus")).isFalse();
        assertThat(ContentTypes.isEventStream(null)).isFalse();
    }

    @Test // the default body of wpt eventsource/resources/message.py ("data: data")
    void theDefaultMessageOfTheWptResource() {
        assertThat(parse(messagePy("data: data"))).containsExactly(event("data"));
    }

}
