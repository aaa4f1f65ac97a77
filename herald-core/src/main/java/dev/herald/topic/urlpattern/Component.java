package dev.herald.topic.urlpattern;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One compiled component of a URL pattern: its normalized pattern string, its group names and
 * its regular expression, run by RE2/J. Components that are a bare "*", plain text, or fixed text
 * and wildcards with one possible match ({@link SegmentScan}) skip the regular expression in
 * {@link #test}, with the same outcome: every component value comes out of URL canonicalization,
 * so it never holds a line terminator that a wildcard would refuse.
 */
final class Component {

    /** Caps the compiled RE2 program, so that one pattern cannot make every match slow. */
    static final int MAX_PROGRAM_SIZE = 20_000;

    private static final String[] SPECIAL_SCHEMES = {"ftp", "file", "http", "https", "ws", "wss"};

    private enum Kind { ANY, EXACT, SCAN, REGEXP }

    final String patternString;
    final List<String> groupNames;
    final boolean hasRegexpGroups;
    final int partCount;
    private final Pattern regexp;
    private final Kind kind;
    private final String exactText;
    private final SegmentScan scan;
    /** Capture groups (by number) for which an empty match reads as "did not take part"; see {@link #exec}. */
    private final boolean[] emptyIsUnmatched;

    private Component(String patternString, List<String> groupNames, boolean hasRegexpGroups, int partCount,
            Pattern regexp, Kind kind, String exactText, SegmentScan scan, boolean[] emptyIsUnmatched) {
        this.patternString = patternString;
        this.groupNames = groupNames;
        this.hasRegexpGroups = hasRegexpGroups;
        this.partCount = partCount;
        this.regexp = regexp;
        this.kind = kind;
        this.exactText = exactText;
        this.scan = scan;
        this.emptyIsUnmatched = emptyIsUnmatched;
    }

    /** @throws IllegalArgumentException naming the problem if {@code input} is not a valid pattern */
    static Component compile(String input, UnaryOperator<String> encoding, PatternOptions options) {
        List<Part> parts = PatternParser.parse(input, options, encoding);
        if (parts.size() > UrlPattern.MAX_PARTS) {
            throw new IllegalArgumentException("more than " + UrlPattern.MAX_PARTS + " parts in one component");
        }
        RegexpGenerator.Result generated = RegexpGenerator.generate(parts, options);
        JsRegexp.Translation translation = JsRegexp.translate(generated.regexp());
        Pattern regexp;
        try {
            regexp = Pattern.compile(translation.re2());
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("unsupported regular expression /" + generated.regexp() + "/: "
                    + e.getDescription(), e);
        }
        if (regexp.programSize() > MAX_PROGRAM_SIZE) {
            throw new IllegalArgumentException("regular expression too large (" + regexp.programSize()
                    + " instructions, at most " + MAX_PROGRAM_SIZE + "): /" + generated.regexp() + "/");
        }
        if (regexp.groupCount() != translation.groupCount()) {
            throw new IllegalStateException("capture groups changed in translation: /" + generated.regexp() + "/");
        }
        boolean hasRegexpGroups = parts.stream().anyMatch(p -> p.type() == Part.Type.REGEXP);
        Kind kind = Kind.REGEXP;
        String exact = null;
        if (parts.isEmpty()) {
            kind = Kind.EXACT;
            exact = "";
        } else if (parts.size() == 1) {
            Part only = parts.get(0);
            if (only.type() == Part.Type.FIXED_TEXT && only.modifier() == Part.Modifier.NONE) {
                kind = Kind.EXACT;
                exact = only.value();
            } else if (only.type() == Part.Type.FULL_WILDCARD && only.modifier() == Part.Modifier.NONE
                    && only.prefix().isEmpty() && only.suffix().isEmpty()) {
                kind = Kind.ANY;
            }
        }
        SegmentScan scan = kind == Kind.REGEXP ? SegmentScan.of(parts, options) : null;
        if (scan != null) {
            kind = Kind.SCAN;
        }
        return new Component(PatternStringGenerator.generate(parts, options), List.copyOf(generated.names()),
                hasRegexpGroups, parts.size(), regexp, kind, exact, scan,
                optionalGroups(parts, translation.groupCount()));
    }

    /**
     * JavaScript rejects an iteration of a quantified group that matches the empty string (the
     * RepeatMatcher's empty check), so a group "(x)?" that could only match "" is undefined there;
     * RE2, like Perl, reports "". The match itself is the same either way, so only these groups
     * are adjusted. They are the part groups of the form "(x)?"; the parts' own regexps may hold
     * further (named) capture groups, which shift the numbering.
     */
    private static boolean[] optionalGroups(List<Part> parts, int groupCount) {
        boolean[] result = new boolean[groupCount + 1];
        int group = 1;
        for (Part part : parts) {
            if (part.type() == Part.Type.FIXED_TEXT) {
                continue;
            }
            result[group] = part.modifier() == Part.Modifier.OPTIONAL && part.prefix().isEmpty()
                    && part.suffix().isEmpty();
            group += 1 + (part.type() == Part.Type.REGEXP ? JsRegexp.translate(part.value()).groupCount() : 0);
        }
        return result;
    }

    /** Whether {@code value} matches, without collecting groups. */
    boolean test(String value) {
        switch (kind) {
            case ANY:
                return true;
            case EXACT:
                return exactText.equals(value);
            case SCAN:
                return scan.matches(value);
            default:
                return regexp.matches(value);
        }
    }

    /** The groups by name (null for a group that took no part), or null if {@code value} does not match. */
    Map<String, String> exec(String value) {
        Matcher matcher = regexp.matcher(value);
        if (!matcher.matches()) {
            return null;
        }
        Map<String, String> groups = new LinkedHashMap<>();
        for (int i = 0; i < groupNames.size(); i++) {
            String group = matcher.group(i + 1);
            groups.put(groupNames.get(i), emptyIsUnmatched[i + 1] && "".equals(group) ? null : group);
        }
        return Collections.unmodifiableMap(groups);
    }

    /** Whether this (protocol) component matches any special scheme. */
    boolean matchesSpecialScheme() {
        for (String scheme : SPECIAL_SCHEMES) {
            if (test(scheme)) {
                return true;
            }
        }
        return false;
    }
}
