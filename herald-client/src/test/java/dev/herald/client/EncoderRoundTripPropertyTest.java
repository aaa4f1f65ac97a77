package dev.herald.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.client.Parsed.Event;
import dev.herald.client.Parsed.Item;
import dev.herald.client.Parsed.Retry;
import dev.herald.event.SseFrameEncoder;
import dev.herald.event.TextRules;
import dev.herald.event.Update;
import dev.herald.testkit.RandomCases;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Whatever herald-core encodes, the parser reads back: same id, type, retry and data. */
class EncoderRoundTripPropertyTest {

    static Stream<Update> updates() {
        return RandomCases.seeded("EncoderRoundTrip.updates").cases(2000, List.of(
                Update.builder().topic("t").id("1").data("").build(),
                Update.builder().topic("t").id("x").type("y").retry(0L).data("\r\n\r\n").build(),
                Update.builder().topic("t").id("id: x").retry(Long.MAX_VALUE).data("data: x\n:\n\n").build()),
                EncoderRoundTripPropertyTest::update);
    }

    static Stream<Arguments> updateListsAndChunkSizes() {
        return RandomCases.seeded("EncoderRoundTrip.lists").cases(300, List.of(Arguments.of(List.of(), 1)),
                r -> Arguments.of(r.listOf(6, () -> update(r)), r.between(1, 17)));
    }

    @ParameterizedTest
    @MethodSource("updates")
    void anyUpdateParsesBackIdentical(Update update) {
        List<Item> items = Parsed.parse(SseFrameEncoder.encode(update));

        assertThat(items).containsExactlyElementsOf(expected(update));
    }

    @ParameterizedTest
    @MethodSource("updateListsAndChunkSizes")
    void aSequenceOfUpdatesParsesBackWhateverTheChunkBoundaries(List<Update> updates, int chunkSize) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<Item> expected = new ArrayList<>();
        for (Update u : updates) {
            body.writeBytes(SseFrameEncoder.encode(u));
            expected.addAll(expected(u));
        }
        byte[] bytes = body.toByteArray();
        List<Item> items = new ArrayList<>();
        SseParser parser = new SseParser(Parsed.recorder(items));
        for (int i = 0; i < bytes.length; i += chunkSize) {
            parser.feed(bytes, i, Math.min(chunkSize, bytes.length - i));
        }
        parser.end();

        assertThat(items).containsExactlyElementsOf(expected);
        assertThat(parser.lastEventId()).isEqualTo(updates.isEmpty() ? "" : updates.get(updates.size() - 1).id());
    }

    private static List<Item> expected(Update u) {
        List<Item> items = new ArrayList<>();
        if (u.retry() != null) {
            items.add(new Retry(u.retry()));
        }
        String data = u.data().replace("\r\n", "\n").replace('\r', '\n');
        items.add(new Event(u.id(), u.type() == null ? "message" : u.type(), data));
        return items;
    }

    private static Update update(RandomCases r) {
        String id;
        do {
            id = fieldValue(r);
        } while (id.isEmpty() || id.startsWith("#") || id.equals("earliest"));
        String type = null;
        if (r.chance(0.5)) {
            do {
                type = fieldValue(r);
            } while (type.isEmpty());
        }
        Long retry = r.chance(0.5) ? null : r.oneOf(0L, 1L, 3000L, Long.MAX_VALUE, (long) r.between(0, Integer.MAX_VALUE));
        return Update.builder().topic("t").id(id).type(type).retry(retry).data(data(r)).build();
    }

    /** Text without control or format characters (Mercure 1.0): what an id or a type may hold. */
    private static String fieldValue(RandomCases r) {
        return String.join("", r.listOf(5, () -> r.chance(0.5)
                ? r.oneOf(" ", ":", "#", "id: x", "\u2026", "\u00a0", "\uD83D\uDE00")
                : textWithoutControls(r)));
    }

    private static String textWithoutControls(RandomCases r) {
        String text;
        do {
            text = r.scalarValues(8);
        } while (TextRules.firstControlOrFormat(text) >= 0);
        return text;
    }

    /** Multi-line text with every line ending, unicode, colons and leading spaces; often empty. */
    private static String data(RandomCases r) {
        return String.join("", r.listOf(10, () -> r.between(1, 7) <= 3
                ? r.oneOf("\r", "\n", "\r\n", "\n\n", "\r\r", " ", ":", "\0", "\uFEFF", "data: x", "\u00e9\u4e2d",
                        "\uD83D\uDE00")
                : r.scalarValues(8)));
    }
}
