package dev.herald.topic.urlpattern;

import java.util.Arrays;

/**
 * An immutable set of code points as sorted, disjoint, non-adjacent ranges: what a JavaScript
 * character class denotes once its set operations (union, {@code &&}, {@code --}, negation) are
 * evaluated, since RE2 has no syntax for the last three.
 */
final class CodePointSet {

    static final int MAX = 0x10FFFF;
    static final CodePointSet EMPTY = new CodePointSet(new int[0]);
    static final CodePointSet ALL = range(0, MAX);
    static final CodePointSet DIGIT = range('0', '9');
    static final CodePointSet WORD = of('0', '9', 'A', 'Z', '_', '_', 'a', 'z');
    /** JavaScript's WhiteSpace and LineTerminator code points (\s). */
    static final CodePointSet SPACE = of('\t', '\r', ' ', ' ', 0xA0, 0xA0, 0x1680, 0x1680, 0x2000, 0x200A,
            0x2028, 0x2029, 0x202F, 0x202F, 0x205F, 0x205F, 0x3000, 0x3000, 0xFEFF, 0xFEFF);
    /** What '.' matches without the dotAll flag: everything but line terminators. */
    static final CodePointSet DOT = of('\n', '\n', '\r', '\r', 0x2028, 0x2029).complement();

    /** lo0, hi0, lo1, hi1, ... */
    private final int[] ranges;

    private CodePointSet(int[] ranges) {
        this.ranges = ranges;
    }

    static CodePointSet range(int lo, int hi) {
        return new CodePointSet(new int[] {lo, hi});
    }

    /** A set from lo/hi pairs, in any order, possibly overlapping. */
    static CodePointSet of(int... pairs) {
        CodePointSet result = EMPTY;
        for (int i = 0; i < pairs.length; i += 2) {
            result = result.union(range(pairs[i], pairs[i + 1]));
        }
        return result;
    }

    boolean isEmpty() {
        return ranges.length == 0;
    }

    CodePointSet union(CodePointSet other) {
        int[] all = Arrays.copyOf(ranges, ranges.length + other.ranges.length);
        System.arraycopy(other.ranges, 0, all, ranges.length, other.ranges.length);
        // Sort the ranges by their start, then merge overlapping or adjacent ones.
        long[] packed = new long[all.length / 2];
        for (int i = 0; i < packed.length; i++) {
            packed[i] = ((long) all[2 * i] << 32) | all[2 * i + 1];
        }
        Arrays.sort(packed);
        int[] out = new int[all.length];
        int n = 0;
        for (long p : packed) {
            int lo = (int) (p >>> 32);
            int hi = (int) p;
            if (n > 0 && lo <= out[n - 1] + 1) {
                out[n - 1] = Math.max(out[n - 1], hi);
            } else {
                out[n++] = lo;
                out[n++] = hi;
            }
        }
        return new CodePointSet(Arrays.copyOf(out, n));
    }

    CodePointSet complement() {
        int[] out = new int[ranges.length + 2];
        int n = 0;
        int next = 0;
        for (int i = 0; i < ranges.length; i += 2) {
            if (ranges[i] > next) {
                out[n++] = next;
                out[n++] = ranges[i] - 1;
            }
            next = ranges[i + 1] + 1;
        }
        if (next <= MAX) {
            out[n++] = next;
            out[n++] = MAX;
        }
        return new CodePointSet(Arrays.copyOf(out, n));
    }

    CodePointSet intersect(CodePointSet other) {
        return complement().union(other.complement()).complement();
    }

    CodePointSet subtract(CodePointSet other) {
        return intersect(other.complement());
    }

    /** The ranges in RE2 class syntax, without the brackets. */
    void appendRanges(StringBuilder out) {
        for (int i = 0; i < ranges.length; i += 2) {
            JsRegexpReader.appendLiteral(out, ranges[i]);
            if (ranges[i + 1] != ranges[i]) {
                out.append('-');
                JsRegexpReader.appendLiteral(out, ranges[i + 1]);
            }
        }
    }

    /** The set as an RE2 character class; the empty set as a class that matches nothing. */
    String toRe2() {
        if (isEmpty()) {
            return "[^\\x{0}-\\x{10FFFF}]";
        }
        StringBuilder out = new StringBuilder("[");
        appendRanges(out);
        return out.append(']').toString();
    }
}
