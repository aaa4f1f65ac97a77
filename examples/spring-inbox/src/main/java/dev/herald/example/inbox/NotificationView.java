package dev.herald.example.inbox;

/** A notification as the page and the API show it, and as its live update carries it. */
record NotificationView(long id, String from, String to, String text, String createdAt, boolean read) {

    static NotificationView of(Notification n) {
        return new NotificationView(n.getId(), n.getSender(), n.getRecipient(), n.getText(),
                n.getCreatedAt().toString(), n.isRead());
    }
}
