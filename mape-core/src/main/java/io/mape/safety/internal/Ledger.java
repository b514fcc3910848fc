package io.mape.safety.internal;

import io.mape.internal.LossLog;
import io.mape.safety.SafetyStats;
import io.mape.safety.Veto;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.subjects.PublishSubject;
import io.reactivex.rxjava3.subjects.Subject;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The counters and the veto stream of one safety operator, and the one way items cross it ({@link #decide}).
 * Thread-safe: counters are adders, vetoes go through a serialized subject.
 */
public final class Ledger<T> {

    private static final Logger LOG = LoggerFactory.getLogger("io.mape.safety");

    private final String name;
    private final LongAdder in = new LongAdder();
    private final LongAdder out = new LongAdder();
    private final LongAdder injected = new LongAdder();
    private final Map<String, LongAdder> withheld = new ConcurrentHashMap<>();
    private final Subject<Veto<T>> vetoes = PublishSubject.<Veto<T>>create().toSerialized();
    private final LossLog warnings = new LossLog(LOG);

    /** @param name the operator's name in log lines */
    public Ledger(String name) {
        this.name = name;
    }

    /**
     * Counts each item in, asks {@code verdict} what to do with it, and passes what it gives or counts and
     * publishes the veto. {@code verdict} runs on the pushing thread; the operator serializes its own state.
     */
    public <R> Observable<R> decide(Observable<T> upstream, Function<T, Verdict<R>> verdict) {
        return upstream.mapOptional(item -> {
            in.increment();
            Verdict<R> v = verdict.apply(item);
            if (v.passed() != null) {
                out.increment();
                return Optional.of(v.passed());
            }
            withhold(item, v.by(), v.reason(), v.warn());
            return Optional.empty();
        });
    }

    /** Counts an item the operator emits of its own and logs it at WARN (rate-limited). */
    public void inject(Object item, String why) {
        injected.increment();
        out.increment();
        warnings.warn("{}: {}; emitted {}", name, why, item);
    }

    private void withhold(T item, String by, String reason, boolean warn) {
        withheld.computeIfAbsent(by, b -> new LongAdder()).increment();
        if (warn) {
            warnings.warn("{}: held back {} ({}: {})", name, item, by, reason);
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("{}: held back {} ({}: {})", name, item, by, reason);
        }
        vetoes.onNext(new Veto<>(item, by, reason));
    }

    public SafetyStats stats() {
        Map<String, Long> by = new TreeMap<>();
        withheld.forEach((k, v) -> by.put(k, v.sum()));
        long total = by.values().stream().mapToLong(Long::longValue).sum();
        return new SafetyStats(in.sum(), out.sum(), total, injected.sum(), by);
    }

    public Observable<Veto<T>> vetoes() {
        return vetoes;
    }
}
