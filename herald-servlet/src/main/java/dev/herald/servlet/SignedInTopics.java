package dev.herald.servlet;

import java.security.Principal;
import java.util.List;

/**
 * Which private updates a user the application has signed in may receive, without a Mercure
 * token: the application's session or HTTP Basic sign-in is enough, as the container reports it
 * ({@link jakarta.servlet.http.HttpServletRequest#getUserPrincipal()}; Spring Security fills it in).
 * A request that carries a Mercure token is decided by the token instead.
 */
@FunctionalInterface
public interface SignedInTopics {

    /**
     * @return topic selectors (exact topics, URI templates, or {@code *}) whose private updates
     *     {@code user} may receive; empty for none (public updates only)
     */
    List<String> subscribeTopics(Principal user);
}
