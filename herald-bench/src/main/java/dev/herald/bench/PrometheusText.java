package dev.herald.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The samples of a Prometheus text exposition (format 0.0.4), enough to read gauges and counters
 * by name and label. Comment lines are skipped; a line that does not parse is an error naming it.
 */
final class PrometheusText {
    record Sample(String name, Map<String, String> labels, double value) {}

    private final List<Sample> samples;

    private PrometheusText(List<Sample> samples) {
        this.samples = samples;
    }

    static PrometheusText parse(String text) {
        List<Sample> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : text.split("\n")) {
            lineNo++;
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            try {
                out.add(sample(l));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("metrics line " + lineNo + " does not parse (" + e.getMessage()
                        + "): " + l);
            }
        }
        return new PrometheusText(out);
    }

    private static Sample sample(String l) {
        int brace = l.indexOf('{');
        int space = l.indexOf(' ');
        Map<String, String> labels = new LinkedHashMap<>();
        String name;
        int rest;
        if (brace >= 0 && (space < 0 || brace < space)) {
            name = l.substring(0, brace);
            int i = brace + 1;
            while (l.charAt(i) != '}') {
                int eq = l.indexOf('=', i);
                String key = l.substring(i, eq).strip();
                if (l.charAt(eq + 1) != '"') {
                    throw new IllegalArgumentException("label value not quoted");
                }
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                for (; l.charAt(j) != '"'; j++) {
                    char c = l.charAt(j);
                    if (c == '\\') {
                        char e = l.charAt(++j);
                        value.append(e == 'n' ? '\n' : e);
                    } else {
                        value.append(c);
                    }
                }
                labels.put(key, value.toString());
                i = j + 1;
                if (l.charAt(i) == ',') {
                    i++;
                }
            }
            rest = i + 1;
        } else {
            if (space < 0) {
                throw new IllegalArgumentException("no value");
            }
            name = l.substring(0, space);
            rest = space;
        }
        String[] tail = l.substring(rest).strip().split("\\s+");
        return new Sample(name, labels, value(tail[0]));
    }

    private static double value(String s) {
        return switch (s) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(s);
        };
    }

    /** The sum of every sample of {@code name} whose labels include {@code labelsKeyValue} (key, value, key, value …); null when there is none. */
    Double sum(String name, String... labelsKeyValue) {
        double total = 0;
        boolean found = false;
        for (Sample s : samples) {
            if (s.name().equals(name) && matches(s.labels(), labelsKeyValue)) {
                total += s.value();
                found = true;
            }
        }
        return found ? total : null;
    }

    private static boolean matches(Map<String, String> labels, String[] kv) {
        for (int i = 0; i + 1 < kv.length; i += 2) {
            if (!kv[i + 1].equals(labels.get(kv[i]))) {
                return false;
            }
        }
        return true;
    }

    List<Sample> samples() {
        return samples;
    }
}
