package io.mape.remote.rest.internal;

import io.mape.remote.rest.NotificationKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * <p>{@link #offer} takes a lock only to touch the queue and never waits for I/O. The requests (sent with the
 * client's blocking {@code send}, the cheapest round trip it has), their answers and the retries run on one daemon
 * thread of its own.
 */
public final class OrderedSender {

    private static final Logger LOG = LoggerFactory.getLogger("io.mape.remote.rest.PostObserver");
    private static final long DROP_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** The options; checked by the public builder. */
    public record Options(String name, Map<NotificationKind, URI> uris, String authorization, int capacity,
                          boolean dropOldest, Duration minBackoff, Duration maxBackoff, Duration requestTimeout) {
    }

    /** Counters at one moment. */
    public record Counts(long sent, long rejected, long dropped, long retries, int buffered) {
    }

    private record Request(NotificationKind notification, byte[] body) {
    }

    private final Options options;
    private final ScheduledExecutorService exec;
    private final HttpClient client;

    // guarded by this
    private final ArrayDeque<Request> waiting = new ArrayDeque<>();
    private Request inFlight;
    private boolean closed;
    private long sent;
    private long rejected;
    private long dropped;
    private long retries;
    private long dropRun;
    private long dropLoggedAt;

    /** Consecutive failures of the request in flight; touched only on the sender thread. */
    private int failures;

    public OrderedSender(Options options) {
        this.options = options;
        this.exec = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mape-post " + options.name());
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.requestTimeout())
                .build();
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

    /** A notification counted as dropped (offered a moment too late, or unencodable), with the reason logged. */
    public void drop(String what, Throwable reason) {
        synchronized (this) {
            dropped++;
        }
        LOG.warn("{}: dropped {}", options.name(), what, reason);
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
            try {
                resp = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                lost(r);
                return;
            } catch (IOException e) {
                err = e;
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
        if (status < 200 || status > 299) {
            LOG.error("{}: the target refused a {} notification (HTTP {}): {}", options.name(),
                    r.notification().wireName(), status, abbreviate(resp.body()));
        }
        Request next;
        long endedRun;
        synchronized (this) {
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
        if (failures == 1) {
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

    private static boolean retryable(int status) {
        return status == 408 || status == 425 || status == 429 || status == 502 || status == 503 || status == 504;
    }

    private String describe(Throwable err) {
        Throwable t = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        if (t instanceof HttpTimeoutException) {
            return "no answer in " + options.requestTimeout().toMillis() + " ms";
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 297) + "...";
    }

    /** The counters now. */
    public synchronized Counts counts() {
        return new Counts(sent, rejected, dropped, retries, waiting.size() + (inFlight == null ? 0 : 1));
    }

    /**
     * Takes no more notifications, waits up to {@code grace} for those queued to be delivered, then drops the rest
     * (counted and logged) and stops the sender thread. Idempotent.
     */
    public void close(Duration grace) {
        int left;
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
            dropped += left;
            waiting.clear();
            inFlight = null;
        }
        exec.shutdownNow();
        if (left > 0) {
            LOG.warn("{}: closed with {} notifications undelivered; they are dropped", options.name(), left);
        }
    }
}
