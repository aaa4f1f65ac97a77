package dev.herald.bench;

import java.util.BitSet;

/**
 * One subscriber's accounting by the publisher's per-topic sequence (1, 2, 3, …): distinct
 * deliveries, duplicates, and deliveries that arrived after a higher sequence had.
 */
final class SeqTracker {
    private final BitSet seen = new BitSet();
    private long distinct;
    private long duplicates;
    private long outOfOrder;
    private long maxSeq;

    /** Records one delivery; returns true when it is the first delivery of {@code seq}. */
    boolean record(long seq) {
        if (seq <= 0 || seq > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("seq out of range: " + seq);
        }
        int s = (int) seq;
        if (seen.get(s)) {
            duplicates++;
            return false;
        }
        seen.set(s);
        distinct++;
        if (seq < maxSeq) {
            outOfOrder++;
        } else {
            maxSeq = seq;
        }
        return true;
    }

    /** Sequences 1..published this subscriber never received. */
    long losses(long published) {
        long got = published <= 0 ? 0 : seen.get(1, (int) Math.min(published, Integer.MAX_VALUE) + 1).cardinality();
        return Math.max(0, published - got);
    }

    long distinct() {
        return distinct;
    }

    long duplicates() {
        return duplicates;
    }

    long outOfOrder() {
        return outOfOrder;
    }

    long maxSeq() {
        return maxSeq;
    }
}
