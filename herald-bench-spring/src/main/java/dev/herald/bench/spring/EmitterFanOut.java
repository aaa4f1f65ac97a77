package dev.herald.bench.spring;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * What an application writes without Herald, as the Spring guides and most tutorials show it: a
 * list of {@link SseEmitter}s per topic, and a publish that loops over them on the publisher's
 * request thread. It speaks the harness's requests (the Mercure subscribe and publish shapes) and
 * nothing more: no history, no resume, no authorization, no budget for slow clients.
 */
@RestController
@Profile("sseemitter")
class EmitterFanOut {
    private final Map<String, List<SseEmitter>> byTopic = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    @GetMapping(path = "/.well-known/mercure", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter subscribe(@RequestParam String topic) {
        SseEmitter emitter = new SseEmitter(0L); // no timeout: the stream stays open
        List<SseEmitter> emitters = byTopic.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>());
        emitters.add(emitter);
        emitter.onCompletion(() -> emitters.remove(emitter));
        emitter.onError(e -> emitters.remove(emitter));
        emitter.onTimeout(() -> emitters.remove(emitter));
        return emitter;
    }

    @PostMapping(path = "/.well-known/mercure", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    String publish(@RequestParam String topic, @RequestParam String data) {
        String id = Long.toString(ids.incrementAndGet());
        for (SseEmitter emitter : byTopic.getOrDefault(topic, List.of())) {
            try {
                emitter.send(SseEmitter.event().id(id).data(data)); // a builder is spent by one send
            } catch (IOException | IllegalStateException e) {
                emitter.completeWithError(e); // a dead client is found here, at the next write
            }
        }
        return id;
    }
}
