package dev.herald.hub;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A one-thread event loop for hub tests. With a manual heartbeat the hub's periodic task never
 * fires on its own; {@link #tick()} runs it once, so heartbeat tests need no clock.
 */
final class TestLane extends ScheduledThreadPoolExecutor {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final boolean manualHeartbeat;
    private final List<Runnable> periodicTasks = new CopyOnWriteArrayList<>();
    private final List<Duration> periods = new CopyOnWriteArrayList<>();
    private final AtomicInteger executeCalls = new AtomicInteger();
    private volatile Thread thread;

    private TestLane(String name, boolean manualHeartbeat) {
        super(1);
        this.manualHeartbeat = manualHeartbeat;
        setThreadFactory(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            thread = t;
            return t;
        });
        prestartCoreThread();
    }

    /** Periodic tasks only run when the test calls {@link #tick()}. */
    static TestLane manual(String name) {
        return new TestLane(name, true);
    }

    /** Periodic tasks run on their real schedule. */
    static TestLane timed(String name) {
        return new TestLane(name, false);
    }

    boolean isLaneThread() {
        return Thread.currentThread() == thread;
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        periods.add(Duration.ofNanos(unit.toNanos(period)));
        if (!manualHeartbeat) {
            return super.scheduleAtFixedRate(command, initialDelay, period, unit);
        }
        periodicTasks.add(command);
        return super.scheduleAtFixedRate(() -> {}, 1, 1, TimeUnit.DAYS);
    }

    /** Counts the tasks handed over with {@code execute}: each is a wake-up of a real event loop. */
    @Override
    public void execute(Runnable command) {
        executeCalls.incrementAndGet();
        super.execute(command);
    }

    /** Tasks handed over with {@code execute} so far; the test helpers here use {@code submit}. */
    int executeCalls() {
        return executeCalls.get();
    }

    /** The periods of every fixed-rate task scheduled on this lane. */
    List<Duration> periods() {
        return List.copyOf(periods);
    }

    /** Runs the captured periodic tasks once, on the lane, and waits for them. */
    void tick() {
        run(() -> periodicTasks.forEach(Runnable::run));
    }

    /** A whole heartbeat interval: the heartbeat task visits one slice of subscribers per tick. */
    void tickInterval() {
        for (int i = 0; i < Lane.HEARTBEAT_SLICES; i++) {
            tick();
        }
    }

    /** Waits until every task queued before this call has run. */
    void sync() {
        run(() -> {});
    }

    void run(Runnable task) {
        call(() -> {
            task.run();
            return null;
        });
    }

    <T> T call(Callable<T> task) {
        try {
            return submit(task).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("task failed on the lane", e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("lane did not run the task within " + TIMEOUT, e);
        }
    }

    void stop() throws InterruptedException {
        shutdown();
        if (!awaitTermination(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            shutdownNow();
            throw new AssertionError("lane " + thread.getName() + " did not stop");
        }
    }
}
