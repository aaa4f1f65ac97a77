package dev.herald.spring.endpoint;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * An application as its authors would write it: Spring Security with two users over HTTP Basic,
 * the Mercure endpoint open to anyone at the Security level, so that Herald decides (signed-in
 * users, JWTs, or neither).
 */
@SpringBootApplication
class EndpointTestApplication {

    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(
                User.withUsername("alice").password("{noop}alice").roles("USER").build(),
                User.withUsername("bob").password("{noop}bob").roles("USER").build(),
                User.withUsername("carol dupont").password("{noop}carol").roles("USER").build());
    }

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/.well-known/mercure").permitAll()
                        .anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                // publishers use JWTs, not the session: no CSRF token on the hub's own endpoint
                .csrf(csrf -> csrf.ignoringRequestMatchers("/.well-known/mercure"))
                .build();
    }
}
