package dev.herald.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One {@code GET /metrics} of a hub, its Prometheus text parsed into samples keyed as printed:
 * {@code name} or {@code name{label="value",...}}.
 */
public final class MetricsScrape {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String text;
    private final Map<String, Double> samples;

    private MetricsScrape(String text) {
        this.text = text;
        this.samples = parse(text);
    }

    /** Scrapes with {@code Authorization: Bearer token} (none when null); fails unless the hub answers 200. */
    public static MetricsScrape of(int port, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError("GET /metrics answered " + r.statusCode() + ": " + r.body());
            }
            return new MetricsScrape(r.body());
        } catch (IOException e) {
            throw new AssertionError("GET /metrics failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted scraping /metrics", e);
        }
    }

    /** Parses exposition text taken otherwise. */
    public static MetricsScrape parseText(String text) {
        return new MetricsScrape(text);
    }

    /** The sample printed as {@code key}, if any. */
    public OptionalDouble sample(String key) {
        Double v = samples.get(key);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /** The sample printed as {@code key}; fails the test when there is none. */
    public double value(String key) {
        Double v = samples.get(key);
        if (v == null) {
            throw new AssertionError("no sample " + key + " in /metrics:\n" + text);
        }
        return v;
    }

    public Map<String, Double> samples() {
        return samples;
    }

    public String text() {
        return text;
    }

    private static Map<String, Double> parse(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String value = line.substring(space + 1);
            samples.put(line.substring(0, space), switch (value) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> Double.parseDouble(value);
            });
        }
        return samples;
    }
}
