package dev.herald.server;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A publish rate, {@code permits} per {@code period}: a token bucket holding at most
 * {@code permits}, refilled evenly over the period (so {@code 100/s} allows a burst of 100, then
 * one every 10 ms).
 */
public record PublishRate(int permits, Duration period) {
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})\\s*/\\s*(s|m|h)");

    public PublishRate {
        if (permits < 1) {
            throw new IllegalArgumentException("a publish rate allows at least 1 update: " + permits);
        }
        if (period == null || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a publish rate's period must be positive: " + period);
        }
    }

    /** {@code 100/s}, {@code 600/m}, {@code 5000/h}. */
    public static PublishRate parse(String text) {
        Matcher m = FORMAT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid publish rate '" + text + "': use e.g. 100/s, 600/m or 5000/h");
        }
        Duration period = switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(1);
            case "h" -> Duration.ofHours(1);
            default -> Duration.ofSeconds(1);
        };
        return new PublishRate(Integer.parseInt(m.group(1)), period);
    }

    @Override
    public String toString() {
        String unit = period.equals(Duration.ofSeconds(1)) ? "s" : period.equals(Duration.ofMinutes(1)) ? "m"
                : period.equals(Duration.ofHours(1)) ? "h" : period.toString();
        return permits + "/" + unit;
    }
}
