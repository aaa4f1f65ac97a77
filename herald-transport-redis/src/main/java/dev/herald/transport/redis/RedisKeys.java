package dev.herald.transport.redis;

/**
 * The keys of one cluster's history. They share the hash tag {@code {prefix}}, so that on a Redis
 * Cluster they would live in one slot, as a script touching all three requires.
 */
record RedisKeys(String stream, String lastSequence, String ids) {

    static RedisKeys of(String prefix) {
        String tag = "{" + prefix + "}";
        return new RedisKeys(tag + ":updates", tag + ":last-sequence", tag + ":ids");
    }

    /** In the order the history script expects them. */
    String[] forScript() {
        return new String[] {stream, lastSequence, ids};
    }
}
