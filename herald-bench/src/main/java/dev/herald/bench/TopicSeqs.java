package dev.herald.bench;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * One soak subscriber's accounting per topic, across all its connections: every sequence number
 * from the first it received on a topic on must arrive exactly once and in order. A gap between
 * the first and the highest received is a loss (a resume that skipped something); {@link #tailLosses}
 * also checks the end against what was published, for a subscriber still connected when the run stops.
 */
final class TopicSeqs {
    private static final class Topic {
        final long first;
        final BitSet seen = new BitSet();
        long max;
        long distinct;

        Topic(long first) {
            this.first = first;
            this.max = first;
        }
    }

    /** What one delivery was. */
    enum Outcome { FIRST, DUPLICATE, OUT_OF_ORDER }

    private final Map<Integer, Topic> topics = new HashMap<>();

    Outcome record(int topic, long seq) {
        if (seq <= 0) {
            throw new IllegalArgumentException("seq must be positive, got: " + seq);
        }
        Topic t = topics.get(topic);
        if (t == null) {
            t = new Topic(seq);
            topics.put(topic, t);
        }
        if (seq < t.first) {
            return Outcome.OUT_OF_ORDER; // before the first it ever got: published earlier, delivered later
        }
        long offset = seq - t.first;
        if (offset > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException("seq too far past the first: " + seq);
        }
        if (t.seen.get((int) offset)) {
            return Outcome.DUPLICATE;
        }
        t.seen.set((int) offset);
        t.distinct++;
        if (seq < t.max) {
            return Outcome.OUT_OF_ORDER;
        }
        t.max = seq;
        return Outcome.FIRST;
    }

    /** Sequences missing between the first and the highest received, over all topics. */
    long gapLosses() {
        long lost = 0;
        for (Topic t : topics.values()) {
            lost += (t.max - t.first + 1) - t.distinct;
        }
        return lost;
    }

    /** Sequences published after the highest received, for the topics this subscriber received anything on. */
    long tailLosses(long[] publishedPerTopic) {
        long lost = 0;
        for (Map.Entry<Integer, Topic> e : topics.entrySet()) {
            int k = e.getKey();
            long published = k < publishedPerTopic.length ? publishedPerTopic[k] : 0;
            lost += Math.max(0, published - e.getValue().max);
        }
        return lost;
    }
}
