package dev.herald.server.http;

/**
 * The character rule Mercure 1.0 applies to topics, matchers, ids and event types: no C0 or C1
 * control character, no DEL, no Unicode format character (category Cf, e.g. U+200B, U+202E).
 */
final class TextRules {

    private TextRules() {}

    /** The index of the first forbidden character of {@code value}, or -1. */
    static int firstControlOrFormat(String value) {
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || Character.getType(cp) == Character.FORMAT) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }
}
