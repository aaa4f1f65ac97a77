package dev.herald.spring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code herald.endpoint.*}: the Mercure endpoint on the application's own port. Defaults are the
 * standalone hub's.
 */
@ConfigurationProperties("herald.endpoint")
public class HeraldEndpointProperties {
    /** Mount the endpoint (a Servlet web application only); off leaves the hub to Java publishers. */
    private boolean enabled = true;
    /** Where it is mounted. Mercure clients look for it at /.well-known/mercure. */
    private String path = "/.well-known/mercure";
    /** Bytes queued for one subscriber before it is cut off (it resumes from history). */
    private DataSize subscriberBuffer = DataSize.ofKilobytes(512);
    /** Largest publish body; past it, 413. */
    private DataSize maxBody = DataSize.ofMegabytes(1);
    /** Streams end after this long (the client reconnects and resumes); unset for no limit. */
    private Duration maxConnectionLifetime;
    /** Threads that write the streams; unset for one per core. */
    private Integer streamThreads;
    /**
     * On shutdown, open streams are ended spread over this window before the web server stops,
     * so that their clients do not all reconnect in the same instant.
     */
    private Duration drainTimeout = Duration.ofSeconds(5);

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public DataSize getSubscriberBuffer() {
        return subscriberBuffer;
    }

    public void setSubscriberBuffer(DataSize subscriberBuffer) {
        this.subscriberBuffer = subscriberBuffer;
    }

    public DataSize getMaxBody() {
        return maxBody;
    }

    public void setMaxBody(DataSize maxBody) {
        this.maxBody = maxBody;
    }

    public Duration getMaxConnectionLifetime() {
        return maxConnectionLifetime;
    }

    public void setMaxConnectionLifetime(Duration maxConnectionLifetime) {
        this.maxConnectionLifetime = maxConnectionLifetime;
    }

    public Integer getStreamThreads() {
        return streamThreads;
    }

    public void setStreamThreads(Integer streamThreads) {
        this.streamThreads = streamThreads;
    }

    public Duration getDrainTimeout() {
        return drainTimeout;
    }

    public void setDrainTimeout(Duration drainTimeout) {
        this.drainTimeout = drainTimeout;
    }
}
