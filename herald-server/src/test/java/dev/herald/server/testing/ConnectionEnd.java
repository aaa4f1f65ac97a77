package dev.herald.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * How a connection ended for its client, read to the end: the bytes that were still to read, and
 * whether the end was an orderly FIN (read returns -1) or a reset (the read fails with
 * "Connection reset"). Linux keeps what a socket received before the RST readable, then reports it.
 *
 * @param bytes everything read from the socket until the end
 * @param reset true for a reset, false for an orderly end
 */
public record ConnectionEnd(byte[] bytes, boolean reset) {

    /** Reads {@code socket} to its end; fails if nothing ends it within {@code timeout}. */
    public static ConnectionEnd readToEnd(Socket socket, Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] buf = new byte[16 * 1024];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                read.write(buf, 0, n);
            }
            return new ConnectionEnd(read.toByteArray(), false);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the connection did not end within " + timeout + " (" + read.size()
                    + " bytes read)", e);
        } catch (SocketException e) {
            if (String.valueOf(e.getMessage()).contains("Connection reset")) {
                return new ConnectionEnd(read.toByteArray(), true);
            }
            throw e;
        }
    }
}
