package io.mape.safety;

import io.mape.Message;
import io.mape.knowledge.KSortedSet;
import io.mape.knowledge.Knowledge;
import io.mape.safety.internal.LedgerOperator;
import io.mape.safety.internal.Verdict;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.ObservableSource;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * De-duplication by an id the item carries: an item whose id was seen within the {@link Builder#window window}
 * is held back as a {@link Veto} by {@code duplicate}; otherwise its id is recorded and it passes. An item whose
 * id is {@code null} is held back by {@code no-id} (logged at WARN).
 *
 * <p>The ids are members of a {@link KSortedSet} in a {@link Knowledge} (score: the time seen, in ms of the
 * scheduler's {@code now}), recorded with {@link KSortedSet#addIfAbsent}: processes that share a Redis Knowledge
 * share the record, and of several offering one id at once exactly one passes. Ids older than the window are
 * removed at most once per tenth of the window. The scheduler's clocks of the processes should agree to well
 * within the window.
 *
 * <p>The id is recorded <em>before</em> the element acts, so an id passes at most once per window. An item whose
 * first processing died after the record and before its effect (a consumer killed in between, whose entry another
 * process takes over) is not acted on at all: use it where acting twice is worse than not acting. Without it a
 * Streams link delivers at least once. When the Knowledge fails (Redis away) the item fails with its
 * {@code KnowledgeException}: an element counts it as failed and a Streams entry stays pending. One or two
 * Knowledge round trips per item, on the pushing thread. Thread-safe.
 */
public final class Dedupe<T> extends LedgerOperator<T, T> {

    /** Attempts to record an id whose record expired while another process records it too. */
    private static final int ATTEMPTS = 3;

    private final Function<? super T, String> id;
    private final KSortedSet<String> seen;
    private final long windowMillis;
    private final long trimEveryMillis;
    private final Scheduler clock;
    private final AtomicLong nextTrim = new AtomicLong(Long.MIN_VALUE);

    private Dedupe(Builder<T> b) {
        super("dedupe");
        this.id = b.id;
        this.seen = b.knowledge.sortedSet(b.name, String.class);
        this.windowMillis = b.window.toMillis();
        this.trimEveryMillis = Math.max(1, windowMillis / 10);
        this.clock = b.clock;
    }

    /** A builder that keys items by {@code id} (an id stable across redeliveries of one item). */
    public static <T> Builder<T> builder(Function<? super T, String> id) {
        return new Builder<>(id);
    }

    /**
     * A builder that keys Messages by their {@link Message#traceId()}, which travels in a Streams entry's body and
     * so is the same on every delivery of it. Fits where each trace sends at most one item through the port
     * ({@link Message#derive} keeps the trace id: two items derived from one trace count as duplicates).
     */
    public static <V> Builder<Message<V>> byTraceId() {
        return new Builder<>(Message::traceId);
    }

    @Override
    public ObservableSource<T> apply(Observable<T> upstream) {
        return ledger.decide(upstream, this::admit);
    }

    private Verdict<T> admit(T item) {
        String key = id.apply(item);
        if (key == null) {
            return Verdict.hold("no-id", "its id is null", true);
        }
        long now = clock.now(TimeUnit.MILLISECONDS);
        long expired = now - windowMillis;
        trimIfDue(now, expired);
        Double at = null;
        for (int i = 0; i < ATTEMPTS; i++) {
            if (seen.addIfAbsent(key, now)) {
                return Verdict.pass(item);
            }
            at = seen.score(key);
            if (at != null && at > expired) {
                break;
            }
            seen.removeRangeByScore(Double.NEGATIVE_INFINITY, expired);
        }
        return Verdict.hold("duplicate", "duplicate of " + key + " seen "
                + (at == null ? "just now" : Instant.ofEpochMilli(at.longValue())), false);
    }

    private void trimIfDue(long now, long expired) {
        long due = nextTrim.get();
        if (now >= due && nextTrim.compareAndSet(due, now + trimEveryMillis)) {
            seen.removeRangeByScore(Double.NEGATIVE_INFINITY, expired);
        }
    }

    public Duration window() {
        return Duration.ofMillis(windowMillis);
    }

    /** Builds a {@link Dedupe}; not thread-safe. */
    public static final class Builder<T> {
        private final Function<? super T, String> id;
        private Knowledge knowledge;
        private String name;
        private Duration window = Duration.ofHours(1);
        private Scheduler clock = Schedulers.computation();

        private Builder(Function<? super T, String> id) {
            this.id = Objects.requireNonNull(id, "id");
        }

        /**
         * Where the ids are recorded: the sorted set {@code name} of {@code knowledge} (required). Processes that
         * must not act twice on one id share the Knowledge (Redis) and the name.
         */
        public Builder<T> knowledge(Knowledge knowledge, String name) {
            this.knowledge = Objects.requireNonNull(knowledge, "knowledge");
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * How long an id is remembered (default 1 h). Longer than an item can take to come again: for a Streams
         * source, its {@code reclaimIdle} times {@code maxDeliveries}, and then some.
         */
        public Builder<T> window(Duration window) {
            if (Objects.requireNonNull(window, "window").toMillis() <= 0) {
                throw new IllegalArgumentException("window must be at least 1 ms: " + window);
            }
            this.window = window;
            return this;
        }

        /** The scheduler whose {@code now} is the time (a {@code TestScheduler} in tests). */
        public Builder<T> scheduler(Scheduler clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Dedupe<T> build() {
            if (knowledge == null) {
                throw new IllegalStateException("a Dedupe needs knowledge(knowledge, name) to record the ids");
            }
            return new Dedupe<>(this);
        }
    }
}
