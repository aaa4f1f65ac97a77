package dev.herald.spring;

import dev.herald.event.Update;
import dev.herald.protocol.FormDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * An update as one outbox row stores it: the fields of a Mercure publish form, which any
 * database's text column holds and a person reading the table can still make out.
 */
final class OutboxRows {
    private OutboxRows() {}

    static String encode(Update update) {
        StringBuilder form = new StringBuilder();
        for (String topic : update.topics()) {
            field(form, "topic", topic);
        }
        field(form, "id", update.id());
        field(form, "data", update.data());
        if (update.type() != null) {
            field(form, "type", update.type());
        }
        if (update.retry() != null) {
            field(form, "retry", update.retry().toString());
        }
        if (update.privateUpdate()) {
            field(form, "private", "on");
        }
        return form.toString();
    }

    static Update decode(String row) {
        Map<String, List<String>> form = FormDecoder.decode(row);
        return Update.builder()
                .topics(form.getOrDefault("topic", List.of()))
                .id(first(form, "id"))
                .data(first(form, "data"))
                .type(first(form, "type"))
                .retry(first(form, "retry"))
                .privateUpdate(form.containsKey("private"))
                .build();
    }

    private static void field(StringBuilder form, String name, String value) {
        if (!form.isEmpty()) {
            form.append('&');
        }
        form.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null ? null : values.get(0);
    }
}
