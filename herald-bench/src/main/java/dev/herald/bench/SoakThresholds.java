package dev.herald.bench;

/**
 * What the soak verdict tolerates, per hour, and how long its window must be to judge at all. The
 * defaults are sized against the leaks worth catching at the default churn (about 20 new
 * connections a second, leaves and resumes): 1 KiB kept per connection grows 70 MiB an hour, one
 * file kept per thousand connections 72 files an hour. All open files move with the churn (tens of
 * connections come and go between samples), so their threshold is wider; the files beyond the
 * hub's connections do not, and catch the leaked descriptor.
 */
record SoakThresholds(double rssMibPerHour, double heapMibPerHour, double filesPerHour,
                      double filesBeyondConnectionsPerHour, double threadsPerHour, double minWindowMinutes,
                      int minWindowSamples) {
    static final SoakThresholds DEFAULTS = new SoakThresholds(30, 15, 150, 30, 5, 10, 20);
}
