package dev.herald.testkit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The one place tests build an {@code application/x-www-form-urlencoded} body, as a publisher sends it. */
public final class Form {
    public static final String CONTENT_TYPE = "application/x-www-form-urlencoded";

    private Form() {}

    /** Encodes {@code fields} in order; a name may repeat ({@code topic} does). */
    public static String encode(List<Map.Entry<String, String>> fields) {
        StringBuilder form = new StringBuilder();
        for (Map.Entry<String, String> f : fields) {
            if (form.length() > 0) {
                form.append('&');
            }
            form.append(URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8));
        }
        return form.toString();
    }

    /** Encodes {@code namesAndValues}: name, value, name, value … */
    public static String encode(String... namesAndValues) {
        return encode(fields(namesAndValues));
    }

    /** name, value, name, value … as a list of fields. */
    public static List<Map.Entry<String, String>> fields(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("fields come in name/value pairs: " + List.of(namesAndValues));
        }
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.add(Map.entry(namesAndValues[i], namesAndValues[i + 1]));
        }
        return List.copyOf(fields);
    }
}
