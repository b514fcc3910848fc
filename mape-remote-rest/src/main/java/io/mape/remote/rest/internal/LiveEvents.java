package io.mape.remote.rest.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.sse.SseClient;
import io.mape.App;
import io.mape.Element;
import io.mape.ElementStats;
import io.mape.internal.LossLog;
import io.mape.remote.DeliveryStats;
import io.mape.remote.Link;
import io.mape.remote.Links;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /events}: every second one {@code tick} event, the same JSON for every client, with each element's
 * and channel's rates since the last tick and its drops by reason in that time. One daemon thread computes a tick
 * while a client is connected and hands it to every client; it never writes. A client's writes run on a sender
 * thread, one at a time, so a client that does not read blocks only its own: while a write to it is unfinished, a
 * newer tick replaces the one waiting for it (the replaced one is counted and logged as skipped), and a write still
 * unfinished after {@value #STALL_MILLIS} ms disconnects it. A client costs its place in the list (at most
 * {@value #MAX_CLIENTS}) and the one tick waiting for it, and leaves when it disconnects or a write to it fails.
 */
final class LiveEvents implements AutoCloseable {

    /** The most clients served at once; one more gets 503. */
    static final int MAX_CLIENTS = 16;
    static final long TICK_MILLIS = 1000;
    /** How long a write to a client may stay unfinished before the client is disconnected. */
    static final long STALL_MILLIS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(LiveEvents.class);
    private static final long NOT_WRITING = Long.MIN_VALUE;

    private final App app;
    private final Links links;
    private final ObjectMapper mapper;
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    /** The clients, and the requests that reserved a place and are about to be one. */
    private final AtomicInteger places = new AtomicInteger();
    private final ScheduledExecutorService ticker;
    /**
     * At most one task per client at a time, so one thread per client, blocked or not (and one per client just
     * disconnected, until its failed write returns).
     */
    private final ExecutorService senders;
    private final AtomicLong skipped = new AtomicLong();
    private final LossLog skips = new LossLog(LOG);
    private final LossLog stalls = new LossLog(LOG);
    private volatile boolean closed;
    /** Touched only by the ticker thread. */
    private Map<String, Counters> last = Map.of();
    private long lastNanos;

    LiveEvents(App app, ObjectMapper mapper) {
        this.app = app;
        this.links = Links.of(app);
        this.mapper = mapper;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "mape-rest-events"));
        this.senders = Executors.newCachedThreadPool(r -> daemon(r, "mape-rest-events-send"));
        ticker.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Takes one of the {@value #MAX_CLIENTS} places for a client about to connect; false when all are taken. The
     * place passes to the client in {@link #add}; a request that never gets there gives it back with
     * {@link #release}. Taken before the response starts, since Javalin adds the client on another thread after
     * sending the headers: a count of the clients alone would let a burst of connects past the bound.
     */
    boolean reserve() {
        for (int n = places.get(); n < MAX_CLIENTS; n = places.get()) {
            if (places.compareAndSet(n, n + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Gives back a place {@link #reserve} took for a request that did not become a client. */
    void release() {
        places.decrementAndGet();
    }

    /** Keeps {@code sse}, in the place reserved for it, until it disconnects; it gets the next tick. */
    void add(SseClient sse) {
        Client client = new Client(sse);
        sse.onClose(() -> leave(client));
        clients.add(client);
        sse.keepAlive();
    }

    /** Takes {@code client} off the list and frees its place, once. */
    private boolean leave(Client client) {
        if (clients.remove(client)) {
            places.decrementAndGet();
            return true;
        }
        return false;
    }

    private void tick() {
        try {
            if (clients.isEmpty() || app.isClosed()) {
                last = Map.of();
                return;
            }
            long now = System.nanoTime();
            Map<String, Counters> current = snapshot();
            double seconds = last.isEmpty() ? 0 : (now - lastNanos) / 1e9;
            Map<String, Object> elements = new LinkedHashMap<>();
            Map<String, Object> channels = new LinkedHashMap<>();
            current.forEach((id, c) -> {
                Counters before = last.getOrDefault(id, c);
                Rates r = new Rates(c.running, rate(c.in - before.in, seconds), rate(c.out - before.out, seconds),
                        c.in, c.out, c.errors, delta(c.dropped, before.dropped));
                (c.element ? elements : channels).put(id, r);
            });
            last = current;
            lastNanos = now;
            String json = mapper.writeValueAsString(new Tick(System.currentTimeMillis(), elements, channels));
            for (Client client : clients) {
                client.offer(json);
            }
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warn("GET /events: a tick failed; the next one tries again", e);
        }
    }

    private Map<String, Counters> snapshot() {
        Map<String, Counters> all = new LinkedHashMap<>();
        for (Element<?, ?> e : TopologyView.elements(app).values()) {
            ElementStats s = e.stats();
            all.put(e.path(), new Counters(true, e.isRunning(), s.itemsIn(), s.itemsOut(), s.errors(), s.droppedBy()));
        }
        Map<Object, String> ids = new IdentityHashMap<>();
        List<Link> open = links.list();
        TopologyView.channels(links, ids);
        for (Link link : open) {
            if (!ids.containsKey(link)) {
                continue;
            }
            DeliveryStats s = link.stats();
            Map<String, Long> dropped = new LinkedHashMap<>();
            s.dropped().forEach((reason, n) -> {
                if (n > 0) {
                    dropped.put(reason.name().toLowerCase(Locale.ROOT), n);
                }
            });
            boolean sink = link.direction() == Link.Direction.SINK;
            all.put(ids.get(link), new Counters(false, true, sink ? s.accepted() : s.received(),
                    sink ? s.sent() : s.received() - s.undecodable() - s.refused(), s.failed() + s.undecodable(),
                    dropped));
        }
        return all;
    }

    private static double rate(long delta, double seconds) {
        return seconds <= 0 ? 0 : Math.round(delta / seconds * 100) / 100.0;
    }

    private static Map<String, Long> delta(Map<String, Long> now, Map<String, Long> before) {
        Map<String, Long> d = new LinkedHashMap<>();
        now.forEach((reason, n) -> {
            long x = n - before.getOrDefault(reason, 0L);
            if (x > 0) {
                d.put(reason, x);
            }
        });
        return d;
    }

    /** Ends every stream without waiting for a write: a client with one unfinished loses its connection. */
    @Override
    public void close() {
        closed = true;
        ticker.shutdownNow();
        clients.forEach(Client::end);
        clients.clear();
        senders.shutdownNow();
    }

    /** One connected client: the tick waiting for it and its sender. */
    private final class Client {

        private final SseClient sse;
        /** Its connection, closed to fail a write that does not finish. */
        private final EndPoint endPoint;
        private final String name;
        private final AtomicReference<String> waiting = new AtomicReference<>();
        private final AtomicBoolean sending = new AtomicBoolean();
        private final AtomicLong skipped = new AtomicLong();
        /** {@link System#nanoTime} when the write in flight began, or {@link #NOT_WRITING}. */
        private volatile long writingSince = NOT_WRITING;

        Client(SseClient sse) {
            this.sse = sse;
            Request request = Request.getBaseRequest(sse.ctx().req());
            this.endPoint = request.getHttpChannel().getEndPoint();
            this.name = request.getRemoteAddr() + ":" + request.getRemotePort();
        }

        /** On the ticker: the next tick for this client, unless a write to it has been unfinished too long. */
        void offer(String json) {
            long since = writingSince;
            if (since != NOT_WRITING && System.nanoTime() - since > TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS)) {
                if (leave(this)) {
                    stalls.warn("GET /events: disconnected {}: a tick written to it has not gone out in {} ms "
                            + "({} ticks skipped for it)", name, STALL_MILLIS, skipped.get());
                }
                endPoint.close(); // fails the write, which frees the sender
                sse.close();
                return;
            }
            if (waiting.getAndSet(json) != null) {
                skips.warn("GET /events: skipped a tick for {}, a client still taking an earlier one ({} skipped for "
                        + "it, {} for slow clients in all)", name, skipped.incrementAndGet(),
                        LiveEvents.this.skipped.incrementAndGet());
            }
            if (sending.compareAndSet(false, true)) {
                try {
                    senders.execute(this::send);
                } catch (RejectedExecutionException e) {
                    sending.set(false); // closing: the streams end
                }
            }
        }

        /** On a sender: writes the waiting tick until none waits; then leaves, a later tick starts a new one. */
        private void send() {
            do {
                for (String json; !closed && !sse.terminated() && (json = waiting.getAndSet(null)) != null; ) {
                    writingSince = System.nanoTime();
                    try {
                        sse.sendEvent("tick", json); // a failed write closes sse, which leaves the list
                    } catch (RuntimeException e) {
                        leave(this);
                        sse.close();
                    } finally {
                        writingSince = NOT_WRITING;
                    }
                }
                sending.set(false);
            } while (!closed && !sse.terminated() && waiting.get() != null && sending.compareAndSet(false, true));
        }

        /** Ends the stream; a write in flight would hold the end, so its connection closes. */
        void end() {
            if (writingSince != NOT_WRITING) {
                endPoint.close();
            }
            sse.close();
        }
    }

    private record Counters(boolean element, boolean running, long in, long out, long errors,
                            Map<String, Long> dropped) {
    }

    /**
     * One element's or channel's line of a tick. For a sink, in is accepted and out sent; for a source, in is
     * received and out delivered (received, less the undecodable and refused).
     */
    record Rates(boolean running, double inPerSecond, double outPerSecond, long itemsIn, long itemsOut, long errors,
                 Map<String, Long> droppedSinceLastTick) {
    }

    /** One event: the time and the lines by id (as in {@code GET /topology}). */
    record Tick(long time, Map<String, Object> elements, Map<String, Object> channels) {
    }
}
