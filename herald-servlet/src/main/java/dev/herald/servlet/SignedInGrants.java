package dev.herald.servlet;

import dev.herald.protocol.auth.Grants;
import dev.herald.topic.SelectorCache;
import dev.herald.topic.TopicSelector;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;

/** The grants of a signed-in user, from the application's {@link SignedInTopics}. */
final class SignedInGrants {
    private final SignedInTopics topics;
    /** Users' selectors repeat from one stream to the next: parse each once. */
    private final SelectorCache selectors = new SelectorCache(10_000);

    SignedInGrants(SignedInTopics topics) {
        this.topics = topics;
    }

    /** @return null when nobody is signed in */
    Grants of(Principal user) {
        if (user == null) {
            return null;
        }
        List<String> granted = topics.subscribeTopics(user);
        List<TopicSelector> parsed = new ArrayList<>(granted.size());
        for (String selector : granted) {
            parsed.add(selectors.get(selector));
        }
        // The subject is the user, for per-subject limits; "user:" keeps it apart from tokens' iss/sub
        return Grants.signedIn("user:" + user.getName(), parsed);
    }
}
