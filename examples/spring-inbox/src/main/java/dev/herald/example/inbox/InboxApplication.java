package dev.herald.example.inbox;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The in-site inbox: users send each other notifications, stored in the application's database
 * and pushed live to the recipient's open pages by the Herald hub running inside this application
 * (on its own port, at {@code /.well-known/mercure}).
 */
@SpringBootApplication
public class InboxApplication {

    public static void main(String[] args) {
        SpringApplication.run(InboxApplication.class, args);
    }
}
