package dev.herald.bench;

import java.util.SplittableRandom;

/** How the soak picks topics: half the time one of the hot ones (the first few), otherwise any. */
final class SoakTopics {
    private SoakTopics() {}

    static int pick(SplittableRandom random, int topics, int hot) {
        return random.nextBoolean() ? random.nextInt(hot) : random.nextInt(topics);
    }

    /** One to three distinct topics for a new subscriber. */
    static int[] forSubscriber(SplittableRandom random, int topics, int hot) {
        int n = 1 + random.nextInt(Math.min(3, topics));
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int t;
            do {
                t = pick(random, topics, hot);
            } while (contains(out, i, t));
            out[i] = t;
        }
        return out;
    }

    private static boolean contains(int[] a, int n, int v) {
        for (int i = 0; i < n; i++) {
            if (a[i] == v) {
                return true;
            }
        }
        return false;
    }
}
