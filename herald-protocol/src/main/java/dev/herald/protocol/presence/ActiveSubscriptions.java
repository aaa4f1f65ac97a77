package dev.herald.protocol.presence;

import dev.herald.event.Update;
import dev.herald.presence.ActiveSubscription;
import dev.herald.presence.SubscriberIds;
import dev.herald.protocol.SubscribeParameters;
import dev.herald.protocol.auth.Grants;
import dev.herald.topic.MatcherType;
import dev.herald.topic.TopicSelector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The active subscriptions a subscribe request opens, as the registry and the events show them. */
public final class ActiveSubscriptions {
    /**
     * The matcher type name under which a 0.x URI template selector appears in 1.0 subscription
     * documents: 1.0 has no such type, and a document needs one.
     */
    public static final String LEGACY_TEMPLATE_TYPE = "uritemplate";

    private ActiveSubscriptions() {}

    /**
     * One per distinct matcher, under one hub-generated subscriber id for the connection.
     *
     * @param parsed the selectors of {@code parameters}' matchers, in the same order
     */
    public static List<ActiveSubscription> of(SubscribeParameters parameters, List<TopicSelector> parsed,
            Grants grants) {
        String subscriber = SubscriberIds.next();
        Map<String, ActiveSubscription> distinct = new LinkedHashMap<>();
        for (int i = 0; i < parsed.size(); i++) {
            SubscribeParameters.Matcher m = parameters.matchers().get(i);
            String type = m.type() != null ? m.type().canonicalName()
                    : parsed.get(i).isExact() || Update.WILDCARD.equals(m.value())
                            ? MatcherType.EXACT.canonicalName() : LEGACY_TEMPLATE_TYPE;
            distinct.putIfAbsent(type + ' ' + m.value(),
                    new ActiveSubscription(subscriber, type, m.value(), grants.payloadFor(m.value())));
        }
        return new ArrayList<>(distinct.values());
    }
}
