package dev.herald.bench;

/**
 * One logical soak subscriber across its connections, as a browser's {@code EventSource} is: its
 * topics (none for a slow reader, which reads every topic), the last event id it received, and
 * its accounting. Confined to the load's event loop.
 */
final class SoakSession {
    enum State { CONNECTING, OPEN, AWAY, GONE }

    final int[] topics;
    final boolean slow;
    final TopicSeqs seqs = new TopicSeqs();
    State state = State.CONNECTING;
    /** The current connection's handler; a callback for an older one is stale and ignored. */
    SoakStream stream;
    String lastEventId;
    /** The load closed the current connection itself (a leave or a resume), so its end is no surprise. */
    boolean closingByUs;
    /** A slow reader that has stopped reading. */
    boolean stalled;

    SoakSession(int[] topics, boolean slow) {
        this.topics = topics;
        this.slow = slow;
    }
}
