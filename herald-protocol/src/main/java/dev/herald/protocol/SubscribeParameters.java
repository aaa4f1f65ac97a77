package dev.herald.protocol;

import dev.herald.event.TextRules;
import dev.herald.topic.MatcherType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a subscribe request asks for, read from its query and (for {@code QUERY}) its form body,
 * taken together: 1.0 matchers ({@code match}, {@code match_<type>}), 0.x selectors
 * ({@code topic}), and where to resume ({@code last_event_id}, 0.x {@code lastEventID}).
 *
 * @param matchers in request order
 * @param lastEventId the id to resume after, or null (the {@code Last-Event-ID} header, which
 *     wins over both, is the endpoint's business)
 */
public record SubscribeParameters(List<Matcher> matchers, String lastEventId) {

    /**
     * One topic matcher of the request.
     *
     * @param type its 1.0 type, or null for a 0.x {@code topic} selector
     * @param parameter the parameter it came from, for error messages
     */
    public record Matcher(MatcherType type, String parameter, String value) {}

    public static final String LEGACY_TOPIC = "topic";
    private static final String MATCH = "match";

    /**
     * @throws BadRequestException naming the parameter when a name in the reserved {@code match}
     *     namespace is unknown, a value holds a control or format character or is too long, there
     *     are too many matchers or none
     */
    public static SubscribeParameters parse(Map<String, List<String>> query, Map<String, List<String>> body,
            int maxMatchers, int maxMatcherLength) {
        Map<String, List<String>> all = union(query, body);
        List<Matcher> matchers = new ArrayList<>();
        for (Map.Entry<String, List<String>> field : all.entrySet()) {
            String name = field.getKey();
            MatcherType type = null;
            if (!name.equals(LEGACY_TOPIC)) {
                if (!name.regionMatches(true, 0, MATCH, 0, MATCH.length())) {
                    continue;
                }
                type = matcherType(name);
            }
            for (String value : field.getValue()) {
                checkValue(name, value, maxMatcherLength);
                matchers.add(new Matcher(type, name, value));
            }
        }
        if (matchers.isEmpty()) {
            throw new BadRequestException("Missing \"match\" parameter (or \"match_urlpattern\"; 0.x clients: \"topic\")");
        }
        if (matchers.size() > maxMatchers) {
            throw new BadRequestException("Too many topic matchers: " + matchers.size() + " (limit " + maxMatchers + ")");
        }
        return new SubscribeParameters(matchers, lastEventId(query, body));
    }

    /** The type a {@code match…} parameter names; the whole namespace is reserved. */
    private static MatcherType matcherType(String name) {
        if (name.equals(MATCH)) {
            return MatcherType.EXACT;
        }
        MatcherType type = name.startsWith(MATCH + "_") ? MatcherType.forName(name.substring(MATCH.length() + 1)) : null;
        if (type == null) {
            throw new BadRequestException("Unknown matcher parameter \"" + name
                    + "\": the hub supports match, match_exact and match_urlpattern (names are case-sensitive)");
        }
        return type;
    }

    private static void checkValue(String name, String value, int maxLength) {
        if (value.length() > maxLength) {
            throw new BadRequestException("\"" + name + "\" parameter too long: " + value.length()
                    + " characters (limit " + maxLength + ")");
        }
        String problem = TextRules.controlOrFormatProblem(value);
        if (problem != null) {
            throw new BadRequestException("Invalid \"" + name + "\" parameter: " + problem);
        }
    }

    /**
     * {@code last_event_id} from the query, else from the body; then the 0.x {@code lastEventID}
     * the same way. Single-valued: the first occurrence counts.
     */
    private static String lastEventId(Map<String, List<String>> query, Map<String, List<String>> body) {
        for (String name : List.of("last_event_id", "lastEventID")) {
            for (Map<String, List<String>> source : List.of(query, body)) {
                List<String> values = source.get(name);
                if (values != null && !values.isEmpty()) {
                    return values.get(0);
                }
            }
        }
        return null;
    }

    private static Map<String, List<String>> union(Map<String, List<String>> query, Map<String, List<String>> body) {
        if (body.isEmpty()) {
            return query;
        }
        Map<String, List<String>> all = new LinkedHashMap<>();
        query.forEach((name, values) -> all.computeIfAbsent(name, k -> new ArrayList<>()).addAll(values));
        body.forEach((name, values) -> all.computeIfAbsent(name, k -> new ArrayList<>()).addAll(values));
        return all;
    }
}
