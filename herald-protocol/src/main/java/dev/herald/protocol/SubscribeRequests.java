package dev.herald.protocol;

import dev.herald.hub.Subscription;
import dev.herald.presence.ActiveSubscription;
import dev.herald.protocol.auth.Authorizer;
import dev.herald.protocol.auth.Grants;
import dev.herald.protocol.presence.ActiveSubscriptions;
import dev.herald.topic.SelectorCache;
import dev.herald.topic.TopicSelector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a subscribe request into the hub's {@link Subscription}: parameters, selectors, the
 * subscriber's grants, where to resume and when to end. Everything that can refuse the request
 * does so here, before any stream is opened.
 */
public final class SubscribeRequests {
    private final Authorizer authorizer;
    private final int maxTopics;
    private final int maxMatcherLength;
    private final Duration maxLifetime;
    private final SelectorCache selectors = new SelectorCache(10_000);

    /** @param maxLifetime the longest a stream stays open, or null for no limit */
    public SubscribeRequests(Authorizer authorizer, int maxTopics, int maxMatcherLength, Duration maxLifetime) {
        this.authorizer = authorizer;
        this.maxTopics = maxTopics;
        this.maxMatcherLength = maxMatcherLength;
        this.maxLifetime = maxLifetime;
    }

    /**
     * A subscribe request, validated and authorized.
     *
     * @param selectors the parsed selectors of {@code parameters}' matchers, in order
     */
    public record Accepted(Subscription subscription, Grants grants, SubscribeParameters parameters,
            List<TopicSelector> selectors) {

        /** What the subscriptions API and events show of this request (a new subscriber id each call). */
        public List<ActiveSubscription> activeSubscriptions() {
            return ActiveSubscriptions.of(parameters, selectors, grants);
        }
    }

    /**
     * @param query the decoded query
     * @param body the form body of a {@code QUERY} request (its parameters join the query's), or an
     *     empty map
     * @throws BadRequestException for invalid parameters
     * @throws dev.herald.protocol.auth.AuthException when the token is missing, invalid or not allowed
     */
    public Accepted parse(HubRequest request, Map<String, List<String>> query, Map<String, List<String>> body) {
        return parse(request, query, body, null);
    }

    /**
     * As {@link #parse(HubRequest, Map, Map)}, for a request whose user the application signed in.
     *
     * @param signedIn that user's grants, used when the request carries no Mercure token; null
     *     when nobody is signed in
     */
    public Accepted parse(HubRequest request, Map<String, List<String>> query, Map<String, List<String>> body,
            Grants signedIn) {
        SubscribeParameters parameters = SubscribeParameters.parse(query, body, maxTopics, maxMatcherLength);
        String hubUrl = HubUrls.of(request);
        List<TopicSelector> parsed = new ArrayList<>(parameters.matchers().size());
        for (SubscribeParameters.Matcher m : parameters.matchers()) {
            try {
                parsed.add(m.type() == null ? selectors.get(m.value()) : selectors.get(m.type(), m.value(), hubUrl));
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("Invalid \"" + m.parameter() + "\" parameter: " + e.getMessage());
            }
        }
        Grants grants = authorizer.authorizeSubscribe(request, query, hubUrl, signedIn);
        boolean legacyReader = parameters.matchers().stream().allMatch(m -> m.type() == null);
        Subscription subscription = new Subscription(parsed, grants.subscribe(),
                ResumePoints.of(request, parameters.lastEventId()), endOf(grants.expiresAt()), legacyReader);
        return new Accepted(subscription, grants, parameters, parsed);
    }

    /** The token's expiry or the end of the connection's maximum lifetime, whichever comes first. */
    private Instant endOf(Instant tokenExpiry) {
        if (maxLifetime == null) {
            return tokenExpiry;
        }
        Instant lifetimeEnd = Instant.now().plus(maxLifetime);
        return tokenExpiry == null || lifetimeEnd.isBefore(tokenExpiry) ? lifetimeEnd : tokenExpiry;
    }
}
