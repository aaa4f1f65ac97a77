package dev.herald.server.stream;

import static dev.herald.server.stream.TestConnection.Way.NETTY;
import static dev.herald.server.stream.TestConnection.Way.SEND;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.event.StoredUpdate;
import dev.herald.event.Update;
import dev.herald.hub.CloseReason;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpServerCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The stream as the hub drives it, over either writer: head, events, heartbeats, lifecycle. */
class SubscriberStreamTest {
    private final List<TestConnection> connections = new ArrayList<>();
    private long sequence;

    @AfterEach
    void closeConnections() {
        connections.forEach(TestConnection::close);
    }

    @ParameterizedTest
    @EnumSource(WriterKind.class)
    void openSendsTheEventStreamHeadWithItsExtraHeadersThenAComment(WriterKind kind) {
        TestConnection connection = connection();
        HttpHeaders cors = new DefaultHttpHeaders().set("Access-Control-Allow-Origin", "https://app.example");
        SubscriberStream stream = stream(connection, kind, cors);

        stream.open("41");
        stream.flush();

        String received = connection.received();
        assertThat(received).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\n:\n");
        assertThat(received.toLowerCase()).contains(
                "content-type: text/event-stream\r\n",
                "cache-control: private, no-cache, no-store, must-revalidate, max-age=0\r\n",
                "x-accel-buffering: no\r\n",
                "connection: close\r\n",
                "access-control-allow-origin: https://app.example\r\n",
                "last-event-id: 41\r\n");
        assertThat(connection.channel().pipeline().get(HttpServerCodec.class)).as("codec after the head").isNull();
    }

    @ParameterizedTest
    @EnumSource(WriterKind.class)
    void eventsAndHeartbeatsFollowTheHeadAsRawBytesInOrder(WriterKind kind) {
        TestConnection connection = connection();
        SubscriberStream stream = stream(connection, kind, EmptyHttpHeaders.INSTANCE);
        StoredUpdate first = update("first");
        StoredUpdate second = update("second");
        StoredUpdate third = update("third");

        stream.open(null);
        stream.writeAndFlush(first);
        stream.write(second);
        stream.write(third);
        stream.flush();
        stream.heartbeat();
        stream.flush();
        stream.writeAndFlush(first);

        assertThat(connection.body()).isEqualTo(":\n" + text(first) + text(second) + text(third) + ":\n" + text(first));
    }

    @Test
    void theFirstEventsFollowTheHeadThroughNettyAndLaterOnesGoStraightToTheSocket() {
        TestConnection connection = connection();
        SubscriberStream stream = stream(connection, WriterKind.DIRECT, EmptyHttpHeaders.INSTANCE);
        StoredUpdate first = update("first");
        StoredUpdate second = update("second");

        stream.open(null);
        stream.writeAndFlush(first);
        stream.writeAndFlush(second);

        List<TestConnection.Piece> pieces = connection.pieces();
        assertThat(pieces).extracting(TestConnection.Piece::way).containsExactly(NETTY, SEND);
        assertThat(pieces.get(0).text()).endsWith("\r\n\r\n:\n" + text(first));
        assertThat(pieces.get(1).text()).isEqualTo(text(second));
    }

    @ParameterizedTest
    @EnumSource(WriterKind.class)
    void reportsTheConnectionGoneOnceItsChannelIsClosed(WriterKind kind) {
        TestConnection connection = connection();
        SubscriberStream stream = stream(connection, kind, EmptyHttpHeaders.INSTANCE);
        assertThat(stream.isConnected()).isTrue();

        connection.channel().close();

        assertThat(stream.isConnected()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(WriterKind.class)
    void closingTheStreamClosesTheConnection(WriterKind kind) {
        TestConnection connection = connection();
        SubscriberStream stream = stream(connection, kind, EmptyHttpHeaders.INSTANCE);
        stream.open(null);
        stream.flush();

        stream.close(CloseReason.SLOW_SUBSCRIBER);

        assertThat(connection.channel().isOpen()).isFalse();
        assertThat(stream.isConnected()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(WriterKind.class)
    void runsOnItsChannelsEventLoop(WriterKind kind) {
        TestConnection connection = connection();

        SubscriberStream stream = stream(connection, kind, EmptyHttpHeaders.INSTANCE);

        assertThat(stream.eventLoop()).isSameAs(connection.channel().eventLoop());
    }

    private SubscriberStream stream(TestConnection connection, WriterKind kind, HttpHeaders extraHeaders) {
        return new SubscriberStream(connection.channel(), connection.writer(kind), extraHeaders);
    }

    private StoredUpdate update(String data) {
        sequence++;
        return new StoredUpdate(sequence, Update.builder().id("id-" + sequence).topic("t").data(data).build());
    }

    private static String text(StoredUpdate update) {
        return new String(update.frame(), StandardCharsets.ISO_8859_1);
    }

    private TestConnection connection() {
        TestConnection connection = new TestConnection(new HttpServerCodec(), new SubscriptionChannelHandler());
        connections.add(connection);
        return connection;
    }
}
