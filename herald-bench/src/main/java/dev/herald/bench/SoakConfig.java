package dev.herald.bench;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * The soak run's settings ({@code herald-bench soak}); the defaults are the moderate load that
 * runs next to other work on two cores. Rates are per second.
 *
 * @param minutes       how long the load runs (the verdict judges its second half)
 * @param sampleSeconds time between samples
 * @param subscribers   the steady population of ordinary subscribers, each on 1–3 topics
 * @param topics        topics published to; a twentieth of them are hot (half of all publishes and subscriptions)
 * @param leaves        subscribers a second that leave for good, each replaced by a new one
 * @param resumes       subscribers a second that disconnect and come back 0.5–5 s later with {@code Last-Event-ID}
 * @param slowReaders   readers of every topic ({@code match=*}) that stop reading until cut off, then resume
 * @param stallSeconds  how long a slow reader stops reading
 * @param rate          steady publishes a second, on random topics
 * @param burstSize     publishes of each burst, within one second, on hot topics
 * @param burstEvery    seconds between bursts (0: none)
 * @param payloadBytes  padding in each update's data, so slow readers fall behind their budget in seconds
 * @param apiEvery      seconds between rounds of subscriptions-API reads (0: none)
 * @param drainSeconds  after the load stops: time for the last resumes and deliveries before the final check
 * @param apiToken      a subscriber token for the subscriptions API (environment {@code SOAK_API_TOKEN})
 * @param adminToken    the hub's admin token for {@code /metrics} (environment {@code HERALD_ADMIN_TOKEN}; none in dev mode)
 */
record SoakConfig(double minutes, double sampleSeconds, int subscribers, int topics, double leaves, double resumes,
                  int slowReaders, double stallSeconds, double rate, int burstSize, double burstEvery, int payloadBytes,
                  double apiEvery, double drainSeconds, InetSocketAddress server, long serverPid, String runId,
                  String apiToken, String adminToken, int sources, Path out, String serverInfo) {

    static SoakConfig from(Args a) {
        SoakConfig c = new SoakConfig(
                a.decimal("minutes", 30), a.decimal("sample", 10), a.integer("subscribers", 2000),
                a.integer("topics", 1000), a.decimal("leaves", 10), a.decimal("resumes", 10),
                a.integer("slow-readers", 4), a.decimal("stall", 30), a.decimal("rate", 200),
                a.integer("burst-size", 2000), a.decimal("burst-every", 60), a.integer("payload-bytes", 100),
                a.decimal("api-every", 2), a.decimal("drain", 10),
                new InetSocketAddress(a.string("host", "127.0.0.1"), a.integer("port", 8080)),
                Long.parseLong(positiveWhole("server-pid", a.required("server-pid"))), a.string("run-id", "soak"),
                System.getenv().getOrDefault("SOAK_API_TOKEN", ""), System.getenv().getOrDefault("HERALD_ADMIN_TOKEN", ""),
                a.integer("sources", 8), Path.of(a.required("out")), a.string("server-info", ""));
        c.validate();
        return c;
    }

    private static String positiveWhole(String name, String v) {
        if (!v.matches("[1-9][0-9]{0,9}")) {
            throw new IllegalArgumentException("--" + name + " must be a process id, got: " + v);
        }
        return v;
    }

    void validate() {
        atLeast("minutes", minutes, 0.5);
        atLeast("sample", sampleSeconds, 1);
        if (sampleSeconds > minutes * 60 / 4) {
            throw new IllegalArgumentException("--sample " + sampleSeconds + " leaves fewer than 4 samples in "
                    + minutes + " minutes");
        }
        atLeast("subscribers", subscribers, 1);
        atLeast("topics", topics, 1);
        atLeast("leaves", leaves, 0);
        atLeast("resumes", resumes, 0);
        atLeast("slow-readers", slowReaders, 0);
        atLeast("stall", stallSeconds, 1);
        atLeast("rate", rate, 1);
        atLeast("burst-size", burstSize, 0);
        atLeast("burst-every", burstEvery, 0);
        if (burstEvery > 0 && burstEvery < 2) {
            throw new IllegalArgumentException("--burst-every must be 0 (no bursts) or at least 2 seconds, got: "
                    + burstEvery);
        }
        atLeast("payload-bytes", payloadBytes, 0);
        atLeast("api-every", apiEvery, 0);
        atLeast("drain", drainSeconds, 1);
        atLeast("sources", sources, 1);
        if (payloadBytes > 60_000) {
            throw new IllegalArgumentException("--payload-bytes must be at most 60000, got: " + payloadBytes);
        }
        if (sources > 250) {
            throw new IllegalArgumentException("--sources must be at most 250 (127.0.0.2 … 127.0.0.251), got: " + sources);
        }
    }

    private static void atLeast(String name, double v, double min) {
        if (!(v >= min)) {
            throw new IllegalArgumentException("--" + name + " must be at least " + (min == Math.rint(min)
                    ? String.valueOf((long) min) : String.valueOf(min)) + ", got: " + v);
        }
    }

    /** The hot topics: the first twentieth, at least one. */
    int hotTopics() {
        return Math.max(1, topics / 20);
    }

    double runSeconds() {
        return minutes * 60;
    }

    String describeLoad() {
        return String.format(java.util.Locale.ROOT, "%d subscribers on 1–3 of %d topics (%d hot), %.0f leave and are"
                        + " replaced /s, %.0f resume /s after 0.5–5 s away, %d slow readers of every topic (stall %.0f s),"
                        + " %.0f publishes/s plus a burst of %d every %.0f s, %d B padding, subscriptions-API reads every"
                        + " %.0f s", subscribers, topics, hotTopics(), leaves, resumes, slowReaders, stallSeconds, rate,
                burstSize, burstEvery, payloadBytes, apiEvery);
    }
}
