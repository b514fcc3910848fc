package io.mape.test;

import io.mape.DropReason;
import io.mape.Element;
import io.mape.ElementStats;
import io.mape.test.internal.Recorder;
import io.reactivex.rxjava3.schedulers.Timed;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What an element emitted on its port out, with the element's own counters for what reached its port in: made by
 * {@link TestApp#probe(Element)}. The assertions are those of RxJava's {@code TestObserver}; each throws an
 * {@link AssertionError} naming the element, and returns the probe so that they chain. Subscribing a probe starts an
 * analyze or a plan (they start on subscribe). Thread-safe: items may come from any thread.
 *
 * @param <T> what the element emits
 */
public class Probe<T> {

    /** The real time {@link #awaitCount(int)} waits, as {@code TestObserver}'s. */
    public static final Duration DEFAULT_AWAIT = Duration.ofSeconds(5);

    private final Element<?, ?> element;
    private final Recorder<T> recorder;
    private final String port;

    Probe(Element<?, ?> element, Recorder<T> recorder, String port) {
        this.element = element;
        this.recorder = recorder;
        this.port = port;
    }

    /** The element probed. */
    public Element<?, ?> element() {
        return element;
    }

    /** The items seen so far, in order. */
    public final List<T> values() {
        return recorder.values();
    }

    /** The items seen so far, each with the virtual time (of the App's clock) when it came. */
    public final List<Timed<T>> timed() {
        return recorder.timed();
    }

    /** The element's counters now. */
    public final ElementStats stats() {
        return element.stats();
    }

    /** Asserts that exactly these items were seen, in this order. */
    @SafeVarargs
    public final Probe<T> assertValues(T... expected) {
        List<T> seen = values();
        if (!seen.equals(Arrays.asList(expected))) {
            throw fail("expected " + Arrays.toString(expected) + " but saw " + seen);
        }
        return this;
    }

    /** Asserts that {@code count} items were seen. */
    public final Probe<T> assertValueCount(int count) {
        List<T> seen = values();
        if (seen.size() != count) {
            throw fail("expected " + count + " items but saw " + seen.size() + ": " + seen);
        }
        return this;
    }

    /** Asserts that nothing was seen. */
    public final Probe<T> assertNoValues() {
        return assertValueCount(0);
    }

    /**
     * Waits, in real time and at most {@link #DEFAULT_AWAIT}, until {@code count} items were seen; for elements on
     * a real scheduler. On virtual time items come only while the test advances the clock: advance it instead.
     */
    public final Probe<T> awaitCount(int count) {
        return awaitCount(count, DEFAULT_AWAIT);
    }

    /** {@link #awaitCount(int)} with its own bound; fails when it passes. */
    public final Probe<T> awaitCount(int count, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        try {
            if (!recorder.await(count, timeout)) {
                throw fail("expected " + count + " items within " + timeout + " but saw " + values().size()
                        + ": " + values());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail("interrupted while waiting for " + count + " items");
        }
        return this;
    }

    /**
     * Asserts that no error was seen: none reached the probe, and the element counted none (no item failed, no
     * operator failed, no error arrived on port in) and did not stop itself on a fatal one.
     */
    public final Probe<T> assertNoErrors() {
        List<Throwable> errors = recorder.errors();
        ElementStats s = stats();
        if (!errors.isEmpty() || s.errors() != 0 || s.failure() != null) {
            AssertionError e = fail("expected no errors but the probe saw " + errors + " and the element counted "
                    + s.errors() + (s.failure() == null ? "" : ", stopped by " + s.failure()));
            errors.forEach(e::addSuppressed);
            throw e;
        }
        return this;
    }

    /** Asserts that the element dropped exactly {@code count} items for {@code reason}. */
    public final Probe<T> assertDropped(DropReason reason, long count) {
        long dropped = stats().dropped(reason);
        if (dropped != count) {
            throw fail("expected " + count + " items dropped as " + reason.wireName() + " but " + dropped
                    + " were");
        }
        return this;
    }

    /** Asserts that the element dropped nothing, for any reason. */
    public final Probe<T> assertNoDrops() {
        if (stats().dropped() != 0) {
            throw fail("expected no drops but saw " + stats().droppedBy());
        }
        return this;
    }

    /** Stops seeing what the element emits. */
    public final void dispose() {
        recorder.dispose();
    }

    private AssertionError fail(String what) {
        return new AssertionError(element.path() + " " + port + ": " + what + " (" + stats() + ")");
    }

    @Override
    public String toString() {
        return "Probe of " + element.path() + " " + port + ": " + values();
    }
}
