package dev.herald.store.sqlite;

import java.util.Locale;

/** When a commit counts as done, and therefore what an acknowledged update survives. */
public enum Durability {
    /**
     * {@code synchronous=FULL}: every commit is fsynced before it is acknowledged. Survives a
     * process crash, a kernel crash and power loss; costs one disk flush per group commit.
     */
    SYNC("sync"),
    /**
     * {@code synchronous=NORMAL} in WAL mode: a commit is written to the WAL (handed to the
     * operating system) before it is acknowledged, and synced at checkpoints. Survives a process
     * crash or {@code kill -9}; a power loss or kernel crash may lose the last commits, never
     * corrupting the file.
     */
    OS("os");

    private final String label;

    Durability(String label) {
        this.label = label;
    }

    /** {@code sync}, or {@code os} (also spelt {@code normal}). */
    public static Durability parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "sync", "full" -> SYNC;
            case "os", "normal" -> OS;
            default -> throw new IllegalArgumentException(
                    "invalid durability '" + value + "': use sync or os (alias normal)");
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
