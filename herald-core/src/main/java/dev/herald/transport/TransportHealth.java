package dev.herald.transport;

import java.util.Objects;

/**
 * Whether a transport can take updates now, as a readiness probe asks it.
 *
 * @param ready true when appends can succeed
 * @param reason why not, short and without secrets (it may be shown to anyone who can reach the
 *     probe); empty when ready
 */
public record TransportHealth(boolean ready, String reason) {
    public static final TransportHealth READY = new TransportHealth(true, "");

    public TransportHealth {
        Objects.requireNonNull(reason, "reason");
    }

    public static TransportHealth unavailable(String reason) {
        return new TransportHealth(false, reason);
    }
}
