package dev.herald.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The body of an HTTP/1.1 response sent with {@code Transfer-Encoding: chunked}, as the bytes
 * the server wrote (Servlet containers frame an event stream so; Herald's own server does not).
 * Ends at the last chunk; chunk extensions and trailers are skipped.
 */
final class ChunkedInput extends InputStream {
    private final InputStream in;
    private int remaining;
    private boolean done;

    ChunkedInput(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (done) {
            return -1;
        }
        if (remaining == 0) {
            remaining = nextChunkSize();
            if (remaining == 0) {
                done = true;
                return -1;
            }
        }
        int n = in.read(b, off, Math.min(len, remaining));
        if (n < 0) {
            throw new IOException("the connection ended inside a chunk");
        }
        remaining -= n;
        return n;
    }

    /**
     * The CRLF that ends a chunk's data is read with the next chunk's size line, not right after
     * the data: a server may send it only with the next chunk (Jetty does), and the data must
     * reach the reader at once.
     */
    private int nextChunkSize() throws IOException {
        String line = line();
        if (line.isEmpty()) {
            line = line();
        }
        int semi = line.indexOf(';');
        String size = (semi < 0 ? line : line.substring(0, semi)).trim();
        try {
            return Integer.parseInt(size, 16);
        } catch (NumberFormatException e) {
            throw new IOException("not a chunk size: " + line);
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                line.write(c);
            }
        }
        if (c < 0) {
            throw new IOException("the connection ended inside a chunk header");
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
