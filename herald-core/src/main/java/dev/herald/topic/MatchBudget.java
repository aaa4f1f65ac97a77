package dev.herald.topic;

/**
 * A topic seen through a character-read budget. java.util.regex backtracks, and a template whose
 * expressions can trade characters ({@code {a}-{b}-{c}x}) costs polynomial time on a long topic
 * that fails to match; counting reads caps that cost, since every step of the matcher reads.
 */
final class MatchBudget implements CharSequence {

    /** Reads allowed per topic character, beyond a floor; linear templates use a handful. */
    private static final long READS_PER_CHAR = 64;
    private static final long MIN_READS = 100_000;

    /** Thrown when the budget runs out; shared and stackless because it is only a signal. */
    static final class Exhausted extends RuntimeException {
        static final Exhausted INSTANCE = new Exhausted();

        private Exhausted() {
            super("topic match budget exhausted", null, false, false);
        }
    }

    private final String topic;
    private long remaining;

    MatchBudget(String topic) {
        this.topic = topic;
        this.remaining = MIN_READS + READS_PER_CHAR * topic.length();
    }

    @Override
    public char charAt(int index) {
        if (--remaining < 0) {
            throw Exhausted.INSTANCE;
        }
        return topic.charAt(index);
    }

    @Override
    public int length() {
        return topic.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return topic.subSequence(start, end);
    }

    @Override
    public String toString() {
        return topic;
    }
}
