package dev.herald.example.inbox;

import dev.herald.event.Update;
import dev.herald.spring.HeraldPublisher;
import dev.herald.spring.UpdateDiscardedException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Limit;
import org.springframework.http.HttpStatus;
import org.springframework.security.provisioning.UserDetailsManager;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores notifications and pushes them: each change is written in a transaction and published
 * as a private update on the recipient's topic once the transaction commits, never before and
 * never for a rolled-back one.
 */
@Service
public class NotificationService {
    static final int MAX_TEXT = 1000;
    private static final Logger log = LoggerFactory.getLogger(NotificationService.class);
    private final NotificationRepository notifications;
    private final UserDetailsManager users;
    private final HeraldPublisher herald;
    private final JsonMapper json;
    private final Clock clock;

    NotificationService(NotificationRepository notifications, UserDetailsManager users, HeraldPublisher herald,
            JsonMapper json) {
        this.notifications = notifications;
        this.users = users;
        this.herald = herald;
        this.json = json;
        this.clock = Clock.systemUTC();
    }

    /** @throws ResponseStatusException 400 naming the problem: an unknown recipient, an empty or long text */
    @Transactional
    public NotificationView send(String sender, String recipient, String text) {
        if (recipient == null || recipient.isBlank()) {
            throw badRequest("\"user\" is required: the recipient's user name");
        }
        if (!users.userExists(recipient)) {
            throw badRequest("No such user: " + recipient);
        }
        if (text == null || text.isBlank()) {
            throw badRequest("\"text\" is required and must not be blank");
        }
        if (text.length() > MAX_TEXT) {
            throw badRequest("\"text\" is " + text.length() + " characters long; at most " + MAX_TEXT);
        }
        Notification saved = notifications.save(new Notification(recipient, sender, text, clock.instant()));
        NotificationView view = NotificationView.of(saved);
        push(recipient, null, json.writeValueAsString(view));
        return view;
    }

    @Transactional(readOnly = true)
    public List<NotificationView> latest(String user, int limit) {
        return notifications.findByRecipientOrderByIdDesc(user, Limit.of(limit))
                .stream().map(NotificationView::of).toList();
    }

    @Transactional(readOnly = true)
    public long unread(String user) {
        return notifications.countByRecipientAndReadFalse(user);
    }

    /** @return false when {@code user} has no notification {@code id} */
    @Transactional
    public boolean markRead(String user, long id) {
        return notifications.findByIdAndRecipient(id, user).map(n -> {
            if (!n.isRead()) {
                n.markRead();
                push(user, "read", json.writeValueAsString(Map.of("ids", List.of(id))));
            }
            return true;
        }).orElse(false);
    }

    @Transactional
    public void markAllRead(String user) {
        if (notifications.markAllRead(user) > 0) {
            push(user, "read", json.writeValueAsString(Map.of("all", true)));
        }
    }

    /**
     * After commit: the user's other open pages learn at once. A hub that cannot take the update
     * (its history unreachable) costs the live push only: the notification is stored, and pages
     * show it when they next load.
     */
    private void push(String user, String type, String data) {
        Update.Builder update = Update.builder().topic(InboxTopics.of(user)).data(data).privateUpdate(true);
        if (type != null) {
            update.type(type);
        }
        herald.publish(update.build()).whenComplete((id, failure) -> {
            Throwable cause = failure instanceof CompletionException wrapped ? wrapped.getCause() : failure;
            if (cause != null && !(cause instanceof UpdateDiscardedException)) { // discarded: rolled back, nothing stored
                log.warn("Change for {} stored but not pushed: {}", user, cause.getMessage());
            }
        });
    }

    private static ResponseStatusException badRequest(String message) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, message);
    }
}
