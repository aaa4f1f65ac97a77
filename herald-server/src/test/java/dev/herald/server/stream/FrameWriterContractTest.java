package dev.herald.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** What every {@link FrameWriter} promises, checked on both: order, flushing, the budget, closing. */
class FrameWriterContractTest {
    private final SharedFrames frames = new SharedFrames();
    private final List<TestConnection> connections = new ArrayList<>();

    @AfterEach
    void closeConnections() {
        connections.forEach(TestConnection::close);
        frames.assertNoneMoved();
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("writersAndSeeds")
    void framesReachThePeerInTheOrderGivenWhateverTheMixOfWritesFlushesAndSocketStalls(WriterKind kind, long seed) {
        TestConnection connection = connection();

        String expected = runScript(connection, connection.writer(kind), seed);

        assertThat(connection.received()).isEqualTo(expected);
        if (kind == WriterKind.DIRECT) {
            assertThat(connection.pieces()).as("the direct path was taken at all")
                    .anyMatch(p -> p.way() != TestConnection.Way.NETTY);
        }
    }

    @Test
    void bothWritersDeliverTheSameBytesForTheSameCalls() {
        TestConnection direct = connection();
        TestConnection netty = connection();

        runScript(direct, direct.writer(WriterKind.DIRECT), 42);
        runScript(netty, netty.writer(WriterKind.NETTY), 42);

        assertThat(direct.received()).isNotEmpty().isEqualTo(netty.received());
    }

    @ParameterizedTest
    @EnumSource(WriterKind.class)
    void nothingReachesThePeerBeforeAFlush(WriterKind kind) {
        TestConnection connection = connection();
        FrameWriter writer = connection.writer(kind);

        writer.write(frames.of("one "));
        writer.writeMessage(comment());
        writer.write(frames.of("two "));
        assertThat(connection.received()).isEmpty();

        writer.flush();
        assertThat(connection.received()).isEqualTo("one :\ntwo ");
    }

    @ParameterizedTest
    @EnumSource(WriterKind.class)
    void aStalledSocketKeepsTheRestQueuedInOrderUntilItDrains(WriterKind kind) {
        TestConnection connection = connection();
        FrameWriter writer = connection.writer(kind);
        connection.accept(5);

        writer.writeAndFlush(frames.of("0123456789"));
        writer.write(frames.of("abc"));
        writer.write(frames.of("def"));
        writer.flush();
        writer.writeAndFlush(frames.of("ghi"));
        assertThat(connection.received()).isEqualTo("01234");

        connection.drain();
        assertThat(connection.received()).isEqualTo("0123456789abcdefghi");
    }

    @ParameterizedTest
    @EnumSource(WriterKind.class)
    void isWritableTurnsFalseOnceTheQueuedBytesPassTheHighWaterMarkAndTrueOnceTheyDrain(WriterKind kind) {
        TestConnection connection = connection();
        connection.highWaterMark(2000, 4000);
        FrameWriter writer = connection.writer(kind);
        connection.stall();

        writer.writeAndFlush(frames.of("a".repeat(1000)));
        assertThat(writer.isWritable()).isTrue();
        for (int i = 0; i < 4; i++) {
            writer.writeAndFlush(frames.of("b".repeat(1000)));
        }
        assertThat(writer.isWritable()).isFalse();

        connection.drain();
        assertThat(writer.isWritable()).isTrue();
        assertThat(connection.received()).hasSize(5000);
    }

    @ParameterizedTest
    @EnumSource(WriterKind.class)
    void framesWrittenButNotYetFlushedCountAgainstTheBudget(WriterKind kind) {
        TestConnection connection = connection();
        connection.highWaterMark(2000, 4000);
        FrameWriter writer = connection.writer(kind);

        // A replay writes page after page and asks between pages whether to go on.
        for (int i = 0; i < 5; i++) {
            writer.write(frames.of(i + "x".repeat(999)));
        }
        assertThat(writer.isWritable()).isFalse();

        writer.write(frames.of("last"));
        writer.flush();
        assertThat(writer.isWritable()).isTrue();
        assertThat(connection.received()).hasSize(5004).startsWith("0x").contains("4x").endsWith("xlast");
    }

    @ParameterizedTest
    @EnumSource(WriterKind.class)
    void afterThePeerHasGoneWritesAndFlushesSendNothingAndDoNotThrow(WriterKind kind) {
        TestConnection connection = connection();
        FrameWriter writer = connection.writer(kind);
        writer.writeAndFlush(frames.of("before "));

        connection.channel().close();

        assertThat(writer.isOpen()).isFalse();
        assertThatCode(() -> {
            writer.write(frames.of("a"));
            writer.flush();
            writer.writeAndFlush(frames.of("b"));
            writer.write(frames.of("c"));
            writer.flush();
            writer.close();
        }).doesNotThrowAnyException();
        assertThat(connection.received()).isEqualTo("before ");
    }

    @ParameterizedTest
    @EnumSource(WriterKind.class)
    void closeDropsWhatIsNotSentYetAndClosesTheConnection(WriterKind kind) {
        TestConnection connection = connection();
        FrameWriter writer = connection.writer(kind);
        writer.writeAndFlush(frames.of("sent "));
        writer.write(frames.of("gathered"));

        writer.close();
        connection.drain();

        assertThat(connection.channel().isOpen()).isFalse();
        assertThat(writer.isOpen()).isFalse();
        assertThat(connection.received()).isEqualTo("sent ");
    }

    /**
     * Writes, flushes and comments in a random mix while the socket stalls, takes part of a frame
     * or drains; returns what the peer should have received, in order, once all is drained.
     */
    private String runScript(TestConnection connection, FrameWriter writer, long seed) {
        Random random = new Random(seed);
        StringBuilder expected = new StringBuilder();
        List<ByteBuffer> pool = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            pool.add(frames.of("data: " + i + "-" + "z".repeat(random.nextInt(40)) + "\n\n"));
        }
        for (int step = 0; step < 400; step++) {
            ByteBuffer frame = pool.get(random.nextInt(pool.size()));
            int op = random.nextInt(10);
            if (op < 4) {
                writer.write(frame);
                expected.append(text(frame));
            } else if (op < 6) {
                writer.writeAndFlush(frame);
                expected.append(text(frame));
            } else if (op == 6) {
                writer.flush();
            } else if (op == 7) {
                writer.writeMessage(comment());
                expected.append(":\n");
            } else if (op == 8) {
                connection.accept(random.nextInt(3) == 0 ? 0 : random.nextInt(120));
            } else {
                connection.drain();
            }
        }
        writer.flush();
        connection.drain();
        return expected.toString();
    }

    private static String text(ByteBuffer frame) {
        return StandardCharsets.ISO_8859_1.decode(frame.duplicate()).toString();
    }

    private static Object comment() {
        return Unpooled.copiedBuffer(":\n", StandardCharsets.US_ASCII);
    }

    static Stream<Arguments> writersAndSeeds() {
        return Stream.of(WriterKind.values())
                .flatMap(kind -> Stream.of(1L, 2L, 3L, 4L, 5L).map(seed -> Arguments.of(kind, seed)));
    }

    private TestConnection connection() {
        TestConnection connection = new TestConnection(new SubscriptionChannelHandler());
        connections.add(connection);
        return connection;
    }
}
