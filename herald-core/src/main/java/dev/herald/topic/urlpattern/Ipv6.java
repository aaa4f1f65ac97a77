package dev.herald.topic.urlpattern;

/** The URL Standard's IPv6 parser and serializer (RFC 5952 compressed form). */
final class Ipv6 {

    private Ipv6() {}

    /** The canonical text of the address between the brackets, or null if it is not IPv6. */
    static String canonical(String input) {
        int[] pieces = parse(input);
        return pieces == null ? null : serialize(pieces);
    }

    /** The eight 16-bit pieces of {@code input}, or null on failure. */
    static int[] parse(String input) {
        int[] address = new int[8];
        int pieceIndex = 0;
        int compress = -1;
        int p = 0;
        int n = input.length();
        if (at(input, p) == ':') {
            if (at(input, p + 1) != ':') {
                return null;
            }
            p += 2;
            compress = ++pieceIndex;
        }
        while (p < n) {
            if (pieceIndex == 8) {
                return null;
            }
            if (input.charAt(p) == ':') {
                if (compress != -1) {
                    return null;
                }
                p++;
                compress = ++pieceIndex;
                continue;
            }
            int value = 0;
            int length = 0;
            while (length < 4 && PercentEncoding.isHex(at(input, p))) {
                value = value * 16 + Character.digit(input.charAt(p), 16);
                p++;
                length++;
            }
            int c = at(input, p);
            if (c == '.') {
                if (length == 0) {
                    return null;
                }
                p -= length;
                if (pieceIndex > 6) {
                    return null;
                }
                return parseEmbeddedIpv4(input, p, address, pieceIndex, compress);
            } else if (c == ':') {
                p++;
                if (p >= n) {
                    return null;
                }
            } else if (c != -1) {
                return null;
            }
            address[pieceIndex++] = value;
        }
        return finish(address, pieceIndex, compress);
    }

    private static int[] parseEmbeddedIpv4(String input, int p, int[] address, int pieceIndex, int compress) {
        int numbersSeen = 0;
        while (p < input.length()) {
            int ipv4Piece = -1;
            if (numbersSeen > 0) {
                if (input.charAt(p) == '.' && numbersSeen < 4) {
                    p++;
                } else {
                    return null;
                }
            }
            if (!isDigit(at(input, p))) {
                return null;
            }
            while (isDigit(at(input, p))) {
                int number = input.charAt(p) - '0';
                if (ipv4Piece == -1) {
                    ipv4Piece = number;
                } else if (ipv4Piece == 0) {
                    return null;
                } else {
                    ipv4Piece = ipv4Piece * 10 + number;
                }
                if (ipv4Piece > 255) {
                    return null;
                }
                p++;
            }
            address[pieceIndex] = address[pieceIndex] * 0x100 + ipv4Piece;
            numbersSeen++;
            if (numbersSeen == 2 || numbersSeen == 4) {
                pieceIndex++;
            }
        }
        if (numbersSeen != 4) {
            return null;
        }
        return finish(address, pieceIndex, compress);
    }

    private static int[] finish(int[] address, int pieceIndex, int compress) {
        if (compress != -1) {
            int swaps = pieceIndex - compress;
            pieceIndex = 7;
            while (pieceIndex != 0 && swaps > 0) {
                int other = compress + swaps - 1;
                int tmp = address[pieceIndex];
                address[pieceIndex] = address[other];
                address[other] = tmp;
                pieceIndex--;
                swaps--;
            }
        } else if (pieceIndex != 8) {
            return null;
        }
        return address;
    }

    static String serialize(int[] address) {
        StringBuilder out = new StringBuilder(39);
        int compress = longestZeroRun(address);
        boolean ignore0 = false;
        for (int i = 0; i < 8; i++) {
            if (ignore0 && address[i] == 0) {
                continue;
            }
            ignore0 = false;
            if (compress == i) {
                out.append(i == 0 ? "::" : ":");
                ignore0 = true;
                continue;
            }
            out.append(Integer.toHexString(address[i]));
            if (i != 7) {
                out.append(':');
            }
        }
        return out.toString();
    }

    /** The start of the first longest run of two or more zero pieces, or -1. */
    private static int longestZeroRun(int[] address) {
        int longestIndex = -1;
        int longestSize = 1;
        int foundIndex = -1;
        int foundSize = 0;
        for (int i = 0; i < 8; i++) {
            if (address[i] != 0) {
                if (foundSize > longestSize) {
                    longestIndex = foundIndex;
                    longestSize = foundSize;
                }
                foundIndex = -1;
                foundSize = 0;
            } else {
                if (foundIndex == -1) {
                    foundIndex = i;
                }
                foundSize++;
            }
        }
        return foundSize > longestSize ? foundIndex : longestIndex;
    }

    private static int at(String s, int i) {
        return i < s.length() ? s.charAt(i) : -1;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
