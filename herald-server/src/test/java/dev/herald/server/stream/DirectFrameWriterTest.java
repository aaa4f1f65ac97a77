package dev.herald.server.stream;

import static dev.herald.server.stream.TestConnection.Way.NETTY;
import static dev.herald.server.stream.TestConnection.Way.SEND;
import static dev.herald.server.stream.TestConnection.Way.WRITEV;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.herald.server.stream.TestConnection.Piece;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The direct path: which bytes go straight to the socket and which through Netty. The fake socket
 * itself fails any test in which a direct send happens while Netty holds bytes of the connection.
 */
class DirectFrameWriterTest {
    private final SharedFrames frames = new SharedFrames();
    private final List<TestConnection> connections = new ArrayList<>();

    @AfterEach
    void closeConnections() {
        connections.forEach(TestConnection::close);
        frames.assertNoneMoved();
    }

    @Test
    void aFrameSentOnItsOwnGoesOutInOneSendWhileNettyHoldsNothing() {
        TestConnection connection = connection();
        FrameWriter writer = connection.writer(WriterKind.DIRECT);

        writer.writeAndFlush(frames.of("one "));
        writer.write(frames.of("two "));
        writer.flush();

        assertThat(connection.pieces()).containsExactly(new Piece(SEND, "one "), new Piece(SEND, "two "));
    }

    @Test
    void framesWrittenBeforeAFlushGoOutInOneWritev() {
        TestConnection connection = connection();
        FrameWriter writer = connection.writer(WriterKind.DIRECT);

        writer.write(frames.of("a "));
        writer.write(frames.of("b "));
        writer.write(frames.of("c "));
        writer.flush();

        assertThat(connection.pieces()).containsExactly(new Piece(WRITEV, "a b c "));
        assertThat(connection.socket().calls()).isEqualTo(1);
    }

    @Test
    void theRestOfAFrameTheSocketDidNotTakeGoesToNettyAndLaterFramesQueueBehindIt() {
        TestConnection connection = connection();
        FrameWriter writer = connection.writer(WriterKind.DIRECT);
        connection.accept(4);

        writer.writeAndFlush(frames.of("0123456789"));
        writer.writeAndFlush(frames.of("abc"));
        writer.write(frames.of("def"));
        writer.flush();

        assertThat(connection.pieces()).containsExactly(new Piece(SEND, "0123"));
        assertThat(connection.socket().calls()).as("sends while Netty holds the rest").isEqualTo(1);
        assertThat(connection.nettyPendingBytes()).isPositive();
    }

    @Test
    void directSendingResumesOnceNettysBufferHasDrained() {
        TestConnection connection = connection();
        FrameWriter writer = connection.writer(WriterKind.DIRECT);
        connection.accept(4);
        writer.writeAndFlush(frames.of("0123456789"));
        writer.writeAndFlush(frames.of("abc"));

        connection.drain();
        writer.writeAndFlush(frames.of("xyz"));

        assertThat(connection.pieces()).containsExactly(
                new Piece(SEND, "0123"), new Piece(NETTY, "456789abc"), new Piece(SEND, "xyz"));
    }

    @Test
    void aShortWritevQueuesTheUntakenTailOfTheFrameItStoppedInAndEveryFrameAfterIt() {
        TestConnection connection = connection();
        FrameWriter writer = connection.writer(WriterKind.DIRECT);
        connection.accept(5);

        writer.write(frames.of("abc"));
        writer.write(frames.of("defg"));
        writer.write(frames.of("hi"));
        writer.flush();
        connection.drain();

        assertThat(connection.pieces()).containsExactly(new Piece(WRITEV, "abcde"), new Piece(NETTY, "fghi"));
    }

    @Test
    void framesFollowTheHeadAndCommentThroughNettyWhileNettyStillHoldsThem() {
        TestConnection connection = connection();
        FrameWriter writer = connection.writer(WriterKind.DIRECT);

        writer.writeMessage(bytes("HEAD "));
        writer.writeMessage(bytes(":\n"));
        writer.writeAndFlush(frames.of("first "));
        writer.writeAndFlush(frames.of("second "));

        assertThat(connection.pieces()).containsExactly(
                new Piece(NETTY, "HEAD :\nfirst "), new Piece(SEND, "second "));
    }

    @Test
    void aCommentQueuedInNettyGoesOutAfterTheFramesGatheredBeforeIt() {
        TestConnection connection = connection();
        FrameWriter writer = connection.writer(WriterKind.DIRECT);

        writer.write(frames.of("a "));
        writer.writeMessage(bytes(":\n"));
        writer.write(frames.of("b "));
        writer.flush();

        assertThat(connection.pieces()).containsExactly(new Piece(NETTY, "a :\nb "));
    }

    @Test
    void whenAnotherStreamOnTheThreadWritesTheGatheredFramesOfTheFirstMoveToItsNettyQueueInOrder() {
        TestConnection first = connection();
        TestConnection second = connection();
        FrameWriter one = first.writer(WriterKind.DIRECT);
        FrameWriter two = second.writer(WriterKind.DIRECT);

        one.write(frames.of("a1 "));
        one.write(frames.of("a2 "));
        two.write(frames.of("b1 "));
        one.write(frames.of("a3 "));
        two.write(frames.of("b2 "));
        assertThat(first.received()).as("moved, not sent").isEmpty();
        assertThat(second.received()).as("moved, not sent").isEmpty();

        one.flush();
        two.flush();
        one.writeAndFlush(frames.of("a4 "));

        assertThat(first.pieces()).containsExactly(new Piece(NETTY, "a1 a2 a3 "), new Piece(SEND, "a4 "));
        assertThat(second.pieces()).containsExactly(new Piece(NETTY, "b1 b2 "));
    }

    @Test
    void aSendToTheSameFrameFromManyStreamsReachesEachOfThem() {
        ByteBuffer shared = frames.of("data: shared\n\n");
        List<TestConnection> many = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            TestConnection connection = connection();
            many.add(connection);
            FrameWriter writer = connection.writer(WriterKind.DIRECT);
            writer.writeAndFlush(shared);
            writer.writeAndFlush(frames.of("own " + i));
        }

        for (int i = 0; i < many.size(); i++) {
            assertThat(many.get(i).pieces()).containsExactly(
                    new Piece(SEND, "data: shared\n\n"), new Piece(SEND, "own " + i));
        }
    }

    @Test
    void aSocketFailingDuringAWriteClosesTheConnectionAndDropsTheGatheredFrames() {
        TestConnection failing = connection();
        TestConnection other = connection();
        FrameWriter writer = failing.writer(WriterKind.DIRECT);
        writer.write(frames.of("a "));
        writer.write(frames.of("b "));
        failing.socket().failNextCall();

        assertThatCode(writer::flush).doesNotThrowAnyException();

        assertThat(failing.channel().isOpen()).isFalse();
        assertThat(writer.isOpen()).isFalse();
        FrameWriter next = other.writer(WriterKind.DIRECT);
        next.write(frames.of("c "));
        next.flush();
        assertThat(failing.received()).isEmpty();
        assertThat(other.pieces()).containsExactly(new Piece(SEND, "c "));
    }

    @Test
    void aSocketFailingDuringASendClosesTheConnection() {
        TestConnection connection = connection();
        FrameWriter writer = connection.writer(WriterKind.DIRECT);
        connection.socket().failNextCall();

        assertThatCode(() -> writer.writeAndFlush(frames.of("lost"))).doesNotThrowAnyException();

        assertThat(writer.isOpen()).isFalse();
        assertThat(connection.received()).isEmpty();
    }

    @Test
    void noSendIsMadeOnAClosedSocket() {
        TestConnection connection = connection();
        FrameWriter writer = connection.writer(WriterKind.DIRECT);
        writer.writeAndFlush(frames.of("open "));
        int callsWhileOpen = connection.socket().calls();

        connection.channel().close();
        writer.writeAndFlush(frames.of("a"));
        writer.write(frames.of("b"));
        writer.flush();

        assertThat(connection.socket().calls()).isEqualTo(callsWhileOpen);
        assertThat(connection.received()).isEqualTo("open ");
    }

    @Test
    void framesGatheredForAConnectionThePeerClosedAreDroppedWithoutDisturbingTheNextStream() {
        TestConnection closing = connection();
        TestConnection other = connection();
        FrameWriter writer = closing.writer(WriterKind.DIRECT);
        writer.write(frames.of("a "));
        writer.write(frames.of("b "));

        closing.channel().close();
        FrameWriter next = other.writer(WriterKind.DIRECT);
        next.write(frames.of("c "));
        next.flush();
        writer.flush();

        assertThat(closing.received()).isEmpty();
        assertThat(other.pieces()).containsExactly(new Piece(SEND, "c "));
    }

    @Test
    void closingAStreamDropsItsGatheredFramesWithoutDisturbingTheNextStream() {
        TestConnection closing = connection();
        TestConnection next = connection();
        FrameWriter writer = closing.writer(WriterKind.DIRECT);
        writer.write(frames.of("never "));

        writer.close();
        FrameWriter nextWriter = next.writer(WriterKind.DIRECT);
        nextWriter.write(frames.of("b1 "));
        nextWriter.write(frames.of("b2 "));
        nextWriter.flush();

        assertThat(closing.received()).isEmpty();
        assertThat(closing.nettyPendingBytes()).isZero();
        assertThat(next.pieces()).containsExactly(new Piece(WRITEV, "b1 b2 "));
    }

    private static Object bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }

    private TestConnection connection() {
        TestConnection connection = new TestConnection(new SubscriptionChannelHandler());
        connections.add(connection);
        return connection;
    }
}
