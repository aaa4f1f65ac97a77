package dev.herald.transport.redis;

import dev.herald.event.StoredUpdate;
import dev.herald.transport.PackedUpdate;
import io.lettuce.core.StreamMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** How an update is an entry of the stream (see history.lua): id {@code <sequence>-0}, fields i, t, u. */
final class StreamEntries {
    static final String ID_FIELD = "i";
    static final String PACKED_FIELD = "u";

    private StreamEntries() {}

    /** The stream id of a sequence, and the position "after" it for XREAD. */
    static String streamId(long sequence) {
        return sequence + "-0";
    }

    static long sequence(String streamId) {
        int dash = streamId.indexOf('-');
        return Long.parseLong(dash < 0 ? streamId : streamId.substring(0, dash));
    }

    /** The update, its frame encoded here: every hub encodes its own rather than share it through Redis. */
    static StoredUpdate decode(StreamMessage<String, byte[]> entry) {
        byte[] packed = entry.getBody().get(PACKED_FIELD);
        if (packed == null) {
            throw new IllegalStateException("stream entry " + entry.getId() + " has no update field");
        }
        return new StoredUpdate(sequence(entry.getId()), PackedUpdate.unpackUpdate(packed));
    }

    static List<StoredUpdate> decodeAll(List<StreamMessage<String, byte[]>> entries) {
        List<StoredUpdate> updates = new ArrayList<>(entries.size());
        for (StreamMessage<String, byte[]> entry : entries) {
            updates.add(decode(entry));
        }
        return updates;
    }

    static String id(StreamMessage<String, byte[]> entry) {
        byte[] id = entry.getBody().get(ID_FIELD);
        return id == null ? null : new String(id, StandardCharsets.UTF_8);
    }

    /** The earliest sequence in an id index value: "12" or "12,40,41". */
    static long earliest(byte[] indexValue) {
        String value = new String(indexValue, StandardCharsets.US_ASCII);
        int comma = value.indexOf(',');
        return Long.parseLong(comma < 0 ? value : value.substring(0, comma));
    }

    static byte[] ascii(long n) {
        return Long.toString(n).getBytes(StandardCharsets.US_ASCII);
    }
}
