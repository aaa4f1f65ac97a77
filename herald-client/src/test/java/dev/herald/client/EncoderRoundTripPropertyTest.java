package dev.herald.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.client.Parsed.Event;
import dev.herald.client.Parsed.Item;
import dev.herald.client.Parsed.Retry;
import dev.herald.event.SseFrameEncoder;
import dev.herald.event.TextRules;
import dev.herald.event.Update;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Whatever herald-core encodes, the parser reads back: same id, type, retry and data. */
class EncoderRoundTripPropertyTest {

    @Property(tries = 2000)
    void anyUpdateParsesBackIdentical(@ForAll("updates") Update update) {
        List<Item> items = Parsed.parse(SseFrameEncoder.encode(update));

        assertThat(items).containsExactlyElementsOf(expected(update));
    }

    @Property(tries = 300)
    void aSequenceOfUpdatesParsesBackWhateverTheChunkBoundaries(
            @ForAll("updateLists") List<Update> updates,
            @ForAll @IntRange(min = 1, max = 17) int chunkSize) {
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

    @Provide
    Arbitrary<Update> updates() {
        Arbitrary<String> id = fieldValue().filter(s -> !s.isEmpty() && !s.startsWith("#") && !s.equals("earliest"));
        Arbitrary<String> type = fieldValue().filter(s -> !s.isEmpty()).injectNull(0.5);
        Arbitrary<Long> retry = Arbitraries.longs().between(0, Long.MAX_VALUE).injectNull(0.5);
        return Combinators.combine(id, type, retry, data())
                .as((i, t, r, d) -> Update.builder().topic("t").id(i).type(t).retry(r).data(d).build());
    }

    @Provide
    Arbitrary<List<Update>> updateLists() {
        return updates().list().ofMaxSize(6);
    }

    /** Text without control or format characters (Mercure 1.0): what an id or a type may hold. */
    private static Arbitrary<String> fieldValue() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.of(" ", ":", "#", "id: x", "\u2026", "\u00a0", "\uD83D\uDE00"),
                text());
        return piece.list().ofMaxSize(5).map(l -> String.join("", l))
                .filter(s -> TextRules.firstControlOrFormat(s) < 0);
    }

    /** Multi-line text with every line ending, unicode, colons and leading spaces; often empty. */
    private static Arbitrary<String> data() {
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.of("\r", "\n", "\r\n", "\n\n", "\r\r", " ", ":", "\0",
                        "\uFEFF", "data: x", "\u00e9\u4e2d", "\uD83D\uDE00")),
                net.jqwik.api.Tuple.of(4, text()));
        return piece.list().ofMaxSize(10).map(l -> String.join("", l));
    }

    /** Any Unicode scalar values (no lone surrogates: they are not text and do not survive UTF-8). */
    private static Arbitrary<String> text() {
        return Arbitraries.integers().between(0, 0x10FFFF)
                .filter(cp -> cp < 0xD800 || cp > 0xDFFF)
                .list().ofMaxSize(8)
                .map(cps -> {
                    StringBuilder sb = new StringBuilder();
                    cps.forEach(sb::appendCodePoint);
                    return sb.toString();
                });
    }
}
