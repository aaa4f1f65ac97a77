package dev.herald.topic.urlpattern;

/**
 * A component's parsing options: the delimiter a segment wildcard stops at and the code point
 * that becomes a group's automatic prefix. Ignore-case is not supported: matching is always
 * case-sensitive (hosts are lowercased by canonicalization).
 */
record PatternOptions(String delimiter, String prefix) {

    static final PatternOptions DEFAULT = new PatternOptions("", "");
    static final PatternOptions HOSTNAME = new PatternOptions(".", "");
    static final PatternOptions PATHNAME = new PatternOptions("/", "/");
}
