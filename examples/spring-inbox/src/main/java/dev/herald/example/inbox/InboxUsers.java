package dev.herald.example.inbox;

import java.util.List;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/** The demo's users, alice/alice and bob/bob; a real application has its own user store. */
final class InboxUsers extends InMemoryUserDetailsManager {
    private static final List<String> NAMES = List.of("alice", "bob");

    InboxUsers() {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        for (String name : NAMES) {
            createUser(User.withUsername(name).password(encoder.encode(name)).roles("USER").build());
        }
    }

    List<String> names() {
        return NAMES;
    }
}
