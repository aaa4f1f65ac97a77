package dev.herald.transport;

import java.util.Arrays;
import java.util.OptionalLong;
import java.util.function.LongFunction;

/**
 * Event id → the earliest retained sequence that used it (Mercure 1.0: a reused id resolves to
 * its earliest occurrence in history), for a history ring of packed updates. An
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
     * Records that {@code sequence}, just stored in the ring, has this id (a reused id gets an
     * entry per use, so that its earliest retained use can be found).
     * The ring holds the {@code historySize} sequences up to this one.
     */
    void put(String id, long sequence) {
        if (occupied >= sequences.length - sequences.length / 4) {
            rebuild(sequence);
        }
        insert(hash(id), sequence);
    }

    /** The earliest retained sequence carrying {@code id}: a reused id keeps one entry per use. */
    OptionalLong get(String id) {
        int h = hash(id);
        byte[] idUtf8 = PackedUpdate.utf8(id);
        long earliest = 0;
        for (int i = h & mask; sequences[i] != 0; i = (i + 1) & mask) {
            if (hashes[i] == h && (earliest == 0 || sequences[i] < earliest) && sameId(sequences[i], idUtf8)) {
                earliest = sequences[i];
            }
        }
        return earliest == 0 ? OptionalLong.empty() : OptionalLong.of(earliest);
    }

    /** Takes the first slot on the probe path that is empty or holds an evicted sequence. */
    private void insert(int h, long sequence) {
        int i = h & mask;
        for (; sequences[i] != 0; i = (i + 1) & mask) {
            if (retained.apply(sequences[i]) == null) {
                sequences[i] = sequence;
                hashes[i] = h;
                return;
            }
        }
        occupied++;
        sequences[i] = sequence;
        hashes[i] = h;
    }

    /** Empties the table and re-adds every retained update. */
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
            insert(hash(PackedUpdate.id(retained.apply(seq))), seq);
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
