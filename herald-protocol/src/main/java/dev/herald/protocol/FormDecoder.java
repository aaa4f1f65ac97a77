package dev.herald.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Strict {@code application/x-www-form-urlencoded} decoding, for request bodies and query
 * strings alike. Unlike lenient decoders it rejects a broken percent escape or bytes that are not
 * UTF-8 instead of guessing, so a publisher learns about its bug instead of losing data.
 */
public final class FormDecoder {
    public static final String FORM = "application/x-www-form-urlencoded";

    private FormDecoder() {}

    /** Field name to values, in the order they appear. */
    public static Map<String, List<String>> decode(byte[] form) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        int start = 0;
        for (int i = 0; i <= form.length; i++) {
            if (i == form.length || form[i] == '&') {
                if (i > start) {
                    addPair(fields, form, start, i);
                }
                start = i + 1;
            }
        }
        return fields;
    }

    /**
     * The fields of a request's form body.
     *
     * @param contentType the request's {@code Content-Type}, or null
     * @throws BadRequestException 415 unless the body is {@value #FORM} (UTF-8, the default)
     */
    public static Map<String, List<String>> decodeBody(String contentType, byte[] body) {
        if (contentType == null || !isForm(contentType)) {
            throw new BadRequestException(BadRequestException.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be " + FORM + ", got: " + (contentType == null ? "none" : contentType));
        }
        return decode(body);
    }

    private static boolean isForm(String contentType) {
        String lower = contentType.toLowerCase(Locale.ROOT);
        int semi = lower.indexOf(';');
        String mime = (semi < 0 ? lower : lower.substring(0, semi)).trim();
        if (!mime.equals(FORM)) {
            return false;
        }
        int charset = lower.indexOf("charset=", Math.max(semi, 0));
        if (semi < 0 || charset < 0) {
            return true;
        }
        String cs = lower.substring(charset + 8).replace("\"", "").trim();
        return cs.startsWith("utf-8") || cs.startsWith("utf8");
    }

    public static Map<String, List<String>> decode(String queryOrForm) {
        return decode(queryOrForm.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void addPair(Map<String, List<String>> fields, byte[] form, int from, int to) {
        int eq = -1;
        for (int i = from; i < to; i++) {
            if (form[i] == '=') {
                eq = i;
                break;
            }
        }
        String name = unescape(form, from, eq < 0 ? to : eq, "field name");
        String value = eq < 0 ? "" : unescape(form, eq + 1, to, "\"" + name + "\" parameter");
        fields.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
    }

    /**
     * One field name or value. Publishes arrive at thousands per second, so the common cases make
     * no more than the string itself: plain ASCII is copied as is, escaped ASCII goes through one
     * byte array, and only text with non-ASCII bytes meets the strict UTF-8 decoder.
     */
    private static String unescape(byte[] form, int from, int to, String what) {
        int firstSpecial = from;
        while (firstSpecial < to && form[firstSpecial] >= 0 && form[firstSpecial] != '+' && form[firstSpecial] != '%') {
            firstSpecial++;
        }
        if (firstSpecial == to) {
            return new String(form, from, to - from, StandardCharsets.ISO_8859_1); // ASCII reads the same in both
        }
        // The scanned prefix is plain ASCII: copy it once and decode from the first special byte.
        byte[] out = new byte[to - from];
        int n = firstSpecial - from;
        System.arraycopy(form, from, out, 0, n);
        boolean ascii = true;
        for (int i = firstSpecial; i < to; i++) {
            int b = form[i];
            if (b == '+') {
                b = ' ';
            } else if (b == '%') {
                if (i + 2 >= to || hex(form[i + 1]) < 0 || hex(form[i + 2]) < 0) {
                    throw new BadRequestException("Invalid percent-encoding in " + what);
                }
                b = (byte) (hex(form[i + 1]) << 4 | hex(form[i + 2]));
                i += 2;
            }
            ascii &= b >= 0;
            out[n++] = (byte) b;
        }
        if (ascii) {
            return new String(out, 0, n, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out, 0, n))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new BadRequestException("Invalid UTF-8 in " + what);
        }
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
