package dev.herald.transport;

import dev.herald.event.StoredUpdate;
import dev.herald.event.Update;
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
 * length and its UTF-8 bytes. Public for transports in other modules that store updates as bytes
 * ({@link #packUpdate}, {@link #unpackUpdate}: without the frame, which every reader re-encodes).
 */
public final class PackedUpdate {
    private static final byte[] NO_FRAME = new byte[0];
    private static final byte PRIVATE = 1;
    private static final byte HAS_TYPE = 2;
    private static final byte HAS_RETRY = 4;

    private PackedUpdate() {}

    static byte[] pack(StoredUpdate stored) {
        return pack(stored.update(), stored.frame());
    }

    /**
     * The update without its SSE frame: the compact form for a store whose readers encode the
     * frame themselves (a shared store sends half the bytes, and the frame is cheap to rebuild).
     */
    public static byte[] packUpdate(Update update) {
        return pack(update, NO_FRAME);
    }

    /** The update in bytes from {@link #packUpdate} (a frame after it, if any, is ignored). */
    public static Update unpackUpdate(byte[] packed) {
        return readUpdate(ByteBuffer.wrap(packed));
    }

    private static byte[] pack(Update u, byte[] frame) {
        byte[] id = utf8(u.id());
        byte[][] topics = new byte[u.topics().size()][];
        int size = 4 + id.length + 1 + 4;
        for (int i = 0; i < topics.length; i++) {
            topics[i] = utf8(u.topics().get(i));
            size += 4 + topics[i].length;
        }
        byte[] data = utf8(u.data());
        byte[] type = u.type() == null ? null : utf8(u.type());
        size += 4 + data.length + (type == null ? 0 : 4 + type.length) + (u.retry() == null ? 0 : 8) + frame.length;
        byte flags = (byte) ((u.privateUpdate() ? PRIVATE : 0) | (type != null ? HAS_TYPE : 0)
                | (u.retry() != null ? HAS_RETRY : 0));
        ByteBuffer out = ByteBuffer.allocate(size);
        putString(out, id).put(flags).putInt(topics.length);
        for (byte[] topic : topics) {
            putString(out, topic);
        }
        putString(out, data);
        if (type != null) {
            putString(out, type);
        }
        if (u.retry() != null) {
            out.putLong(u.retry());
        }
        return out.put(frame).array();
    }

    static StoredUpdate unpack(long sequence, byte[] packed) {
        ByteBuffer in = ByteBuffer.wrap(packed);
        Update update = readUpdate(in);
        byte[] frame = Arrays.copyOfRange(packed, in.position(), packed.length);
        return new StoredUpdate(sequence, update, frame);
    }

    /** Reads the update's fields, leaving {@code in} at the frame. */
    private static Update readUpdate(ByteBuffer in) {
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
        return new Update(id, topics, data, type, retry, (flags & PRIVATE) != 0);
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

    private static ByteBuffer putString(ByteBuffer out, byte[] utf8) {
        return out.putInt(utf8.length).put(utf8);
    }

    private static String getString(ByteBuffer in) {
        int length = in.getInt();
        String s = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return s;
    }
}
