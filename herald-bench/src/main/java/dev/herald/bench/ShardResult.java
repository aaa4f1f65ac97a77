package dev.herald.bench;

/** What one subscriber process saw; the coordinator merges these. Latency is in microseconds. */
record ShardResult(
        int shard, int subscribers, int connected, int failed, String firstFailure, long disconnects,
        long distinct, long duplicates, long outOfOrder, long losses, int subscribersWithLoss,
        long malformed, long measuredDeliveries,
        long windowDeliveries, String latencyHistogram) {}
