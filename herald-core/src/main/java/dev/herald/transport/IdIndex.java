package dev.herald.transport;

import java.util.Arrays;
import java.util.OptionalLong;
import java.util.function.LongFunction;

/**
 * Event id → the latest retained sequence that used it, for a history ring of packed updates. An
 * open-addressing table of sequences and id hashes (two primitive arrays, no object per entry):
 * the ids themselves are compared in the ring. Entries whose update left the ring are not removed
 * but skipped and reused; the table is rebuilt from the ring before they can fill it, growing
 * with the history up to twice the ring's size.
 */
final class IdIndex {
    /** The packed update for a sequence while the ring retains it, else null. */
    private final LongFunction<byte[]> retained;
    private final int historySize;
    private final int maxCapacity;
    private long[] sequences = new long[16]; // 0 = empty slot (sequences start at 1)
    private int[] hashes = new int[16];
    private int mask = 15;
    private int occupied;

    IdIndex(int historySize, LongFunction<byte[]> retained) {
        this.retained = retained;
        this.historySize = historySize;
        this.maxCapacity = powerOfTwoAtLeast(2L * historySize);
    }

    /**
     * Records that {@code sequence}, just stored in the ring, has this id; a reused id moves to it.
     * The ring holds the {@code historySize} sequences up to this one.
     */
    void put(String id, long sequence) {
        if (occupied >= sequences.length - sequences.length / 4) {
            rebuild(sequence);
        }
        insert(hash(id), PackedUpdate.utf8(id), sequence);
    }

    OptionalLong get(String id) {
        int h = hash(id);
        byte[] idUtf8 = PackedUpdate.utf8(id);
        for (int i = h & mask; sequences[i] != 0; i = (i + 1) & mask) {
            if (hashes[i] == h && sameId(sequences[i], idUtf8)) {
                return OptionalLong.of(sequences[i]);
            }
        }
        return OptionalLong.empty();
    }

    private void insert(int h, byte[] idUtf8, long sequence) {
        int reusable = -1;
        int i = h & mask;
        for (; sequences[i] != 0; i = (i + 1) & mask) {
            byte[] packed = retained.apply(sequences[i]);
            if (packed != null && hashes[i] == h && PackedUpdate.hasId(packed, idUtf8)) {
                sequences[i] = sequence; // at most one live entry per id
                return;
            }
            if (packed == null && reusable < 0) {
                reusable = i;
            }
        }
        if (reusable < 0) {
            reusable = i;
            occupied++;
        }
        sequences[reusable] = sequence;
        hashes[reusable] = h;
    }

    /** Empties the table and re-adds every retained update, oldest first, so the latest use of an id wins. */
    private void rebuild(long next) {
        long first = Math.max(1, next - historySize + 1);
        int capacity = Math.min(maxCapacity, Math.max(sequences.length, powerOfTwoAtLeast(2 * (next - first + 1))));
        if (capacity > sequences.length) {
            sequences = new long[capacity];
            hashes = new int[capacity];
            mask = capacity - 1;
        } else {
            Arrays.fill(sequences, 0);
        }
        occupied = 0;
        for (long seq = first; seq < next; seq++) {
            String id = PackedUpdate.id(retained.apply(seq));
            insert(hash(id), PackedUpdate.utf8(id), seq);
        }
    }

    private boolean sameId(long sequence, byte[] idUtf8) {
        byte[] packed = retained.apply(sequence);
        return packed != null && PackedUpdate.hasId(packed, idUtf8);
    }

    /** Between 16 and 2^30 (the largest int array size that is a power of two). */
    private static int powerOfTwoAtLeast(long n) {
        return (int) Math.min(1L << 30, Math.max(16, Long.highestOneBit(Math.max(1, n - 1)) << 1));
    }

    private static int hash(String id) {
        int h = id.hashCode();
        return h ^ (h >>> 16);
    }
}
