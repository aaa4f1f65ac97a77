package dev.herald.bench;

/**
 * The soak load's own totals since it started. {@code cutOffs} are slow readers the hub (or the
 * kernel) disconnected while they were not reading, as intended; {@code unexpectedDisconnects} are
 * streams of readers that kept up and were ended anyway. {@code gapLosses} is only what is known
 * while running (gaps); the tail check comes at the end. {@code churnWaits} counts the tenths of a
 * second the churn held back because too many subscribers were still between streams.
 */
record SoakCounters(int openStreams, long connects, long resumes, long leaves, long cutOffs, long stallsSurvived,
                    long unexpectedDisconnects, long connectFailures, long inexactResumes, long deliveries,
                    long duplicates, long outOfOrder, long gapLosses, long malformed, long churnWaits,
                    long published, long publishErrors, long publishLost,
                    long apiReads, long apiErrors, long apiTotal) {
}
