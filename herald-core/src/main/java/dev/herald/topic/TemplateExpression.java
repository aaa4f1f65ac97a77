package dev.herald.topic;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One {@code {...}} expression of a URI template, parsed, and turned into a regex fragment that
 * matches everything the expression can expand to, including the empty string (all variables
 * undefined). Values may be strings, lists or associative arrays, so the fragment is lenient
 * about how many items a variable contributes. A bare '%' in a character run stands for a
 * pct-encoded triplet; {@link UriTemplateSelector} checks that every '%' starts one.
 */
record TemplateExpression(TemplateOperator operator, List<VarSpec> varSpecs) {

    /** A variable and its modifier; {@code maxLength} is 0 without a prefix modifier. */
    record VarSpec(String name, int maxLength, boolean explode) {}

    /** RFC 6570 section 2.3: varchars (ALPHA, DIGIT, "_", pct-encoded), single dots inside. */
    private static final Pattern VARNAME = Pattern.compile(
            "(?:[A-Za-z0-9_]|%[0-9A-Fa-f]{2})(?:\\.?(?:[A-Za-z0-9_]|%[0-9A-Fa-f]{2}))*");
    /** RFC 6570 section 2.4.1: max-length is 1 to 9999 without leading zeros. */
    private static final Pattern MAX_LENGTH = Pattern.compile("[1-9][0-9]{0,3}");
    /** Operators RFC 6570 reserves for future extensions; they have no defined expansion. */
    private static final String RESERVED_OPERATORS = "=,!@|";

    static final String UNRESERVED = "-._~";
    static final String RESERVED = ":/?#[]@!$&'()*+,;=";

    /** Parses the text between the braces; messages name the problem, not the template. */
    static TemplateExpression parse(String body) {
        if (body.isEmpty()) {
            throw new IllegalArgumentException("empty expression");
        }
        char symbol = body.charAt(0);
        TemplateOperator operator = TemplateOperator.forSymbol(symbol);
        if (operator == null && RESERVED_OPERATORS.indexOf(symbol) >= 0) {
            throw new IllegalArgumentException("unknown operator '" + symbol + "'");
        }
        String variables = operator == null ? body : body.substring(1);
        List<VarSpec> specs = new ArrayList<>();
        for (String spec : variables.split(",", -1)) {
            specs.add(parseVarSpec(spec));
        }
        return new TemplateExpression(operator == null ? TemplateOperator.SIMPLE : operator, List.copyOf(specs));
    }

    private static VarSpec parseVarSpec(String spec) {
        boolean explode = spec.endsWith("*");
        String name = explode ? spec.substring(0, spec.length() - 1) : spec;
        int maxLength = 0;
        int colon = name.indexOf(':');
        if (colon >= 0) {
            String digits = name.substring(colon + 1);
            if (explode) {
                throw new IllegalArgumentException(
                        "variable '" + spec + "' combines a prefix and an explode modifier");
            }
            if (!MAX_LENGTH.matcher(digits).matches()) {
                throw new IllegalArgumentException(
                        "bad prefix modifier ':" + digits + "' (expected 1 to 9999)");
            }
            maxLength = Integer.parseInt(digits);
            name = name.substring(0, colon);
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException("missing variable name");
        }
        if (!VARNAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid variable name '" + name + "'");
        }
        return new VarSpec(name, maxLength, explode);
    }

    String toRegex() {
        return switch (operator) {
            case SIMPLE, RESERVED, FRAGMENT -> runRegex();
            default -> slotRegex();
        };
    }

    /**
     * Simple, {@code +} and {@code #} join variables and list items alike with ',', so the
     * whole expansion is one run of allowed characters; only an all-prefix expression is bounded.
     */
    private String runRegex() {
        String chars = operator.allowReserved() ? UNRESERVED + RESERVED : UNRESERVED;
        String run;
        if (varSpecs.stream().allMatch(v -> v.maxLength() > 0)) {
            int items = varSpecs.size();
            int units = varSpecs.stream().mapToInt(VarSpec::maxLength).sum() + items - 1;
            run = unit(items > 1 ? chars + "," : chars) + "{0," + units + "}";
        } else {
            boolean explode = varSpecs.stream().anyMatch(VarSpec::explode);
            // exploded associative arrays expand to key=value items
            run = charClass(chars + "%," + (explode ? "=" : "")) + "*";
        }
        return operator.first().isEmpty() ? run : "(?:" + Pattern.quote(operator.first()) + run + ")?";
    }

    /**
     * {@code . / ; ? &} give every defined variable (every item, when exploded) its own
     * separator-led slot, so slots follow template order and non-exploded names stay literal.
     */
    private String slotRegex() {
        // the first slot of a query follows the '?' itself, each later one a '&'
        String lead = operator == TemplateOperator.QUERY
                ? "(?:(?<=\\?)|(?<!\\?)&)"
                : Pattern.quote(operator.separator());
        StringBuilder slots = new StringBuilder();
        for (VarSpec spec : varSpecs) {
            if (spec.explode() && !operator.named()) {
                // items are separated by the slot character itself, so one run covers them all
                slots.append("(?:").append(lead)
                        .append(charClass(UNRESERVED + "%=" + operator.separator())).append("*)?");
            } else {
                slots.append("(?:").append(lead).append(slot(spec)).append(spec.explode() ? ")*" : ")?");
            }
        }
        if (operator == TemplateOperator.QUERY) {
            // "?" is only written when a parameter follows, hence the lookbehind
            return "(?:\\?" + slots + "(?<!\\?))?";
        }
        return slots.toString();
    }

    private String slot(VarSpec spec) {
        if (!operator.named()) {
            return value(spec);
        }
        String key = charClass(UNRESERVED + "%");
        // an exploded associative array names each item after its key
        String name = spec.explode() ? key + "+" : Pattern.quote(spec.name());
        String value = spec.explode() ? key + "*" : value(spec);
        // ';' writes a bare name for an empty value, '?' and '&' keep the '='
        return operator == TemplateOperator.PATH_PARAMETER
                ? name + "(?:=" + value + ")?"
                : name + "=" + value;
    }

    /** A non-exploded value: a comma-joined list, or a string cut to its prefix length. */
    private static String value(VarSpec spec) {
        return spec.maxLength() > 0
                ? unit(UNRESERVED) + "{0," + spec.maxLength() + "}"
                : charClass(UNRESERVED + "%,") + "*";
    }

    /**
     * One character of a value: an allowed character or a pct-encoded one. Continuation bytes
     * (%80-%BF) stay with the triplet before them, so a prefix counts characters, not octets.
     */
    private static String unit(String punctuation) {
        return "(?:" + charClass(punctuation) + "|%[0-9A-Fa-f]{2}(?:%[89ABab][0-9A-Fa-f])*+)";
    }

    /** Letters, digits and the given punctuation, each escaped so none acts as a class operator. */
    private static String charClass(String punctuation) {
        StringBuilder cls = new StringBuilder("[A-Za-z0-9");
        punctuation.chars().distinct().forEach(c -> cls.append('\\').append((char) c));
        return cls.append(']').toString();
    }
}
