package dev.herald.server;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;

/**
 * Metrics and the operator endpoints ({@code /metrics}, {@code /stats}). Start from {@link
 * #defaults()}: metrics on, in a Prometheus registry of the server's own served at {@code
 * /metrics}; operator endpoints readable with the admin token only (or by anyone in dev mode,
 * where anyone may publish anyway). {@code /healthz} and {@code /readyz} are always open: they
 * tell nothing about topics or subscribers.
 */
public final class ObservabilityConfig {
    /** Shorter tokens are refused: the token guards every topic name the hub knows. */
    public static final int MIN_TOKEN_LENGTH = 16;

    private final boolean metrics;
    private final MeterRegistry registry;
    private final String adminToken;

    private ObservabilityConfig(boolean metrics, MeterRegistry registry, String adminToken) {
        this.metrics = metrics;
        this.registry = registry;
        this.adminToken = adminToken;
    }

    public static ObservabilityConfig defaults() {
        return new ObservabilityConfig(true, null, null);
    }

    /** Whether the hub keeps meters (and serves {@code /metrics} when they are in a Prometheus registry). */
    public boolean metrics() {
        return metrics;
    }

    /** The embedder's registry the hub's meters go to, or null for one of the server's own. */
    public MeterRegistry meterRegistry() {
        return registry;
    }

    /** The bearer token {@code /metrics} and {@code /stats} require, or null. */
    public String adminToken() {
        return adminToken;
    }

    /** Off: no meters, no timings taken, {@code /metrics} not found. */
    public ObservabilityConfig withMetrics(boolean on) {
        return new ObservabilityConfig(on, registry, adminToken);
    }

    /**
     * Binds the hub's meters to {@code registry} (Spring's, say) instead of a registry of the
     * server's own; the server then binds no JVM meters (the application does), removes its meters
     * when it closes, and serves {@code /metrics} only if {@code registry} is a Prometheus one.
     */
    public ObservabilityConfig withMeterRegistry(MeterRegistry registry) {
        return new ObservabilityConfig(metrics, Objects.requireNonNull(registry, "registry"), adminToken);
    }

    /**
     * @param token what {@code Authorization: Bearer} must carry for {@code /metrics} and {@code
     *     /stats}: at least {@value #MIN_TOKEN_LENGTH} characters a header can carry (RFC 6750
     *     b64token); null for none
     */
    public ObservabilityConfig withAdminToken(String token) {
        if (token != null) {
            if (!token.matches("[A-Za-z0-9._~+/-]+=*")) {
                throw new IllegalArgumentException("the admin token may hold letters, digits and -._~+/ "
                        + "(then = padding) only, as a bearer token must");
            }
            if (token.length() < MIN_TOKEN_LENGTH) {
                throw new IllegalArgumentException("the admin token must be at least " + MIN_TOKEN_LENGTH
                        + " characters (e.g. openssl rand -hex 32)");
            }
        }
        return new ObservabilityConfig(metrics, registry, token);
    }
}
