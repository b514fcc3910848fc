package io.mape.remote.rest.internal;

import io.mape.App;
import io.mape.internal.LossLog;
import io.mape.remote.rest.NotificationKind;
import io.mape.remote.rest.PostOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends notifications one at a time, in the order offered: the next request leaves only when the previous one was
 * answered. A request that fails for want of a target (I/O error, timeout, 408, 425, 429, 502, 503, 504) is sent
 * again after an exponential backoff; any other answer that is not 2xx is final: logged and counted as rejected.
 *
 * <p>At most {@code capacity} notifications wait besides the one being sent; beyond that one is dropped (the oldest
 * waiting or the newest, as configured), counted, and logged when a run of drops starts and when it ends.
 *
 * <p>{@link #offer} takes a lock only to touch the queue and never waits for I/O. The requests, their answers and
 * the retries run on one daemon thread of its own, over a {@link Client} shared by every sender of an App; each
 * exchange, from connecting to the last byte of the answer, is bounded by the request timeout.
 *
 * <p>Every notification offered is counted once: sent, rejected, dropped or skipped. Whoever takes it off
 * {@code inFlight} under the lock counts it, so one that {@link #close} gives up on is not counted again when its
 * answer comes late.
 */
public final class OrderedSender {

    private static final Logger LOG = LoggerFactory.getLogger("io.mape.remote.rest.PostObserver");
    private static final long DROP_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** The options; checked by the public builder. */
    public record Options(String name, Map<NotificationKind, URI> uris, String authorization, PostOptions post) {
        int capacity() {
            return post.bufferSize();
        }

        boolean dropOldest() {
            return post.overflow() == PostOptions.Overflow.DROP_OLDEST;
        }

        Duration minBackoff() {
            return post.minBackoff();
        }

        Duration maxBackoff() {
            return post.maxBackoff();
        }

        Duration requestTimeout() {
            return post.requestTimeout();
        }
    }

    /** Counters at one moment. */
    public record Counts(long sent, long rejected, long dropped, long skipped, long retries, int buffered) {
    }

    /**
     * The HTTP client that the senders of one App share ({@link #of(App)}), closed with the App: its selector thread
     * and its workers ({@code mape-http-client-N}, daemons) end then (the selector at once on Java 21 and later, on
     * Java 17 once the closed client is collected). Thread-safe.
     */
    public static final class Client implements AutoCloseable {
        private static final AtomicInteger THREADS = new AtomicInteger();

        private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "mape-http-client-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        private volatile HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(executor)
                .build();

        /** The App's client, made on first use. */
        public static Client of(App app) {
            return app.component(Client.class, a -> new Client());
        }

        /** @throws IllegalStateException when closed */
        HttpClient http() {
            HttpClient h = http;
            if (h == null) {
                throw new IllegalStateException("the HTTP client is closed");
            }
            return h;
        }

        /** Stops the client and its threads; requests still running fail. Idempotent. */
        @Override
        public void close() {
            HttpClient h = http;
            http = null;
            if (h == null) {
                return;
            }
            try {
                HttpClient.class.getMethod("shutdownNow").invoke(h);
            } catch (ReflectiveOperationException e) {
                LOG.debug("this Java has no HttpClient.shutdownNow(); its selector ends when the client is collected");
            }
            executor.shutdownNow();
        }
    }

    private record Request(NotificationKind notification, byte[] body) {
    }

    private final Options options;
    private final ScheduledExecutorService exec;
    private final Client client;
    private final boolean ownsClient;
    private final LossLog dropLog = new LossLog(LOG);
    private final Map<Integer, LossLog> rejectionLogs = new ConcurrentHashMap<>();

    // guarded by this
    private final ArrayDeque<Request> waiting = new ArrayDeque<>();
    private Request inFlight;
    private boolean closed;
    private long sent;
    private long rejected;
    private long dropped;
    private long skipped;
    private long retries;
    private long dropRun;
    private long dropLoggedAt;

    /** Consecutive failures of the request in flight; touched only on the sender thread. */
    private int failures;

    /**
     * @param client the App's shared client ({@link Client#of}), or null for one of its own, closed with this sender
     */
    public OrderedSender(Options options, Client client) {
        this.options = options;
        this.ownsClient = client == null;
        this.client = client == null ? new Client() : client;
        this.exec = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mape-post " + options.name());
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues a notification; never blocks on I/O. */
    public void offer(NotificationKind notification, byte[] body) {
        Request r = new Request(notification, body);
        synchronized (this) {
            if (closed) {
                dropped++;
                LOG.debug("{} is closed: dropped a {} notification", options.name(), notification.wireName());
                return;
            }
            if (inFlight != null) {
                enqueue(r);
                return;
            }
            inFlight = r;
        }
        try {
            exec.execute(() -> send(r));
        } catch (RejectedExecutionException e) {
            lost(r);
        }
    }

    private void enqueue(Request r) {
        if (waiting.size() < options.capacity()) {
            waiting.add(r);
            return;
        }
        if (options.dropOldest()) {
            waiting.poll();
            waiting.add(r);
        }
        dropped++;
        long now = System.nanoTime();
        if (dropRun++ == 0) {
            dropLoggedAt = now;
            LOG.warn("{}: {} notifications wait for the target; dropping the {} until it catches up",
                    options.name(), options.capacity(), options.dropOldest() ? "oldest" : "newest");
        } else if (now - dropLoggedAt > DROP_LOG_INTERVAL_NANOS) {
            dropLoggedAt = now;
            LOG.warn("{}: still dropping, {} so far in this run", options.name(), dropRun);
        }
    }

    /** A notification counted as dropped (unencodable, null), with the reason logged, rate-limited. */
    public void drop(String what, Throwable reason) {
        synchronized (this) {
            dropped++;
        }
        dropLog.warn("{}: dropped {}: {}", options.name(), what, String.valueOf(reason));
    }

    /** A notification deliberately not sent, counted; see {@link Counts#skipped()}. */
    public synchronized void skip() {
        skipped++;
    }

    /** Counts {@code r} as dropped unless {@link #close} already has (it counts whatever was still in flight). */
    private synchronized void lost(Request r) {
        if (inFlight == r) {
            dropped++;
            inFlight = null;
            notifyAll();
        }
    }

    /** Sends {@code first}, then each next one waiting, on the sender thread, until the queue is empty or a retry waits. */
    private void send(Request first) {
        Request r = first;
        while (r != null) {
            HttpRequest.Builder b = HttpRequest.newBuilder(options.uris().get(r.notification()))
                    .timeout(options.requestTimeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(r.body()));
            if (options.authorization() != null) {
                b.header("Authorization", options.authorization());
            }
            HttpResponse<String> resp = null;
            Throwable err = null;
            CompletableFuture<HttpResponse<String>> exchange = null;
            try {
                exchange = client.http().sendAsync(b.build(), HttpResponse.BodyHandlers.ofString());
                resp = exchange.get(options.requestTimeout().toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                exchange.cancel(true);
                Thread.currentThread().interrupt();
                lost(r);
                return;
            } catch (TimeoutException e) {
                exchange.cancel(true);
                err = new HttpTimeoutException("the exchange took longer than the request timeout");
            } catch (ExecutionException e) {
                err = e.getCause();
            } catch (IllegalStateException e) {
                lost(r);
                return;
            }
            r = answered(r, resp, err);
        }
    }

    /** Books the answer to {@code r}; returns the next request to send now, or null (idle, or a retry is scheduled). */
    private Request answered(Request r, HttpResponse<String> resp, Throwable err) {
        if (err != null || retryable(resp.statusCode())) {
            retry(r, err != null ? describe(err) : "HTTP " + resp.statusCode() + " " + abbreviate(resp.body()));
            return null;
        }
        if (failures > 0) {
            LOG.info("{}: the target answers again, after {} retries", options.name(), failures);
            failures = 0;
        }
        int status = resp.statusCode();
        Request next;
        long endedRun;
        synchronized (this) {
            if (inFlight != r) {
                return null;
            }
            if (status >= 200 && status <= 299) {
                sent++;
            } else {
                rejected++;
            }
            next = waiting.poll();
            inFlight = next;
            endedRun = next == null ? dropRun : 0;
            if (next == null) {
                dropRun = 0;
                notifyAll();
            }
        }
        if (status < 200 || status > 299) {
            rejectionLogs.computeIfAbsent(status, k -> new LossLog(LOG)).warn(
                    "{}: the target refused a {} notification (HTTP {}){}: {}", options.name(),
                    r.notification().wireName(), status,
                    status == 401 ? " (it asks for a token: rest.token in the config, or token(...) on the builder)"
                            : "", abbreviate(resp.body()));
        }
        if (endedRun > 0) {
            LOG.warn("{}: caught up; {} notifications were dropped while the buffer was full", options.name(),
                    endedRun);
        }
        return next;
    }

    private void retry(Request r, String why) {
        synchronized (this) {
            retries++;
        }
        failures++;
        long min = options.minBackoff().toMillis();
        long delay = Math.min(options.maxBackoff().toMillis(), min << Math.min(failures - 1, 20));
        if (failures == 1 && r.notification() == NotificationKind.NEXT) {
            LOG.warn("{}: {}; retrying with backoff (up to {} ms) while up to {} notifications wait", options.name(),
                    why, options.maxBackoff().toMillis(), options.capacity());
        } else {
            LOG.debug("{}: retry {} failed: {}; next in {} ms", options.name(), failures, why, delay);
        }
        try {
            exec.schedule(() -> send(r), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            lost(r);
        }
    }

    static boolean retryable(int status) {
        return status == 408 || status == 425 || status == 429 || status == 502 || status == 503 || status == 504;
    }

    private String describe(Throwable err) {
        Throwable t = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        if (t instanceof HttpTimeoutException) {
            return "no answer in " + options.requestTimeout().toMillis() + " ms";
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 297) + "...";
    }

    /** The counters now. */
    public synchronized Counts counts() {
        return new Counts(sent, rejected, dropped, skipped, retries, waiting.size() + (inFlight == null ? 0 : 1));
    }

    /**
     * Takes no more notifications, waits up to {@code grace} for those queued to be delivered, then drops the rest
     * (counted and logged) and stops the sender thread. Idempotent.
     */
    public void close(Duration grace) {
        int left;
        boolean onlyTerminations;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            long deadline = System.nanoTime() + grace.toNanos();
            long wait;
            while (inFlight != null && (wait = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            left = waiting.size() + (inFlight == null ? 0 : 1);
            onlyTerminations = (inFlight == null || inFlight.notification() != NotificationKind.NEXT)
                    && waiting.stream().allMatch(w -> w.notification() != NotificationKind.NEXT);
            dropped += left;
            waiting.clear();
            inFlight = null;
        }
        exec.shutdownNow();
        if (ownsClient) {
            client.close();
        }
        if (left > 0 && onlyTerminations) {
            LOG.debug("{}: closed before the target took the end of the stream; counted as dropped", options.name());
        } else if (left > 0) {
            LOG.warn("{}: closed with {} notifications undelivered; they are dropped", options.name(), left);
        }
    }
}
