package dev.herald.bench;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpResponse;
import java.util.ArrayDeque;

/**
 * One keep-alive publishing connection. Every topic is bound to one connection and requests are
 * pipelined in order, so a topic's sequence numbers reach the server in order and any reordering a
 * subscriber sees is the server's. At most {@code window} requests are in flight; the rest wait
 * here, and their send time is stamped when they are actually written.
 */
final class PublishConnection extends SimpleChannelInboundHandler<FullHttpResponse> {
    private final Publisher owner;
    private final int index;
    private final int window;
    private final ArrayDeque<Integer> backlog = new ArrayDeque<>();
    private Channel channel;
    private int inFlight;

    PublishConnection(Publisher owner, int index, int window) {
        this.owner = owner;
        this.index = index;
        this.window = window;
    }

    /** This connection's place among the publisher's connections. */
    int index() {
        return index;
    }

    int window() {
        return window;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    /** On the publisher's event loop. */
    void submit(int topic) {
        if (!channel.isActive()) {
            owner.connectionLost(1); // counted, so the run reports it instead of waiting forever
            return;
        }
        if (inFlight < window && backlog.isEmpty()) {
            send(topic);
            channel.flush();
        } else {
            backlog.add(topic);
            owner.noteBacklog(backlog.size());
        }
    }

    int outstanding() {
        return inFlight + backlog.size();
    }

    private void send(int topic) {
        inFlight++;
        channel.write(owner.request(this, channel.alloc(), topic), channel.voidPromise());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
        inFlight--;
        owner.answered(this, response.status().code());
        boolean wrote = false;
        while (inFlight < window && !backlog.isEmpty()) {
            send(backlog.poll());
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        owner.connectionLost(outstanding());
        inFlight = 0; // those requests will never be answered; let the run finish
        backlog.clear();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
