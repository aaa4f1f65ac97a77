package dev.herald.example.inbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/** One notification in one user's inbox. */
@Entity
@Table(name = "notification", indexes = @Index(name = "notification_by_recipient", columnList = "recipient, id"))
public class Notification {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(nullable = false, length = 64)
    private String recipient;
    @Column(nullable = false, length = 64)
    private String sender;
    @Column(nullable = false, length = NotificationService.MAX_TEXT)
    private String text;
    @Column(nullable = false)
    private Instant createdAt;
    @Column(name = "is_read", nullable = false)
    private boolean read;

    protected Notification() {
        // for JPA
    }

    Notification(String recipient, String sender, String text, Instant createdAt) {
        this.recipient = recipient;
        this.sender = sender;
        this.text = text;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public String getRecipient() {
        return recipient;
    }

    public String getSender() {
        return sender;
    }

    public String getText() {
        return text;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public boolean isRead() {
        return read;
    }

    void markRead() {
        read = true;
    }
}
