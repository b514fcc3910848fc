package io.mape.micrometer;

import io.mape.App;
import io.mape.Element;
import io.mape.ElementStats;
import io.mape.Kind;
import io.mape.Level;
import io.mape.Loop;
import io.mape.Message;
import io.mape.spi.ItemTracer;
import io.mape.observe.Metered;
import io.mape.observe.Observability;
import io.mape.remote.DeliveryStats;
import io.mape.remote.Link;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Micrometer meters for everything {@link Observability#metered()} lists of an App: its elements, the sinks and
 * sources of its transports, and what modules register.
 *
 * <pre>{@code
 * MapeMetrics metrics = MapeMetrics.builder(app).appName("car-a").build();
 * metrics.bindTo(registry);           // any MeterRegistry: Prometheus, OTLP, JMX, ...
 * ... add loops later ...
 * metrics.refresh();                  // meters for what appeared since, none for what was removed
 * }</pre>
 *
 * <p>The meters read the counters the App keeps anyway ({@link ElementStats}, {@link DeliveryStats}) when the
 * registry asks, so they cost the data path nothing; only the process timer, off unless
 * {@link Builder#processTime(int)}, measures items (one in n). Every meter carries the tag {@code app}; an
 * element's meters {@code level} (empty for none), {@code loop}, {@code element}, {@code kind}; a sink's or
 * source's {@code kind} ({@code sink}/{@code source}), {@code transport} and {@code channel}. Label cardinality
 * is bounded by the App's structure: one series per element (per element and drop reason for drops), per sink or
 * source (and drop reason), never per item or value. The names are in {@code docs/observability.md}.
 *
 * <p>The meters of a removed element or a closed sink or source read its last counts until {@link #refresh()}
 * removes them. Thread-safe.
 */
public final class MapeMetrics implements MeterBinder {

    private final App app;
    private final String appName;
    private final int processTimeEvery;
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
    /** Per registry, the meters registered for each subject (an element, a link, ...), to remove the gone ones. */
    private final Map<MeterRegistry, Map<Object, List<Meter>>> bound = new IdentityHashMap<>();
    /** The process timers of each element, one per registry. */
    private final Map<Element<?, ?>, List<Timer>> timers = new IdentityHashMap<>();
    private final boolean cycleTime;
    /** The cycle timers of each loop, one per registry; emptied when a registry is bound or a loop removed. */
    private final Map<Loop, Timer[]> cycles = new ConcurrentHashMap<>();
    private final ItemTracer cycleTracer = this::cycleSpan;

    private MapeMetrics(Builder b) {
        this.app = b.app;
        this.appName = b.appName;
        this.processTimeEvery = b.processTimeEvery;
        this.cycleTime = b.cycleTime;
    }

    /** The meters of {@code app} with the defaults of {@link Builder}. */
    public static MapeMetrics of(App app) {
        return builder(app).build();
    }

    public static Builder builder(App app) {
        return new Builder(app);
    }

    /** Registers the meters of everything the App has now; {@link #refresh()} follows later changes. */
    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        if (!registries.contains(registry)) {
            registries.add(registry);
            bound.put(registry, new IdentityHashMap<>());
            cycles.clear();
        }
        if (cycleTime && !ItemTracer.installed().contains(cycleTracer)) {
            ItemTracer.install(cycleTracer);
            app.manage(() -> ItemTracer.uninstall(cycleTracer));
        }
        refresh();
    }

    /**
     * Registers meters for what the App gained since the last bind or refresh (new elements, sinks, sources) and
     * removes those of what it lost, in every registry bound.
     */
    public synchronized void refresh() {
        List<Metered> now = Observability.of(app).metered();
        IdentityHashMap<Object, Metered> present = new IdentityHashMap<>();
        now.forEach(m -> present.put(m.subject(), m));
        for (MeterRegistry registry : registries) {
            Map<Object, List<Meter>> meters = bound.get(registry);
            for (var it = meters.entrySet().iterator(); it.hasNext(); ) {
                var entry = it.next();
                if (!present.containsKey(entry.getKey())) {
                    entry.getValue().forEach(registry::remove);
                    it.remove();
                }
            }
            for (Metered m : now) {
                if (!meters.containsKey(m.subject())) {
                    meters.put(m.subject(), register(registry, m));
                }
            }
        }
        timers.keySet().removeIf(e -> {
            if (present.containsKey(e)) {
                return false;
            }
            e.processTimer(null, 1);
            return true;
        });
        cycles.keySet().removeIf(loop -> !app.loops().contains(loop));
    }

    /**
     * The span of an Execute of this App processing a Message: when its function returns, the time since the
     * Message's {@link Message#origin() origin} is one sense-to-act cycle of its loop. Null for everything else.
     */
    private ItemTracer.Span cycleSpan(Element<?, ?> element, Message<?> in) {
        if (element.kind() != Kind.EXECUTE || element.app() != app) {
            return null;
        }
        return new ItemTracer.Span() {
            @Override
            public Message<?> message() {
                return in;
            }

            @Override
            public void end(Throwable failure) {
                Duration cycle = Duration.between(in.origin(), Instant.now());
                if (failure == null && !cycle.isNegative()) {
                    for (Timer t : cycles.computeIfAbsent(element.loop(), MapeMetrics.this::cycleTimers)) {
                        t.record(cycle);
                    }
                }
            }
        };
    }

    private Timer[] cycleTimers(Loop loop) {
        Tags tags = Tags.of("app", appName, "level", loop.level().map(Level::uid).orElse(""), "loop", loop.uid());
        return registries.stream().map(r -> Timer.builder("mape.loop.cycle")
                .description("from a Message's origin (the Monitor sensing what began its trace) to the end of the "
                        + "Execute of this loop it caused, across hops and devices")
                .tags(tags).register(r)).toArray(Timer[]::new);
    }

    private List<Meter> register(MeterRegistry registry, Metered m) {
        List<Meter> out = new ArrayList<>();
        Tags tags = Tags.of("app", appName);
        for (Map.Entry<String, String> t : m.tags().entrySet()) {
            tags = tags.and(t.getKey(), t.getValue());
        }
        tags = tags.and("kind", m.kind());
        Object sample = m.snapshot();
        if (m.subject() instanceof Element<?, ?> e && sample instanceof ElementStats) {
            elementMeters(registry, e, tags, out);
        } else if (m.subject() instanceof Link && sample instanceof DeliveryStats) {
            deliveryMeters(registry, m, tags, out);
        } else if (sample instanceof Record) {
            recordMeters(registry, m, sample, tags, out);
        }
        return out;
    }

    private void elementMeters(MeterRegistry r, Element<?, ?> e, Tags tags, List<Meter> out) {
        out.add(counter(r, "mape.element.items.in", "items that reached port in", e, tags, s -> s.stats().itemsIn()));
        out.add(counter(r, "mape.element.items.out", "items emitted through port out", e, tags,
                s -> s.stats().itemsOut()));
        out.add(counter(r, "mape.element.processed", "items handled without an exception", e, tags,
                s -> s.stats().processed()));
        out.add(counter(r, "mape.element.failed", "items whose handling threw", e, tags, s -> s.stats().failed()));
        out.add(counter(r, "mape.element.errors", "every error: failed items, errors on port in, failing operators",
                e, tags, s -> s.stats().errors()));
        for (io.mape.DropReason reason : io.mape.DropReason.values()) {
            out.add(counter(r, "mape.element.dropped", "items dropped, by reason", e, tags.and("reason",
                    reason.wireName()), s -> s.stats().dropped(reason)));
        }
        out.add(Gauge.builder("mape.element.queued", e, s -> s.stats().queued())
                .description("items waiting in the element's queues or in an asynchronous stage")
                .tags(tags).register(r));
        out.add(Gauge.builder("mape.element.running", e, s -> s.isRunning() ? 1 : 0)
                .description("1 while the element runs, else 0").tags(tags).register(r));
        if (processTimeEvery > 0) {
            Timer timer = Timer.builder("mape.element.process")
                    .description("how long the body took on an item: one item in " + processTimeEvery
                            + " of synchronous bodies, those that returned")
                    .tags(tags).register(r);
            out.add(timer);
            List<Timer> ts = timers.computeIfAbsent(e, k -> new CopyOnWriteArrayList<>());
            ts.add(timer);
            if (ts.size() == 1) {
                e.processTimer(nanos -> timer.record(nanos, TimeUnit.NANOSECONDS), processTimeEvery);
            } else {
                e.processTimer(nanos -> {
                    for (Timer t : ts) {
                        t.record(nanos, TimeUnit.NANOSECONDS);
                    }
                }, processTimeEvery);
            }
        }
    }

    private static void deliveryMeters(MeterRegistry r, Metered m, Tags tags, List<Meter> out) {
        Link link = (Link) m.subject();
        if (m.kind().equals("sink")) {
            out.add(counter(r, "mape.sink.accepted", "items offered to the sink", link, tags,
                    x -> delivery(x).accepted()));
            out.add(counter(r, "mape.sink.sent", "items the server took", link, tags, x -> delivery(x).sent()));
            out.add(counter(r, "mape.sink.acknowledged", "items a receiver confirmed", link, tags,
                    x -> delivery(x).acknowledged()));
            out.add(counter(r, "mape.sink.failed", "items whose sending failed", link, tags,
                    x -> delivery(x).failed()));
            for (io.mape.remote.DropReason reason : io.mape.remote.DropReason.values()) {
                out.add(counter(r, "mape.sink.dropped", "items never sent, by reason", link,
                        tags.and("reason", reason.wireName()),
                        x -> delivery(x).dropped(reason)));
            }
            out.add(Gauge.builder("mape.sink.pending", link, x -> delivery(x).pending())
                    .description("items waiting in the outbox or for the server's answer").tags(tags).register(r));
        } else {
            out.add(counter(r, "mape.source.received", "messages received on the pattern", link, tags,
                    x -> delivery(x).received()));
            out.add(counter(r, "mape.source.undecodable", "messages that did not decode, dropped", link, tags,
                    x -> delivery(x).undecodable()));
            out.add(counter(r, "mape.source.refused", "deliveries refused to an observer", link, tags,
                    x -> delivery(x).refused()));
            out.add(counter(r, "mape.source.dead.lettered", "messages moved to a dead-letter stream", link, tags,
                    x -> delivery(x).deadLettered()));
            out.add(counter(r, "mape.source.missed", "messages trimmed from a stream before they were read", link,
                    tags, x -> delivery(x).missed()));
        }
    }

    private static DeliveryStats delivery(Link link) {
        return link.stats();
    }

    /** A module's record of numbers: a gauge {@code mape.<kind>.<component>} per numeric component. */
    private static void recordMeters(MeterRegistry r, Metered m, Object sample, Tags tags, List<Meter> out) {
        for (RecordComponent c : sample.getClass().getRecordComponents()) {
            Class<?> t = c.getType();
            if (!(t.isPrimitive() && t != boolean.class && t != char.class) && !Number.class.isAssignableFrom(t)) {
                continue;
            }
            out.add(Gauge.builder("mape." + m.kind() + "." + c.getName(), m, x -> component(x.snapshot(), c))
                    .strongReference(true).tags(tags).register(r));
        }
    }

    private static double component(Object stats, RecordComponent c) {
        try {
            return ((Number) c.getAccessor().invoke(stats)).doubleValue();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static <T> FunctionCounter counter(MeterRegistry r, String name, String description, T subject,
                                               Iterable<Tag> tags, ToDoubleFunction<T> count) {
        return FunctionCounter.builder(name, subject, count).description(description).tags(tags).register(r);
    }

    /** Builds {@link MapeMetrics}. */
    public static final class Builder {
        private final App app;
        private String appName = "mape";
        private int processTimeEvery;
        private boolean cycleTime = true;

        private Builder(App app) {
            this.app = Objects.requireNonNull(app, "app");
        }

        /** The value of the tag {@code app} on every meter, telling Apps apart in one registry; default "mape". */
        public Builder appName(String appName) {
            this.appName = Objects.requireNonNull(appName, "appName");
            return this;
        }

        /**
         * Times one item in {@code every} through each element's body ({@code mape.element.process}: its count is
         * of the items timed, its mean and max estimate every item's); 0, the default, times nothing. Two clock
         * reads and a timer update cost a fast loop several times its own work per item timed, so 1 fits slow
         * bodies and 64 or more a fast loop (see {@code docs/performance.md}).
         */
        public Builder processTime(int every) {
            if (every < 0) {
                throw new IllegalArgumentException("every must be 0 (off) or more, got " + every);
            }
            this.processTimeEvery = every;
            return this;
        }

        /**
         * Whether to time each loop's sense-to-act cycle ({@code mape.loop.cycle}, tags {@code app}, {@code level},
         * {@code loop}): for each {@link Message} an Execute of the App processes without failing, the time from
         * the Message's {@link Message#origin() origin} to the end of the Execute's function. Items that are not
         * Messages carry no origin and are not timed. On by default; it installs an {@link ItemTracer} for the JVM
         * while the App is open. Across devices, the two clocks' skew is part of the figure; a negative cycle
         * (a clock behind) is not recorded.
         */
        public Builder cycleTime(boolean on) {
            this.cycleTime = on;
            return this;
        }

        public MapeMetrics build() {
            return new MapeMetrics(this);
        }
    }
}
