package dev.herald.bench;

/** Results with the figures a report test varies; everything else fixed and clean. */
final class Results {
    private Results() {}

    static ScenarioResult fanout(String system, double p99, double cpuPerDeliveryUs, long losses) {
        return of(system, "fanout", p99, cpuPerDeliveryUs, losses, 0L);
    }

    static ScenarioResult of(String system, String scenario, double p99, double cpuPerDeliveryUs, long losses,
                             long slowerThan1Ms) {
        return new ScenarioResult(system, scenario, "test", "2026-11-21T00:00:00Z", "run", "", "",
                100, 100, 0, null, 0, 10, 1, 10,
                100, 100, 0, 0, 0, 10,
                10_000, 10_000 - losses, losses, losses > 0 ? 1 : 0, 0, 0, 0,
                10_000, 1000,
                p99 / 2, p99 / 1.5, p99, p99 * 1.2, p99 * 1.5, slowerThan1Ms,
                100, cpuPerDeliveryUs, cpuPerDeliveryUs * 0.8, 1000, 2000, 2000, 10);
    }

    static ScenarioResult withKernelSplit(ScenarioResult r, double kernelPerDeliveryUs) {
        return new ScenarioResult(r.system(), r.scenario(), r.scale(), r.startedUtc(), r.runId(), r.serverInfo(),
                r.clientInfo(), r.subscribers(), r.connected(), r.failedConnections(), r.firstFailure(),
                r.disconnects(), r.offeredRate(), r.warmupSeconds(), r.durationSeconds(), r.publishSent(),
                r.publishOk(), r.publishErrors(), r.publishLost(), r.publishMaxBacklog(), r.achievedPublishRate(),
                r.expectedDeliveries(), r.distinctDeliveries(), r.losses(), r.subscribersWithLoss(), r.duplicates(),
                r.outOfOrder(), r.malformed(), r.measuredDeliveries(), r.deliveredPerSecond(), r.latencyP50Ms(),
                r.latencyP90Ms(), r.latencyP99Ms(), r.latencyP999Ms(), r.latencyMaxMs(), r.slowerThan1Ms(),
                r.serverCpuMs(), r.serverCpuPerDeliveryUs(), kernelPerDeliveryUs, r.serverRssBaselineKb(),
                r.serverRssConnectedKb(), r.serverRssEndKb(), r.rssPerConnectionKb());
    }
}
