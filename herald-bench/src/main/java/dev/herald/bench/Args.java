package dev.herald.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** {@code --name value} options; every option has a default so small smoke runs need none. */
final class Args {
    private static final Pattern WHOLE = Pattern.compile("-?[0-9]{1,10}");
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,9}([.][0-9]{1,9})?");
    private final Map<String, String> values = new HashMap<>();

    Args(String[] args, int from) {
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value, got: " + a);
            }
            values.put(a.substring(2), args[++i]);
        }
    }

    String string(String name, String dflt) {
        return values.getOrDefault(name, dflt);
    }

    String required(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("missing option --" + name);
        }
        return v;
    }

    int integer(String name, int dflt) {
        String v = values.get(name);
        if (v == null) {
            return dflt;
        }
        if (!WHOLE.matcher(v).matches()) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got: " + shown(v));
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " is too large: " + v);
        }
    }

    /** Plain decimal notation only: the JDK parser would also take padding, NaN, Infinity and hex. */
    double decimal(String name, double dflt) {
        String v = values.get(name);
        if (v == null) {
            return dflt;
        }
        if (!DECIMAL.matcher(v).matches()) {
            throw new IllegalArgumentException("--" + name + " must be a number, got: " + shown(v));
        }
        return Double.parseDouble(v);
    }

    /** The value with control characters escaped, so an error message stays on one line. */
    private static String shown(String v) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.append('"').toString();
    }
}
