package dev.herald.spring;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code herald.*} properties: where the hub keeps its history and how subscribers are kept
 * alive. Names and defaults follow the standalone hub's options ({@code herald serve --help}),
 * except the history, which is in memory unless the application chooses a durable one.
 */
@ConfigurationProperties("herald")
public class HeraldProperties {
    /** Where the history lives: {@code memory} (lost on restart), {@code sqlite} or {@code redis}. */
    private TransportKind transport = TransportKind.MEMORY;
    /** Updates retained for resume (Last-Event-ID). */
    private int historySize = 10_000;
    /** Updates older than this leave the history (sqlite and redis); unset keeps them until historySize. */
    private Duration retentionAge;
    /** Comment lines sent to idle subscribers so that proxies and clients see the stream alive. */
    private Duration heartbeat = Duration.ofSeconds(15);
    private final Sqlite sqlite = new Sqlite();
    private final Redis redis = new Redis();

    public enum TransportKind { MEMORY, SQLITE, REDIS }

    /** {@code herald.sqlite.*}: the durable history in one SQLite file. */
    public static class Sqlite {
        /** The directory of {@code herald.db}. */
        private Path dataDir = Path.of("herald-data");
        /** {@code os}: a publish is acknowledged once the OS has it; {@code sync}: once it is on disk. */
        private String durability = "os";

        public Path getDataDir() {
            return dataDir;
        }

        public void setDataDir(Path dataDir) {
            this.dataDir = dataDir;
        }

        public String getDurability() {
            return durability;
        }

        public void setDurability(String durability) {
            this.durability = durability;
        }
    }

    /** {@code herald.redis.*}: the history shared by every instance of the application. */
    public static class Redis {
        /** {@code redis://[[user]:password@]host[:port][/db]} or {@code rediss://}. */
        private String url;
        /** Names the cluster's keys, so that several applications can share one Redis. */
        private String keyPrefix = "herald";
        /** Acknowledge a publish only once this many replicas have it too. */
        private int replicas;
        /** How long startup waits for a Redis that is unreachable or still loading. */
        private Duration startupWait = Duration.ofSeconds(30);

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }

        public String getKeyPrefix() {
            return keyPrefix;
        }

        public void setKeyPrefix(String keyPrefix) {
            this.keyPrefix = keyPrefix;
        }

        public int getReplicas() {
            return replicas;
        }

        public void setReplicas(int replicas) {
            this.replicas = replicas;
        }

        public Duration getStartupWait() {
            return startupWait;
        }

        public void setStartupWait(Duration startupWait) {
            this.startupWait = startupWait;
        }
    }

    public TransportKind getTransport() {
        return transport;
    }

    public void setTransport(TransportKind transport) {
        this.transport = transport;
    }

    public int getHistorySize() {
        return historySize;
    }

    public void setHistorySize(int historySize) {
        this.historySize = historySize;
    }

    public Duration getRetentionAge() {
        return retentionAge;
    }

    public void setRetentionAge(Duration retentionAge) {
        this.retentionAge = retentionAge;
    }

    public Duration getHeartbeat() {
        return heartbeat;
    }

    public void setHeartbeat(Duration heartbeat) {
        this.heartbeat = heartbeat;
    }

    public Sqlite getSqlite() {
        return sqlite;
    }

    public Redis getRedis() {
        return redis;
    }
}
