package dev.herald.server.presence;

import static dev.herald.server.presence.PresenceHub.NS;
import static dev.herald.server.presence.PresenceHub.accessTokenForAll;
import static dev.herald.server.presence.PresenceHub.enc;
import static dev.herald.server.presence.PresenceHub.get;
import static dev.herald.server.presence.PresenceHub.open;
import static dev.herald.server.presence.PresenceHub.q;
import static dev.herald.server.presence.PresenceHub.uniqueTopic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.presence.SubscriptionScope;
import dev.herald.server.presence.PresenceHub.Response;
import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.Poll;
import dev.herald.testkit.StreamClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Collections in pages: {@code limit}, the {@code after} cursor, {@code rel="next"}, {@code total}. */
class SubscriptionsPagingIT {
    private static final String TOPIC = uniqueTopic("paging");
    private static final String MATCHER = NS + "/exact/" + enc(TOPIC);
    private static final Pattern NEXT = Pattern.compile("<([^>]*)>; rel=\"next\"");
    private static final String READER = accessTokenForAll();
    private static final int EXACT_10 = 20;
    private static final int EXACT_0X = 5;
    private static final int PATTERNS = 3;

    private static RunningHub hub;
    private static final List<StreamClient> clients = new ArrayList<>();

    @BeforeAll
    static void startHub() throws Exception {
        hub = PresenceHub.start();
        for (int i = 0; i < EXACT_10; i++) {
            clients.add(open(hub, q("match", TOPIC), null));
        }
        for (int i = 0; i < EXACT_0X; i++) {
            clients.add(open(hub, q("topic", TOPIC), null));
        }
        for (int i = 0; i < PATTERNS; i++) {
            clients.add(open(hub, q("match_urlpattern", TOPIC), null));
        }
        Poll.until("every subscription", () -> hub.server().subscriptions().orElseThrow()
                .count(SubscriptionScope.ALL) == clients.size());
    }

    @AfterAll
    static void stopHub() throws Exception {
        for (StreamClient c : clients) {
            c.close();
        }
        hub.close();
    }

    /** Reads a collection from {@code first} by following next links; returns the pages. */
    private static List<Response> pages(String first) throws Exception {
        List<Response> pages = new ArrayList<>();
        String target = first;
        while (target != null) {
            Response r = get(hub, target, READER);
            assertThat(r.status()).as("%s", r).isEqualTo(200);
            pages.add(r);
            target = next(r);
            assertThat(pages).as("pages followed").hasSizeLessThan(100);
        }
        return pages;
    }

    private static String next(Response r) {
        String found = null;
        for (String link : r.all("Link")) {
            Matcher m = NEXT.matcher(link);
            if (m.matches()) {
                assertThat(found).as("one next link").isNull();
                found = m.group(1);
            }
        }
        return found;
    }

    private static Set<String> subscribers(String collection) throws Exception {
        return new HashSet<>(get(hub, collection, READER).json().findValuesAsText("subscriber"));
    }

    private static List<String> ids(List<Response> pages) {
        List<String> ids = new ArrayList<>();
        for (Response p : pages) {
            p.json().get("subscriptions").forEach(s -> ids.add(s.get("id").asText()));
        }
        return ids;
    }

    @Test
    void aMatcherCollectionComesInPagesLinkedByNext() throws Exception {
        List<Response> pages = pages(MATCHER + "?limit=10");

        assertThat(pages).hasSize(3);
        assertThat(pages).extracting(p -> p.json().get("subscriptions").size()).containsExactly(10, 10, 5);
        assertThat(pages).allSatisfy(p -> assertThat(p.json().get("total").asInt()).isEqualTo(EXACT_10 + EXACT_0X));
        assertThat(pages).allSatisfy(p -> assertThat(p.json().get("id").asText()).isEqualTo(MATCHER));
        List<String> ids = ids(pages);
        assertThat(ids).doesNotHaveDuplicates().hasSize(EXACT_10 + EXACT_0X).isSorted();
        String firstLast = ids.get(9);
        assertThat(next(pages.get(0))).isEqualTo(MATCHER + "?after=" + enc(firstLast) + "&limit=10");
        // the mercure link stays on every page
        assertThat(pages).allSatisfy(p -> assertThat(p.all("Link")).anyMatch(l -> l.contains("rel=\"mercure\"")));
    }

    @Test
    void aLimitOfZeroAnswersTheTotalAlone() throws Exception {
        Response r = get(hub, MATCHER + "?limit=0", READER);

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().get("total").asInt()).isEqualTo(EXACT_10 + EXACT_0X);
        assertThat(r.json().get("subscriptions")).isEmpty();
        assertThat(next(r)).as("no page to follow").isNull();
    }

    @Test
    void withoutALimitASmallCollectionComesWhole() throws Exception {
        Response r = get(hub, NS, READER);

        assertThat(r.json().get("subscriptions")).hasSize(clients.size());
        assertThat(next(r)).isNull();
    }

    @Test
    void theWholeCollectionPagesThroughEveryType() throws Exception {
        List<Response> pages = pages(NS + "?limit=7");

        assertThat(pages).hasSize(4);
        assertThat(ids(pages)).doesNotHaveDuplicates().hasSize(clients.size()).isSorted();
    }

    @Test
    void a0xTopicCollectionPagesAcrossTypesIn0xTerms() throws Exception {
        List<Response> pages = pages(NS + "/" + enc(TOPIC) + "?limit=4");

        assertThat(pages).hasSize(7);
        assertThat(pages).allSatisfy(p -> {
            assertThat(p.header("Content-Type")).isEqualTo("application/ld+json");
            assertThat(p.json().get("type").asText()).isEqualTo("Subscriptions");
            assertThat(p.json().get("total").asInt()).isEqualTo(clients.size());
        });
        List<String> ids = ids(pages);
        assertThat(ids).doesNotHaveDuplicates().hasSize(clients.size())
                .allMatch(id -> id.startsWith(NS + "/" + enc(TOPIC) + "/"));
        assertThat(next(pages.get(0))).startsWith(NS + "/" + enc(TOPIC) + "?after=");
    }

    @Test
    void pagesStayConsistentWhileSubscriptionsComeAndGo() throws Exception {
        String topic = uniqueTopic("churn");
        String matcher = NS + "/exact/" + enc(topic);
        List<StreamClient> stay = new ArrayList<>();
        List<StreamClient> churn = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                (i % 3 == 0 ? churn : stay).add(open(hub, q("match", topic), null));
            }
            Poll.until("the twelve subscriptions", () -> hub.server().subscriptions().orElseThrow()
                    .count(SubscriptionScope.topic(topic)) == 12);
            Set<String> before = subscribers(matcher);
            Set<String> seen = new HashSet<>();
            String target = matcher + "?limit=3";
            int round = 0;
            while (target != null) {
                Response r = get(hub, target, READER);
                for (JsonNode s : r.json().get("subscriptions")) {
                    assertThat(seen.add(s.get("subscriber").asText())).as("listed twice: %s", s).isTrue();
                }
                target = next(r);
                // between pages, one leaves and one arrives
                if (round < 4) {
                    churn.get(round).close();
                }
                churn.add(open(hub, q("match", topic), null));
                round++;
            }
            // ids are never reused: one present before and after was present throughout
            Set<String> throughout = new HashSet<>(before);
            throughout.retainAll(subscribers(matcher));
            assertThat(throughout).hasSizeGreaterThanOrEqualTo(stay.size());
            assertThat(seen).containsAll(throughout);
            assertThat(round).as("pages read while changing").isGreaterThanOrEqualTo(3);
        } finally {
            for (StreamClient c : stay) {
                c.close();
            }
            for (StreamClient c : churn) {
                c.close();
            }
        }
    }
}
