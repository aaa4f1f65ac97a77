package dev.herald.bench;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The soak's subscribers under churn: a steady population, some leaving for good (each replaced
 * by a newcomer), some stepping away and resuming with {@code Last-Event-ID}, and a few slow
 * readers of every topic that stop reading until the hub cuts them off, then resume. Every
 * subscriber is checked for losses, duplicates and reordering across all its connections. All
 * state is confined to one event loop; the figures are read through it.
 */
final class SoakLoad implements SoakStream.Events, AutoCloseable {
    /**
     * The share of the population that may be between streams (connecting, or away before a
     * resume) before the churn waits: the rates are what is offered, and a hub slow to answer
     * (or a busy machine) then gets less churn rather than a shrinking population.
     */
    private static final double MAX_IN_TRANSITION = 0.05;
    private static final long RECONNECT_MILLIS = 1000;

    private final SoakConfig config;
    private final EventLoopGroup group = NettyIo.group(1);
    private final EventLoop loop = group.next();
    private final SoakConnector connector;
    private final SplittableRandom random = new SplittableRandom(11);
    private final List<SoakSession> ordinary = new ArrayList<>();
    private final List<SoakSession> slow = new ArrayList<>();
    private ScheduledFuture<?> churn;
    private double leaveCredit, resumeCredit;
    private boolean stopping;
    private int open;
    private long connects, resumes, leaves, cutOffs, stallsSurvived, unexpected, connectFailures, inexact,
            deliveries, duplicates, outOfOrder, malformed, retiredGapLosses, churnDeferred;
    private String firstFailure;

    SoakLoad(SoakConfig config) {
        this.config = config;
        this.connector = new SoakConnector(config, group, this);
    }

    /** Opens the population; completes when every subscriber's first connection has opened or failed once. */
    CompletableFuture<Void> start() {
        return CompletableFuture.runAsync(() -> {
            for (int i = 0; i < config.subscribers(); i++) {
                SoakSession s = newcomer();
                ordinary.add(s);
                connect(s);
            }
            for (int i = 0; i < config.slowReaders(); i++) {
                SoakSession s = new SoakSession(new int[0], true);
                slow.add(s);
                connect(s);
            }
        }, loop).thenCompose(v -> until(connector::idle, 600));
    }

    /** Starts the churn: leaves and resumes at the configured rates, checked ten times a second. */
    void startChurn() {
        loop.execute(() -> churn = loop.scheduleAtFixedRate(this::churnTick, 100, 100, TimeUnit.MILLISECONDS));
    }

    /** Stops the churn and the slow readers' stalls; away and cut-off subscribers still come back. */
    CompletableFuture<Void> stopChurn() {
        return CompletableFuture.runAsync(() -> {
            stopping = true;
            if (churn != null) {
                churn.cancel(false);
            }
            for (SoakSession s : slow) {
                resumeReading(s); // still marked stalled: a reset it now meets is the cut-off it was heading for
            }
        }, loop);
    }

    /** Completes once every subscriber has an open stream, or after {@code seconds}, whichever is first. */
    CompletableFuture<Void> awaitAllOpen(double seconds) {
        return until(() -> ordinary.stream().allMatch(s -> s.state == SoakSession.State.OPEN)
                && slow.stream().allMatch(s -> s.state == SoakSession.State.OPEN), seconds)
                .exceptionally(e -> null);
    }

    private CompletableFuture<Void> until(java.util.function.BooleanSupplier done, double seconds) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        ScheduledFuture<?>[] poll = new ScheduledFuture<?>[1];
        poll[0] = loop.scheduleAtFixedRate(() -> {
            if (done.getAsBoolean()) {
                poll[0].cancel(false);
                f.complete(null);
            } else if (System.nanoTime() > deadline) {
                poll[0].cancel(false);
                f.completeExceptionally(new IllegalStateException("not settled after " + seconds + " s"));
            }
        }, 10, 50, TimeUnit.MILLISECONDS);
        return f;
    }

    private SoakSession newcomer() {
        return new SoakSession(SoakTopics.forSubscriber(random, config.topics(), config.hotTopics()), false);
    }

    private void churnTick() {
        leaveCredit += config.leaves() / 10;
        resumeCredit += config.resumes() / 10;
        int room = (int) (ordinary.size() * MAX_IN_TRANSITION) + 1
                - (int) ordinary.stream().filter(s -> s.state != SoakSession.State.OPEN).count();
        if (room <= 0) {
            churnDeferred++;
            leaveCredit = Math.min(leaveCredit, 1); // offered, not owed: no catching up later in a rush
            resumeCredit = Math.min(resumeCredit, 1);
            return;
        }
        for (; leaveCredit >= 1 && room > 0; leaveCredit--, room--) {
            int i = pickOpen();
            if (i < 0) {
                break;
            }
            SoakSession gone = ordinary.get(i);
            closeByUs(gone, SoakSession.State.GONE);
            retiredGapLosses += gone.seqs.gapLosses();
            leaves++;
            SoakSession s = newcomer();
            ordinary.set(i, s);
            connect(s);
        }
        for (; resumeCredit >= 1 && room > 0; resumeCredit--, room--) {
            int i = pickOpen();
            if (i < 0) {
                break;
            }
            SoakSession s = ordinary.get(i);
            closeByUs(s, SoakSession.State.AWAY);
            loop.schedule(() -> connect(s), 500 + random.nextInt(4500), TimeUnit.MILLISECONDS);
        }
        leaveCredit = Math.min(leaveCredit, 1);
        resumeCredit = Math.min(resumeCredit, 1);
    }

    /** A random ordinary subscriber with an open stream, or -1 after a few misses. */
    private int pickOpen() {
        for (int tries = 0; tries < 20; tries++) {
            int i = random.nextInt(ordinary.size());
            if (ordinary.get(i).state == SoakSession.State.OPEN) {
                return i;
            }
        }
        return -1;
    }

    private void closeByUs(SoakSession s, SoakSession.State next) {
        s.closingByUs = true;
        s.state = next;
        s.stream.channel().close();
    }

    private void connect(SoakSession s) {
        connector.connect(s);
    }

    @Override
    public void opened(SoakStream st, boolean inexactResume) {
        connector.settled();
        open++;
        SoakSession s = st.session;
        if (s.stream != st) {
            st.channel().close(); // not expected: every connection is the session's latest
            return;
        }
        s.state = SoakSession.State.OPEN;
        if (st.resumeAfter != null) {
            resumes++;
        } else {
            connects++;
        }
        if (inexactResume) {
            inexact++;
        }
        if (s.slow && !stopping) {
            loop.schedule(() -> stall(st), 10_000 + random.nextInt(10_000), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void failed(SoakStream st, String reason) {
        connector.settled();
        connectFailures++;
        if (firstFailure == null) {
            firstFailure = reason;
        }
        SoakSession s = st.session;
        if (s.stream == st && s.state != SoakSession.State.GONE) {
            s.state = SoakSession.State.AWAY;
            loop.schedule(() -> connect(s), RECONNECT_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void event(SoakStream st, String id, String type, String data) {
        SoakSession s = st.session;
        if ("mercure".equals(type)) {
            return; // the hub's resume notice; an inexact resume is already counted from the response head
        }
        SoakPayload.Parsed p = SoakPayload.parse(data);
        if (p == null) {
            malformed++;
            return;
        }
        deliveries++;
        switch (s.seqs.record(p.topic(), p.seq())) {
            case DUPLICATE -> duplicates++;
            case OUT_OF_ORDER -> outOfOrder++;
            case FIRST -> { }
        }
        if (id != null) {
            s.lastEventId = id;
        }
    }

    @Override
    public void closed(SoakStream st) {
        open--;
        SoakSession s = st.session;
        if (s.stream != st || s.closingByUs) {
            return;
        }
        if (s.stalled) {
            cutOffs++;
        } else {
            unexpected++;
        }
        s.state = SoakSession.State.AWAY;
        loop.schedule(() -> connect(s), RECONNECT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** A slow reader stops reading; after the stall it reads again, and either meets the hub's reset or carries on. */
    private void stall(SoakStream st) {
        SoakSession s = st.session;
        if (stopping || s.stream != st || s.state != SoakSession.State.OPEN) {
            return;
        }
        s.stalled = true;
        st.channel().config().setAutoRead(false);
        loop.schedule(() -> {
            if (s.stream != st || s.state != SoakSession.State.OPEN) {
                return;
            }
            resumeReading(s); // still marked stalled until its buffered bytes and any reset are read
            loop.schedule(() -> {
                if (s.stream == st && s.state == SoakSession.State.OPEN) {
                    stallsSurvived++;
                    s.stalled = false;
                    if (!stopping) {
                        loop.schedule(() -> stall(st), 10_000 + random.nextInt(10_000), TimeUnit.MILLISECONDS);
                    }
                }
            }, 2, TimeUnit.SECONDS);
        }, (long) (config.stallSeconds() * 1000), TimeUnit.MILLISECONDS);
    }

    private void resumeReading(SoakSession s) {
        if (s.stream != null && s.stream.channel() != null && s.stream.channel().isActive()) {
            s.stream.channel().config().setAutoRead(true);
        }
    }

    /** The load's totals; {@code published} fields are filled in by the caller. */
    CompletableFuture<SoakCounters> counters() {
        return CompletableFuture.supplyAsync(() -> {
            long gaps = retiredGapLosses;
            for (SoakSession s : ordinary) {
                gaps += s.seqs.gapLosses();
            }
            for (SoakSession s : slow) {
                gaps += s.seqs.gapLosses();
            }
            return new SoakCounters(open, connects, resumes, leaves, cutOffs, stallsSurvived, unexpected,
                    connectFailures, inexact, deliveries, duplicates, outOfOrder, gaps, malformed, churnDeferred,
                    0, 0, 0, 0, 0, 0);
        }, loop);
    }

    /** Updates published after the last one each open subscriber received on each of its topics. */
    CompletableFuture<Long> tailLosses(long[] publishedPerTopic) {
        return CompletableFuture.supplyAsync(() -> {
            long lost = 0;
            for (List<SoakSession> list : List.of(ordinary, slow)) {
                for (SoakSession s : list) {
                    if (s.state == SoakSession.State.OPEN) {
                        lost += s.seqs.tailLosses(publishedPerTopic);
                    }
                }
            }
            return lost;
        }, loop);
    }

    /** Subscribers without an open stream at the end: their tails could not be checked. */
    CompletableFuture<Long> notOpen() {
        return CompletableFuture.supplyAsync(() -> ordinary.stream().filter(s -> s.state != SoakSession.State.OPEN)
                .count() + slow.stream().filter(s -> s.state != SoakSession.State.OPEN).count(), loop);
    }

    CompletableFuture<String> firstFailure() {
        return CompletableFuture.supplyAsync(() -> firstFailure, loop);
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
