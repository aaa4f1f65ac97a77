package dev.herald.example.inbox;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface NotificationRepository extends JpaRepository<Notification, Long> {

    List<Notification> findByRecipientOrderByIdDesc(String recipient, Limit limit);

    long countByRecipientAndReadFalse(String recipient);

    Optional<Notification> findByIdAndRecipient(Long id, String recipient);

    @Modifying
    @Query("update Notification n set n.read = true where n.recipient = :recipient and n.read = false")
    int markAllRead(String recipient);
}
