package dev.herald.transport;

import dev.herald.event.StoredUpdate;
import dev.herald.event.Update;
import dev.herald.event.Utf8;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A retained update as one byte array. A live {@link StoredUpdate} is a dozen small objects
 * (record, strings, list, frame); kept for minutes in a history ring they are what every young
 * collection copies, and those pauses set the latency tail. One array per entry is copied as a
 * block, with no references to scan.
 *
 * <p>Layout: id, flags, topic count, topics, data, [type], [retry], frame; each string as an int
 * length and its UTF-8 bytes.
 */
final class PackedUpdate {
    private static final byte PRIVATE = 1;
    private static final byte HAS_TYPE = 2;
    private static final byte HAS_RETRY = 4;

    private PackedUpdate() {}

    /** Measures, then writes into one array of the exact size: no per-field arrays on the publish path. */
    static byte[] pack(StoredUpdate stored) {
        Update u = stored.update();
        List<String> topics = u.topics();
        byte[] frame = stored.frame();
        int size = 4 + Utf8.length(u.id()) + 1 + 4 + 4 + Utf8.length(u.data()) + frame.length
                + (u.type() == null ? 0 : 4 + Utf8.length(u.type())) + (u.retry() == null ? 0 : 8);
        for (int i = 0; i < topics.size(); i++) {
            size += 4 + Utf8.length(topics.get(i));
        }
        byte flags = (byte) ((u.privateUpdate() ? PRIVATE : 0) | (u.type() != null ? HAS_TYPE : 0)
                | (u.retry() != null ? HAS_RETRY : 0));
        byte[] out = new byte[size];
        int o = putString(out, 0, u.id());
        out[o++] = flags;
        o = putInt(out, o, topics.size());
        for (int i = 0; i < topics.size(); i++) {
            o = putString(out, o, topics.get(i));
        }
        o = putString(out, o, u.data());
        if (u.type() != null) {
            o = putString(out, o, u.type());
        }
        if (u.retry() != null) {
            long retry = u.retry();
            o = putInt(out, o, (int) (retry >>> 32)); // read back with getLong
            o = putInt(out, o, (int) retry);
        }
        System.arraycopy(frame, 0, out, o, frame.length);
        return out;
    }

    static StoredUpdate unpack(long sequence, byte[] packed) {
        ByteBuffer in = ByteBuffer.wrap(packed);
        String id = getString(in);
        byte flags = in.get();
        int topicCount = in.getInt();
        List<String> topics = new ArrayList<>(topicCount);
        for (int i = 0; i < topicCount; i++) {
            topics.add(getString(in));
        }
        String data = getString(in);
        String type = (flags & HAS_TYPE) != 0 ? getString(in) : null;
        Long retry = (flags & HAS_RETRY) != 0 ? in.getLong() : null;
        byte[] frame = Arrays.copyOfRange(packed, in.position(), packed.length);
        return new StoredUpdate(sequence, new Update(id, topics, data, type, retry, (flags & PRIVATE) != 0), frame);
    }

    static String id(byte[] packed) {
        return getString(ByteBuffer.wrap(packed));
    }

    /** Whether the packed update's id is the one whose UTF-8 bytes are given, without decoding it. */
    static boolean hasId(byte[] packed, byte[] idUtf8) {
        int length = ByteBuffer.wrap(packed).getInt();
        return length == idUtf8.length && Arrays.equals(packed, 4, 4 + length, idUtf8, 0, length);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The string's UTF-8 length (big-endian int) and bytes at {@code offset}; returns the offset after them. */
    private static int putString(byte[] out, int offset, String s) {
        int end = Utf8.write(s, out, offset + 4);
        putInt(out, offset, end - offset - 4);
        return end;
    }

    /** Big-endian, as {@link ByteBuffer#getInt()} reads it back; returns the offset after it. */
    private static int putInt(byte[] out, int offset, int value) {
        out[offset] = (byte) (value >>> 24);
        out[offset + 1] = (byte) (value >>> 16);
        out[offset + 2] = (byte) (value >>> 8);
        out[offset + 3] = (byte) value;
        return offset + 4;
    }

    private static String getString(ByteBuffer in) {
        int length = in.getInt();
        String s = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return s;
    }
}
