package dev.herald.topic.urlpattern;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * The standard's URLPatternInit dictionary: one optional string per URL component plus an
 * optional base URL. Used for patterns and inputs given component by component, and as the
 * result of the constructor string parser. Mutable, confined to one compilation or match.
 */
final class UrlPatternInit {

    /** The components, in the standard's order; also the index into {@link #values}. */
    enum Name {
        PROTOCOL, USERNAME, PASSWORD, HOSTNAME, PORT, PATHNAME, SEARCH, HASH;

        final String key = name().toLowerCase(Locale.ROOT);
    }

    private final String[] values = new String[Name.values().length];
    private String baseUrl;

    /** An init from dictionary members; like a WebIDL dictionary, it ignores unknown members. */
    static UrlPatternInit of(Map<String, String> dictionary) {
        UrlPatternInit init = new UrlPatternInit();
        dictionary.forEach((key, value) -> {
            if (key.equals("baseURL")) {
                init.baseUrl = value;
            } else {
                Arrays.stream(Name.values()).filter(n -> n.key.equals(key)).findFirst()
                        .ifPresent(name -> init.set(name, value));
            }
        });
        return init;
    }

    String get(Name name) {
        return values[name.ordinal()];
    }

    boolean has(Name name) {
        return values[name.ordinal()] != null;
    }

    void set(Name name, String value) {
        values[name.ordinal()] = value;
    }

    String baseUrl() {
        return baseUrl;
    }

    void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("{");
        for (Name name : Name.values()) {
            if (has(name)) {
                out.append(out.length() > 1 ? ", " : "").append(name.key).append('=').append(get(name));
            }
        }
        if (baseUrl != null) {
            out.append(out.length() > 1 ? ", " : "").append("baseURL=").append(baseUrl);
        }
        return out.append('}').toString();
    }
}
