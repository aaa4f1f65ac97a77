package dev.herald.bench;

/** The soak's update data: {@code k=<topic>;seq=<n>;t=<wall-clock micros>;p=<padding>}. */
final class SoakPayload {
    /** A parsed payload. */
    record Parsed(int topic, long seq) {}

    private SoakPayload() {}

    static String format(int topic, long seq, long micros, String padding) {
        return "k=" + topic + ";seq=" + seq + ";t=" + micros + ";p=" + padding;
    }

    /** The topic and sequence, or null when {@code data} is not one of ours. */
    static Parsed parse(String data) {
        if (!data.startsWith("k=")) {
            return null;
        }
        int semi = data.indexOf(';');
        int seqEnd = semi < 0 ? -1 : data.indexOf(';', semi + 1);
        if (semi < 0 || seqEnd < 0 || !data.startsWith("seq=", semi + 1)) {
            return null;
        }
        try {
            int topic = Integer.parseInt(data.substring(2, semi));
            long seq = Long.parseLong(data.substring(semi + 5, seqEnd));
            return topic >= 0 && seq > 0 ? new Parsed(topic, seq) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
