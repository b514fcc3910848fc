package io.mape.remote.rest.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.sse.SseClient;
import io.mape.App;
import io.mape.Element;
import io.mape.ElementStats;
import io.mape.remote.DeliveryStats;
import io.mape.remote.Link;
import io.mape.remote.Links;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /events}: every second one {@code tick} event, the same JSON for every client, with each element's
 * and channel's rates since the last tick and its drops by reason in that time. One daemon thread computes and
 * sends while a client is connected; a client costs only its place in the list (at most {@value #MAX_CLIENTS}),
 * and leaves it when it disconnects or a send to it fails.
 */
final class LiveEvents implements AutoCloseable {

    /** The most clients served at once; one more gets 503. */
    static final int MAX_CLIENTS = 16;
    static final long TICK_MILLIS = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(LiveEvents.class);

    private final App app;
    private final Links links;
    private final ObjectMapper mapper;
    private final List<SseClient> clients = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService ticker;
    /** Touched only by the ticker thread. */
    private Map<String, Counters> last = Map.of();
    private long lastNanos;

    LiveEvents(App app, ObjectMapper mapper) {
        this.app = app;
        this.links = Links.of(app);
        this.mapper = mapper;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mape-rest-events");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Whether another client may connect. */
    boolean hasRoom() {
        return clients.size() < MAX_CLIENTS;
    }

    /** Keeps {@code client} until it disconnects; it gets the next tick. */
    void add(SseClient client) {
        client.onClose(() -> clients.remove(client));
        clients.add(client);
        client.keepAlive();
    }

    int clientCount() {
        return clients.size();
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
            for (SseClient client : clients) {
                try {
                    client.sendEvent("tick", json);
                } catch (RuntimeException e) {
                    clients.remove(client);
                    client.close();
                }
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

    @Override
    public void close() {
        ticker.shutdownNow();
        clients.forEach(SseClient::close);
        clients.clear();
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
