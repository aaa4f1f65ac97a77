package dev.herald.event;

import java.util.Locale;

/**
 * The character rule Mercure 1.0 applies to topics, matchers, ids and event types: no C0 or C1
 * control character, no DEL, no Unicode format character (category Cf, e.g. U+200B, U+202E).
 */
public final class TextRules {

    private TextRules() {}

    /** The index of the first forbidden character of {@code value}, or -1. */
    public static int firstControlOrFormat(String value) {
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || Character.getType(cp) == Character.FORMAT) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }

    /**
     * Null when {@code value} is clean, else what is wrong with it, e.g. "control or format
     * character U+000A at index 3".
     */
    public static String controlOrFormatProblem(String value) {
        int bad = firstControlOrFormat(value);
        return bad < 0 ? null : String.format(Locale.ROOT, "control or format character U+%04X at index %d",
                value.codePointAt(bad), bad);
    }
}
