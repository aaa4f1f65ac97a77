package dev.herald.bench;

/**
 * What the soak verdict tolerates, per hour, and how long its window must be to judge at all. The
 * defaults are sized against the leaks worth catching at the default churn (about 20 new
 * connections a second, leaves and resumes): 1 KiB kept per connection grows 70 MiB an hour, one
 * file kept per thousand connections 72 files an hour.
 */
record SoakThresholds(double rssMibPerHour, double heapMibPerHour, double filesPerHour, double threadsPerHour,
                      double minWindowMinutes, int minWindowSamples) {
    static final SoakThresholds DEFAULTS = new SoakThresholds(30, 15, 30, 5, 10, 20);
}
