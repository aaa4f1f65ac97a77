package dev.herald.bench;

/**
 * What the soak verdict tolerates, per hour, and how long its window must be to judge at all. The
 * defaults are sized against the leaks worth catching at the default churn (about 20 subscribers
 * replaced a second): 1 KiB kept per replaced subscriber grows 70 MiB an hour, one file kept per
 * thousand 72 files an hour; sampling noise over a 15-minute window stays well below them.
 */
record SoakThresholds(double rssMibPerHour, double heapMibPerHour, double filesPerHour, double threadsPerHour,
                      double minWindowMinutes, int minWindowSamples) {
    static final SoakThresholds DEFAULTS = new SoakThresholds(30, 15, 30, 5, 10, 20);
}
