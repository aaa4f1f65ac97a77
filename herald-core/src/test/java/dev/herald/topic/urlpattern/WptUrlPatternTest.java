package dev.herald.topic.urlpattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the web-platform-tests URL Pattern vectors (test/resources/wpt, see its README) against
 * {@link UrlPattern}, the way wpt's harness reads them: the constructor arguments, then the
 * normalized pattern strings, then test/exec on each input. Not checked: the echo of the inputs
 * in exec results, which {@link UrlPatternResult} leaves out.
 */
class WptUrlPatternTest {

    private static final String[] COMPONENTS =
            {"protocol", "username", "password", "hostname", "port", "pathname", "search", "hash"};

    /**
     * Vectors whose expectations in this wpt snapshot contradict the current standard; wpt has
     * corrected them since (expected results were changed, inputs added). Each is covered by a case
     * of its own, with the current standard's result, in {@link UrlPatternTest}.
     */
    private static final Set<String> STALE = Set.of(
            // The port is canonicalized without the protocol: "80 " stays "80" (not the default port).
            "[{\"protocol\":\"http\",\"port\":\"80 \"}]",
            // Hostname canonicalization stops at '/': the pattern is valid ("{sub.}?example.com").
            "[\"https://{sub.}?example{.com/}foo\"]",
            // Hostname canonicalization: no inputs given for the expected match, and pattern strings
            // expected unchanged where the URL parser cuts or strips ("bad", "badhostname"); '%' is a
            // forbidden domain code point, '\' ends a special host.
            "[{\"hostname\":\"bad#hostname\"}]",
            "[{\"hostname\":\"bad%hostname\"}]",
            "[{\"hostname\":\"bad/hostname\"}]",
            "[{\"hostname\":\"bad\\\\\\\\hostname\"}]",
            "[{\"hostname\":\"bad\\nhostname\"}]",
            "[{\"hostname\":\"bad\\rhostname\"}]",
            "[{\"hostname\":\"bad\\thostname\"}]");

    /** Entries there are, in the copy of the data. */
    private static final int ENTRIES = 340;
    /** The least number of vectors that must run: the skip filters may not grow past this. */
    private static final int MIN_RUN = 327;

    private enum Skip { NONE, IGNORE_CASE, STALE }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> entries() throws IOException {
        try (InputStream in = WptUrlPatternTest.class.getResourceAsStream("/wpt/urlpatterntestdata.json")) {
            List<JsonNode> entries = new ArrayList<>();
            JSON.readTree(in).forEach(entries::add);
            return entries;
        }
    }

    /** Why a vector is not run, if it is not. */
    private static Skip skip(JsonNode entry) {
        JsonNode pattern = entry.get("pattern");
        // URLPatternOptions (ignoreCase) are deliberately not supported: matching is case-sensitive.
        for (int i = 1; i < pattern.size(); i++) {
            if (pattern.get(i).isObject() && pattern.get(i).has("ignoreCase")) {
                return Skip.IGNORE_CASE;
            }
        }
        if (STALE.contains(pattern.toString())) {
            return Skip.STALE;
        }
        return Skip.NONE;
    }

    @Test
    void theFiltersLeaveAtLeastTheStatedNumberOfVectorsToRun() throws IOException {
        List<JsonNode> entries = entries();
        Map<Skip, Integer> counts = new HashMap<>();
        entries.forEach(entry -> counts.merge(skip(entry), 1, Integer::sum));
        System.out.printf("wpt URL Pattern vectors: %d entries, %d run, %d skipped for ignoreCase, %d stale%n",
                entries.size(), counts.getOrDefault(Skip.NONE, 0), counts.getOrDefault(Skip.IGNORE_CASE, 0),
                counts.getOrDefault(Skip.STALE, 0));
        assertThat(entries).hasSize(ENTRIES);
        assertThat(counts.get(Skip.IGNORE_CASE)).isEqualTo(4);
        assertThat(counts.get(Skip.STALE)).isEqualTo(STALE.size());
        assertThat(counts.get(Skip.NONE)).isGreaterThanOrEqualTo(MIN_RUN);
    }

    @TestFactory
    Stream<DynamicTest> vectors() throws IOException {
        List<JsonNode> entries = entries();
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            if (skip(entry) == Skip.NONE) {
                tests.add(DynamicTest.dynamicTest("#" + i + " " + entry.get("pattern") + " " + entry.get("inputs"),
                        () -> run(entry)));
            }
        }
        return tests.stream();
    }

    private static void run(JsonNode entry) {
        JsonNode args = entry.get("pattern");
        if ("error".equals(entry.path("expected_obj").asText(null))) {
            assertThatIllegalArgumentException().isThrownBy(() -> construct(args));
            return;
        }
        UrlPattern pattern = construct(args);
        checkPatternStrings(entry, pattern);
        JsonNode inputs = entry.get("inputs");
        JsonNode expected = entry.get("expected_match");
        if (expected != null && expected.isTextual() && expected.asText().equals("error")) {
            assertThatIllegalArgumentException().isThrownBy(() -> exec(pattern, inputs));
            return;
        }
        UrlPatternResult result = exec(pattern, inputs);
        boolean expectMatch = expected != null && !expected.isNull();
        assertThat(result != null).as("test() result").isEqualTo(expectMatch);
        if (!expectMatch) {
            return;
        }
        Set<String> exactlyEmpty = strings(entry.get("exactly_empty_components"));
        for (String component : COMPONENTS) {
            UrlPatternResult.ComponentResult actual = component(result, component);
            JsonNode expectedComponent = expected.get(component);
            String expectedInput = "";
            Map<String, String> expectedGroups = new LinkedHashMap<>();
            if (expectedComponent == null) {
                if (!exactlyEmpty.contains(component)) {
                    expectedGroups.put("0", "");
                }
            } else {
                expectedInput = expectedComponent.get("input").asText();
                expectedComponent.get("groups").fields().forEachRemaining(
                        g -> expectedGroups.put(g.getKey(), g.getValue().isNull() ? null : g.getValue().asText()));
            }
            assertThat(actual.input()).as("exec() input of " + component).isEqualTo(expectedInput);
            assertThat(actual.groups()).as("exec() groups of " + component).isEqualTo(expectedGroups);
        }
    }

    private static UrlPattern construct(JsonNode args) {
        if (args.size() == 0) {
            return UrlPattern.create(UrlPatternInit.of(Map.of()), (String) null);
        }
        String base = args.size() > 1 && args.get(1).isTextual() ? args.get(1).asText() : null;
        if (args.get(0).isObject()) {
            return UrlPattern.create(init(args.get(0)), base);
        }
        return UrlPattern.compile(args.get(0).asText(), base);
    }

    private static UrlPatternResult exec(UrlPattern pattern, JsonNode inputs) {
        if (inputs == null || inputs.size() == 0) {
            return pattern.exec(UrlPatternInit.of(Map.of()));
        }
        String base = inputs.size() > 1 ? inputs.get(1).asText() : null;
        if (inputs.get(0).isObject()) {
            return pattern.exec(init(inputs.get(0)), base);
        }
        return pattern.exec(inputs.get(0).asText(), base);
    }

    /** What wpt's harness expects of each pattern string when the vector does not say. */
    private static void checkPatternStrings(JsonNode entry, UrlPattern pattern) {
        JsonNode args = entry.get("pattern");
        JsonNode expectedObj = entry.get("expected_obj");
        Set<String> exactlyEmpty = strings(entry.get("exactly_empty_components"));
        WhatwgUrl base = null;
        if (args.size() > 0 && args.get(0).hasNonNull("baseURL")) {
            base = WhatwgUrl.parse(args.get(0).get("baseURL").asText(), null);
        } else if (args.size() > 1 && args.get(1).isTextual()) {
            base = WhatwgUrl.parse(args.get(1).asText(), null);
        }
        JsonNode init = args.size() > 0 && args.get(0).isObject() ? args.get(0) : null;
        for (String component : COMPONENTS) {
            String expected;
            if (expectedObj != null && expectedObj.has(component)) {
                expected = expectedObj.get(component).asText();
            } else if (exactlyEmpty.contains(component)) {
                expected = "";
            } else if (init != null && !init.path(component).asText("").isEmpty()) {
                expected = init.get(component).asText();
            } else if (init != null && earlierComponents(component).stream().anyMatch(init::has)) {
                expected = "*";
            } else if (base != null && !component.equals("username") && !component.equals("password")) {
                expected = baseValue(base, component);
            } else {
                expected = "*";
            }
            assertThat(patternString(pattern, component)).as("pattern string of " + component).isEqualTo(expected);
        }
    }

    private static List<String> earlierComponents(String component) {
        switch (component) {
            case "hostname": return List.of("protocol");
            case "port": return List.of("protocol", "hostname");
            case "pathname": return List.of("protocol", "hostname", "port");
            case "search": return List.of("protocol", "hostname", "port", "pathname");
            case "hash": return List.of("protocol", "hostname", "port", "pathname", "search");
            default: return List.of();
        }
    }

    /** The component as the URL API's getter gives it, separators removed. */
    private static String baseValue(WhatwgUrl url, String component) {
        switch (component) {
            case "protocol": return url.scheme();
            case "hostname": return url.host() == null ? "" : url.host();
            case "port": return url.port() < 0 ? "" : Integer.toString(url.port());
            case "pathname": return url.path();
            case "search": return url.query() == null ? "" : url.query();
            default: return url.fragment() == null ? "" : url.fragment();
        }
    }

    private static String patternString(UrlPattern pattern, String component) {
        switch (component) {
            case "protocol": return pattern.protocol();
            case "username": return pattern.username();
            case "password": return pattern.password();
            case "hostname": return pattern.hostname();
            case "port": return pattern.port();
            case "pathname": return pattern.pathname();
            case "search": return pattern.search();
            default: return pattern.hash();
        }
    }

    private static UrlPatternResult.ComponentResult component(UrlPatternResult result, String component) {
        switch (component) {
            case "protocol": return result.protocol();
            case "username": return result.username();
            case "password": return result.password();
            case "hostname": return result.hostname();
            case "port": return result.port();
            case "pathname": return result.pathname();
            case "search": return result.search();
            default: return result.hash();
        }
    }

    private static UrlPatternInit init(JsonNode object) {
        Map<String, String> members = new HashMap<>();
        object.fields().forEachRemaining(f -> members.put(f.getKey(), f.getValue().asText()));
        return UrlPatternInit.of(members);
    }

    private static Set<String> strings(JsonNode array) {
        if (array == null) {
            return Set.of();
        }
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return Set.copyOf(values);
    }
}
