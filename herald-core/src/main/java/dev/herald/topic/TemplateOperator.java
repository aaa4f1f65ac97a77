package dev.herald.topic;

/** The RFC 6570 section 3.2 operators and how each lays out an expression's expansion. */
enum TemplateOperator {
    SIMPLE("", ",", false, false),
    RESERVED("", ",", false, true),
    FRAGMENT("#", ",", false, true),
    LABEL(".", ".", false, false),
    PATH("/", "/", false, false),
    PATH_PARAMETER(";", ";", true, false),
    QUERY("?", "&", true, false),
    QUERY_CONTINUATION("&", "&", true, false);

    private final String first;
    private final String separator;
    private final boolean named;
    private final boolean allowReserved;

    TemplateOperator(String first, String separator, boolean named, boolean allowReserved) {
        this.first = first;
        this.separator = separator;
        this.named = named;
        this.allowReserved = allowReserved;
    }

    /** The operator written as {@code symbol}, or null when the character is no operator. */
    static TemplateOperator forSymbol(char symbol) {
        return switch (symbol) {
            case '+' -> RESERVED;
            case '#' -> FRAGMENT;
            case '.' -> LABEL;
            case '/' -> PATH;
            case ';' -> PATH_PARAMETER;
            case '?' -> QUERY;
            case '&' -> QUERY_CONTINUATION;
            default -> null;
        };
    }

    /** Written before the expansion when at least one variable is defined. */
    String first() {
        return first;
    }

    /** Written between the expansions of defined variables (and exploded items). */
    String separator() {
        return separator;
    }

    /** Whether each value is written as {@code name=value}. */
    boolean named() {
        return named;
    }

    /** Whether reserved characters pass through unencoded ({@code +} and {@code #}). */
    boolean allowReserved() {
        return allowReserved;
    }
}
