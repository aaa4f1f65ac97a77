package dev.herald.topic.urlpattern;

import java.net.IDN;
import java.util.Locale;

/**
 * The URL Standard's host parser. Hosts are kept in their serialized form: a domain, an IPv4
 * address in dotted decimal, an IPv6 address in brackets, an opaque host, or the empty host.
 *
 * <p>Domain to ASCII uses {@link IDN#toASCII} (IDNA2003) for non-ASCII domains where the standard
 * asks for UTS #46 non-transitional processing; the two agree on common names but differ on
 * deviation characters (IDNA2003 maps ß to "ss" and ς to "σ", and drops ZWJ/ZWNJ, where UTS #46
 * keeps them), on characters added to Unicode after 3.2, and Java rejects labels longer than 63
 * ASCII characters where UTS #46 without VerifyDnsLength accepts them. ASCII domains never reach
 * IDNA: the standard lowercases them as they are.
 */
final class HostParser {

    private HostParser() {}

    /** The serialized host, or null on failure. */
    static String parse(String input, boolean isOpaque) {
        if (!input.isEmpty() && input.charAt(0) == '[') {
            if (input.charAt(input.length() - 1) != ']' || input.length() < 2) {
                return null;
            }
            String ipv6 = Ipv6.canonical(input.substring(1, input.length() - 1));
            return ipv6 == null ? null : "[" + ipv6 + "]";
        }
        if (isOpaque) {
            return parseOpaque(input);
        }
        String domain = PercentEncoding.decodeToString(input);
        String ascii = domainToAscii(domain);
        if (ascii == null) {
            return null;
        }
        if (endsInANumber(ascii)) {
            long ipv4 = parseIpv4(ascii);
            return ipv4 < 0 ? null : serializeIpv4(ipv4);
        }
        return ascii;
    }

    private static String parseOpaque(String input) {
        for (int i = 0; i < input.length(); i++) {
            if (isForbiddenHostCodePoint(input.charAt(i))) {
                return null;
            }
        }
        return PercentEncoding.C0_CONTROL.encode(input);
    }

    /** Domain to ASCII with beStrict false; null on failure. */
    static String domainToAscii(String domain) {
        String result;
        if (isAscii(domain)) {
            result = domain.toLowerCase(Locale.ROOT);
        } else {
            try {
                result = IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        if (result.isEmpty()) {
            return null;
        }
        for (int i = 0; i < result.length(); i++) {
            if (isForbiddenDomainCodePoint(result.charAt(i))) {
                return null;
            }
        }
        return result;
    }

    static boolean isForbiddenHostCodePoint(int c) {
        switch (c) {
            case 0x00: case '\t': case '\n': case '\r': case ' ': case '#': case '/': case ':':
            case '<': case '>': case '?': case '@': case '[': case '\\': case ']': case '^': case '|':
                return true;
            default:
                return false;
        }
    }

    static boolean isForbiddenDomainCodePoint(int c) {
        return isForbiddenHostCodePoint(c) || c <= 0x1F || c == '%' || c == 0x7F;
    }

    static boolean endsInANumber(String input) {
        int end = input.length();
        if (end > 0 && input.charAt(end - 1) == '.') {
            end--;
        }
        int start = input.lastIndexOf('.', end - 1) + 1;
        String last = input.substring(start, end);
        if (last.isEmpty()) {
            return false;
        }
        if (last.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return true;
        }
        return parseIpv4Number(last) >= 0;
    }

    /** The IPv4 address as an unsigned 32-bit value, or -1 on failure. */
    static long parseIpv4(String input) {
        String[] parts = input.split("\\.", -1);
        int count = parts.length;
        if (parts[count - 1].isEmpty() && count > 1) {
            count--;
        }
        if (count > 4) {
            return -1;
        }
        long[] numbers = new long[count];
        for (int i = 0; i < count; i++) {
            numbers[i] = parseIpv4Number(parts[i]);
            if (numbers[i] < 0) {
                return -1;
            }
        }
        for (int i = 0; i < count - 1; i++) {
            if (numbers[i] > 255) {
                return -1;
            }
        }
        if (numbers[count - 1] >= 1L << (8 * (5 - count))) {
            return -1;
        }
        long ipv4 = numbers[count - 1];
        for (int i = 0; i < count - 1; i++) {
            ipv4 += numbers[i] << (8 * (3 - i));
        }
        return ipv4;
    }

    /** An IPv4 number in decimal, octal (leading 0) or hex (0x); -1 on failure, capped to stay positive. */
    static long parseIpv4Number(String input) {
        if (input.isEmpty()) {
            return -1;
        }
        int radix = 10;
        int start = 0;
        if (input.length() >= 2 && (input.startsWith("0x") || input.startsWith("0X"))) {
            radix = 16;
            start = 2;
        } else if (input.length() >= 2 && input.charAt(0) == '0') {
            radix = 8;
            start = 1;
        }
        if (start == input.length()) {
            return 0;
        }
        long value = 0;
        for (int i = start; i < input.length(); i++) {
            int digit = Character.digit(input.charAt(i), radix);
            if (digit < 0 || input.charAt(i) > 'z') {
                return -1;
            }
            // Anything past 2^32 already fails, so saturate instead of overflowing.
            value = Math.min(value * radix + digit, 1L << 40);
        }
        return value;
    }

    static String serializeIpv4(long address) {
        return ((address >> 24) & 0xFF) + "." + ((address >> 16) & 0xFF) + "."
                + ((address >> 8) & 0xFF) + "." + (address & 0xFF);
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
