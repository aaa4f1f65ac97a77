package dev.herald.app.cluster;

import dev.herald.testkit.Form;
import dev.herald.testkit.HubClient;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes {@code "<name> <n>"} for n = 0, 1, … one at a time and records which n were
 * acknowledged, with their ids. A refused publish (503 while Redis is down) is not retried: the
 * next one carries n + 1, so no data is ever sent twice. Stops when its hub is gone or when told.
 */
final class ClusterPublisher implements Runnable {
    private final HubClient hub;
    private final String topic;
    private final String name;
    /** n → acknowledged id. */
    final Map<Integer, String> acknowledged = new ConcurrentHashMap<>();
    final AtomicInteger refused = new AtomicInteger();
    private volatile boolean stop;

    ClusterPublisher(int port, String topic, String name) {
        this.hub = new HubClient(port);
        this.topic = topic;
        this.name = name;
    }

    String name() {
        return name;
    }

    void stop() {
        stop = true;
    }

    @Override
    public void run() {
        for (int n = 0; !stop; n++) {
            try {
                HttpResponse<String> r = hub.publish(Form.fields("topic", topic, "data", name + " " + n));
                if (r.statusCode() == 200) {
                    acknowledged.put(n, r.body());
                } else {
                    refused.incrementAndGet();
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // Redis is down: do not spin
                }
            } catch (IOException e) {
                return; // the hub died, with this publish in flight: not acknowledged
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
