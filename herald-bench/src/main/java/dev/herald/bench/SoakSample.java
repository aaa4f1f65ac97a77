package dev.herald.bench;

/**
 * One sampling of the soak run: the server's process from {@code /proc}, its JVM and hub gauges
 * from {@code /metrics} (null when the scrape failed or the gauge is not known yet: Micrometer
 * reports heap after GC only once a collection has shrunk the old generation; the old generation's
 * use, G1's, is there to explain it), and the load's totals.
 */
record SoakSample(double seconds, String utc, double rssMib, int openFiles, int threads, double cpuSeconds,
                  Double heapAfterGcMib, Double heapUsedMib, Double heapCommittedMib, Double oldGenUsedMib,
                  Double nonHeapUsedMib,
                  Double jvmThreads, Double processOpenFiles, Double subscribers, Double streamConnections,
                  Double requestConnections,
                  Double historyRetained, Double hubSlowCutOffs, SoakCounters load) {

    /**
     * Open files less the hub's open connections (streams and the rest): what a leaked file
     * descriptor adds to, without the churn's ups and downs. Null when the scrape failed.
     */
    Double filesBeyondConnections() {
        return streamConnections == null || requestConnections == null ? null
                : openFiles - streamConnections - requestConnections;
    }
}
