package dev.herald.transport.redis;

/**
 * The keys of one cluster's active subscriptions (see presence.lua), under the same hash tag as
 * its history. Each node's ids live in a set named {@link #nodeSetPrefix()} followed by its id.
 */
record PresenceKeys(String nodes, String ids, String documents, String counts, String types, String nodeSetPrefix) {

    static PresenceKeys of(String prefix) {
        String tag = "{" + prefix + "}:presence:";
        return new PresenceKeys(tag + "nodes", tag + "ids", tag + "docs", tag + "counts", tag + "types", tag + "node:");
    }

    /** In the order presence.lua expects them. */
    String[] forScript() {
        return new String[] {nodes, ids, documents, counts, types};
    }
}
