package dev.herald.app.durability;

import dev.herald.testkit.Form;
import dev.herald.testkit.HubClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Publishes {@code "<name> <n>"} for n = 0, 1, … one at a time over a kept-alive connection and
 * records each acknowledged id in order, until the hub stops answering.
 */
final class Publisher implements Runnable {
    private final HubClient hub;
    private final String topic;
    private final String name;
    final List<String> acknowledged = new CopyOnWriteArrayList<>();

    Publisher(int port, String topic, String name) {
        this.hub = new HubClient(port);
        this.topic = topic;
        this.name = name;
    }

    String name() {
        return name;
    }

    @Override
    public void run() {
        for (int n = 0; ; n++) {
            try {
                HttpResponse<String> r = hub.publish(Form.fields("topic", topic, "data", name + " " + n));
                if (r.statusCode() != 200) {
                    return; // not acknowledged: the hub is going down
                }
                acknowledged.add(r.body());
            } catch (Exception e) {
                return; // the hub died with this publish in flight: it is not acknowledged
            }
        }
    }
}
