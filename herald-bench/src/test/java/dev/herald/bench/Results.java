package dev.herald.bench;

/** Fan-out results with the figures a report test varies; everything else fixed and clean. */
final class Results {
    private Results() {}

    static ScenarioResult fanout(String system, double p99, double cpuPerDeliveryUs, long losses) {
        return new ScenarioResult(system, "fanout", "test", "2026-11-21T00:00:00Z", "run", "", "",
                100, 100, 0, null, 0, 10, 1, 10,
                100, 100, 0, 0, 0, 10,
                10_000, 10_000 - losses, losses, losses > 0 ? 1 : 0, 0, 0, 0,
                10_000, 1000,
                p99 / 2, p99 / 1.5, p99, p99 * 1.2, p99 * 1.5,
                100, cpuPerDeliveryUs, 1000, 2000, 2000, 10);
    }
}
