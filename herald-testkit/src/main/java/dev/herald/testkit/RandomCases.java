package dev.herald.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Generated inputs for property tests written as plain JUnit parameterized tests: a seeded
 * generator, so a failing case comes back on every run (the seed is in each case's name), and
 * helpers for the kinds of text the hub meets. {@code -Dherald.seed=N} tries other inputs.
 */
public final class RandomCases {
    private final SplittableRandom random;
    private final long seed;

    private RandomCases(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    /** A generator whose seed is {@code herald.seed} when set, else fixed by {@code name}. */
    public static RandomCases seeded(String name) {
        String property = System.getProperty("herald.seed");
        return new RandomCases(property != null ? Long.parseLong(property) : name.hashCode());
    }

    public long seed() {
        return seed;
    }

    /** {@code count} cases made by {@code make}, after the hand-picked {@code edges}. */
    public <T> Stream<T> cases(int count, List<T> edges, Function<RandomCases, T> make) {
        List<T> out = new ArrayList<>(edges);
        for (int i = 0; i < count; i++) {
            out.add(make.apply(this));
        }
        return out.stream();
    }

    /** An int in {@code [min, max]}. */
    public int between(int min, int max) {
        return (int) (min + random.nextLong((long) max - min + 1));
    }

    public boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    @SafeVarargs
    public final <T> T oneOf(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** One of the suppliers' results, chosen uniformly. */
    @SafeVarargs
    public final <T> T anyOf(Supplier<T>... makers) {
        return makers[random.nextInt(makers.length)].get();
    }

    /** Between {@code min} and {@code max} characters, each taken from {@code alphabet} (code points). */
    public String from(String alphabet, int min, int max) {
        int[] points = alphabet.codePoints().toArray();
        StringBuilder sb = new StringBuilder();
        int length = between(min, max);
        for (int i = 0; i < length; i++) {
            sb.appendCodePoint(points[random.nextInt(points.length)]);
        }
        return sb.toString();
    }

    /** Up to {@code max} chars of UTF-16 taken from {@code alphabet}, lone surrogates included if it holds them. */
    public String fromChars(String alphabet, int max) {
        StringBuilder sb = new StringBuilder();
        int length = between(0, max);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /**
     * Up to {@code max} Unicode scalar values (no lone surrogates), weighted toward the ranges
     * that break text handling: controls, ASCII, Latin-1, the BMP, and the astral planes.
     */
    public String scalarValues(int max) {
        StringBuilder sb = new StringBuilder();
        int length = between(0, max);
        for (int i = 0; i < length; i++) {
            int cp;
            do {
                cp = switch (random.nextInt(5)) {
                    case 0 -> random.nextInt(0x20);
                    case 1 -> 0x20 + random.nextInt(0x5F);
                    case 2 -> 0x80 + random.nextInt(0x780);
                    case 3 -> random.nextInt(0x10000);
                    default -> 0x10000 + random.nextInt(0x100000);
                };
            } while (cp >= 0xD800 && cp <= 0xDFFF);
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    /** A list of up to {@code max} elements. */
    public <T> List<T> listOf(int max, Supplier<T> element) {
        int length = between(0, max);
        List<T> out = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            out.add(element.get());
        }
        return out;
    }
}
