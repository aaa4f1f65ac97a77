package dev.herald.bench;

/**
 * One scenario against one system: the unit the report compares. Times in milliseconds unless
 * the name says otherwise; RSS in kB.
 */
record ScenarioResult(
        String system, String scenario, String scale, String startedUtc, String runId,
        String serverInfo, String clientInfo,
        int subscribers, int connected, int failedConnections, String firstFailure, long disconnects,
        double offeredRate, double warmupSeconds, double durationSeconds,
        long publishSent, long publishOk, long publishErrors, long publishLost, int publishMaxBacklog,
        /** Publishes acknowledged per second during the measured seconds. */
        double achievedPublishRate,
        long expectedDeliveries, long distinctDeliveries, long losses, int subscribersWithLoss,
        long duplicates, long outOfOrder, long malformed,
        long measuredDeliveries, double deliveredPerSecond,
        double latencyP50Ms, double latencyP90Ms, double latencyP99Ms, double latencyP999Ms, double latencyMaxMs,
        /** Measured deliveries slower than 1 ms publish→receive (the stalls behind a tail). */
        long slowerThan1Ms,
        long serverCpuMs, double serverCpuPerDeliveryUs,
        /**
         * The kernel's part of the CPU per delivery (system time). The kernel
         * splits a process's time by tick samples and keeps both parts monotonic, so the split of a
         * window is only meaningful when the mix is steady across the run (fan-out), not per-user.
         */
        double serverKernelCpuPerDeliveryUs,
        long serverRssBaselineKb, long serverRssConnectedKb, long serverRssEndKb, double rssPerConnectionKb) {

    /** CPU per delivery spent in the server's own code (user time). */
    double serverUserCpuPerDeliveryUs() {
        return serverCpuPerDeliveryUs - serverKernelCpuPerDeliveryUs;
    }

    /** The harness's correctness gate: every subscriber connected and got every update once, in order. */
    boolean clean() {
        return failedConnections == 0 && disconnects == 0 && losses == 0 && duplicates == 0
                && outOfOrder == 0 && malformed == 0 && publishErrors == 0 && publishLost == 0;
    }
}
