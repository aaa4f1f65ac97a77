package dev.herald.example.inbox;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The inbox's JSON API, for the page and for scripts (HTTP Basic). Everyone sees their own inbox only. */
@RestController
@RequestMapping("/api")
class InboxController {
    private static final int MAX_LIST = 200;
    private final NotificationService notifications;
    private final InboxUsers users;

    InboxController(NotificationService notifications, InboxUsers users) {
        this.notifications = notifications;
        this.users = users;
    }

    /** Who is signed in, the topic of their inbox, and whom they can write to. */
    @GetMapping("/me")
    Map<String, Object> me(Principal me) {
        return Map.of("user", me.getName(), "topic", InboxTopics.of(me.getName()), "users", users.names());
    }

    @GetMapping("/notifications")
    Map<String, Object> inbox(Principal me, @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > MAX_LIST) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "\"limit\" must be between 1 and " + MAX_LIST);
        }
        List<NotificationView> latest = notifications.latest(me.getName(), limit);
        return Map.of("user", me.getName(), "unread", notifications.unread(me.getName()), "notifications", latest);
    }

    /** The body: {@code {"user": "<recipient>", "text": "..."}}; the sender is whoever is signed in. */
    record SendRequest(String user, String text) {}

    @PostMapping(path = "/notifications", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<NotificationView> send(Principal me, @RequestBody SendRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(notifications.send(me.getName(), request.user(), request.text()));
    }

    @PostMapping("/notifications/{id}/read")
    ResponseEntity<Void> markRead(Principal me, @PathVariable long id) {
        if (!notifications.markRead(me.getName(), id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No notification " + id + " in your inbox");
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/notifications/read")
    ResponseEntity<Void> markAllRead(Principal me) {
        notifications.markAllRead(me.getName());
        return ResponseEntity.noContent().build();
    }
}
