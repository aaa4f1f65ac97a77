package dev.herald.server.stream;

import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.unix.Limits;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.nio.ByteBuffer;

/** The one user of Netty's internal unix {@link Socket} API: the epoll channel's own descriptor. */
final class EpollSendSocket implements SendSocket {
    /** Most frames one writev(2) takes; the caller queues the others as it does any short write. */
    private static final int MAX_FRAMES_PER_WRITEV = Math.min(Limits.IOV_MAX, 1024);

    private final Socket socket;

    EpollSendSocket(EpollSocketChannel channel) {
        this.socket = (Socket) channel.fd(); // a LinuxSocket, whose class is not public
    }

    @Override
    public long send(ByteBuffer frame, long address) throws IOException {
        // send(2) skips the VFS layer that write(2) goes through
        return socket.sendAddress(address, frame.position(), frame.limit());
    }

    @Override
    public long writev(ByteBuffer[] frames, int count) throws IOException {
        return socket.writev(frames, 0, Math.min(count, MAX_FRAMES_PER_WRITEV), Long.MAX_VALUE);
    }

    @Override
    public boolean isOpen() {
        return socket.isOpen();
    }
}
