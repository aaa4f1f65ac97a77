package dev.herald.transport.redis;

import dev.herald.presence.ActiveSubscription;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * An active subscription as Redis stores it: version byte, then matcher type, match, subscriber
 * and payload, each a length and UTF-8 bytes (payload length -1 when absent). Only hubs read it:
 * the script derives everything it counts from the subscription's id.
 */
final class SubscriptionCodec {
    private static final int VERSION = 1;

    private SubscriptionCodec() {}

    static byte[] encode(ActiveSubscription s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + s.match().length());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            write(out, s.matchType());
            write(out, s.match());
            write(out, s.subscriber());
            write(out, s.payloadJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException when {@code stored} is not a subscription this codec wrote */
    static ActiveSubscription decode(byte[] stored) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown subscription encoding " + version);
            }
            String type = read(in);
            String match = read(in);
            String subscriber = read(in);
            return new ActiveSubscription(subscriber, type, match, read(in));
        } catch (IOException | NullPointerException e) {
            throw new IllegalArgumentException("not a stored subscription", e);
        }
    }

    private static void write(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String read(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        if (length > in.available()) {
            throw new IOException("truncated");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
