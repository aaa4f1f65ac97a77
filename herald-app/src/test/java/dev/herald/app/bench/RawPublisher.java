package dev.herald.app.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal HTTP/1.1 keep-alive publisher on a plain socket: one request, then its response,
 * then the next. It costs far less CPU than java.net.http, which matters when the load client
 * and the hub share two cores.
 */
final class RawPublisher implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] request;

    RawPublisher(int port, String form) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream());
        byte[] body = form.getBytes(StandardCharsets.UTF_8);
        String head = "POST /.well-known/mercure HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        request = new byte[h.length + body.length];
        System.arraycopy(h, 0, request, 0, h.length);
        System.arraycopy(body, 0, request, h.length, body.length);
    }

    /** Sends one publish and reads its response; returns the status. */
    int publish() throws IOException {
        out.write(request);
        out.flush();
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            head.append((char) b);
            int n = head.length();
            if (n >= 4 && head.charAt(n - 1) == '\n' && head.charAt(n - 3) == '\n') {
                break;
            }
        }
        if (b < 0) {
            throw new IOException("connection closed");
        }
        String text = head.toString();
        int status = Integer.parseInt(text.substring(9, 12));
        int at = text.toLowerCase(java.util.Locale.ROOT).indexOf("content-length:");
        int end = text.indexOf('\r', at);
        long length = Long.parseLong(text.substring(at + 15, end).trim());
        in.skipNBytes(length);
        return status;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
