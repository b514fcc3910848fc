package io.mape.test;

import io.mape.App;
import io.mape.Element;
import io.mape.Loop;
import io.mape.Output;
import io.mape.config.MapeConfig;
import io.mape.knowledge.InMemoryKnowledgeBackend;
import io.mape.test.internal.Recorder;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * An {@link App} on virtual time, for a test: its clock is a {@link TestScheduler}, and nothing that waits on it
 * happens until the test {@link #advance(Duration) advances} it. The App has {@link MapeConfig#defaults()} (no
 * {@code mape.yml}, no environment) and in-memory Knowledge on the clock: expiry, leases and take timeouts run on
 * virtual time, and change events ({@code k.changes(...)}) are delivered when the clock is advanced
 * ({@code advance(Duration.ZERO)} delivers what is due now), on the advancing thread. Give the clock to whatever else
 * keeps time ({@code element.scheduler(t.clock())}, the safety operators, {@code sample(..., t.clock())}).
 *
 * <p>Injected into a test method by {@link MapeExtension} and closed after the test, or made by {@link #create()} and
 * closed by the test. Closing closes the App, then what was {@link #manage managed}. Thread-safe as the App is;
 * the clock must be advanced from one thread.
 */
public final class TestApp implements AutoCloseable {

    private final TestScheduler clock;
    private final App app;

    private TestApp(MapeConfig config) {
        this.clock = new TestScheduler();
        this.app = App.builder().config(config)
                .knowledge(a -> InMemoryKnowledgeBackend.builder().codec(a.codec()).clock(clock).eventScheduler(clock)
                        .build())
                .build();
    }

    /** A TestApp at virtual time zero with {@link MapeConfig#defaults()}. */
    public static TestApp create() {
        return create(MapeConfig.defaults());
    }

    /** A TestApp at virtual time zero with this configuration. */
    public static TestApp create(MapeConfig config) {
        return new TestApp(Objects.requireNonNull(config, "config"));
    }

    /** The App. */
    public App app() {
        return app;
    }

    /** The virtual clock. */
    public TestScheduler clock() {
        return clock;
    }

    /** The loop with this uid of the App ({@link App#loop(String)}). */
    public Loop loop(String uid) {
        return app.loop(uid);
    }

    /** The virtual time since the TestApp was made. */
    public Duration now() {
        return Duration.ofNanos(clock.now(TimeUnit.NANOSECONDS));
    }

    /** Moves the clock on by {@code by}, running on this thread everything due meanwhile, in time order. */
    public TestApp advance(Duration by) {
        if (Objects.requireNonNull(by, "by").isNegative()) {
            throw new IllegalArgumentException("virtual time does not go back: " + by);
        }
        clock.advanceTimeBy(by.toNanos(), TimeUnit.NANOSECONDS);
        return this;
    }

    /**
     * A probe on {@code element}'s port out, subscribed now (an analyze or plan starts on subscribe); disposed when
     * the App closes.
     */
    public <T> Probe<T> probe(Element<?, T> element) {
        Recorder<T> recorder = new Recorder<>(clock);
        element.subscribe(recorder);
        return new Probe<>(element, recorder, "port out");
    }

    /** A probe on the element at {@code path} ({@link App#get(String)}). */
    public <T> Probe<T> probe(String path) {
        Element<?, T> element = app.get(path);
        return probe(element);
    }

    /** An Execute {@code uid} in {@code loop} that records what it is given, with the virtual time it came. */
    public <T> RecordingEffector<T> effector(Loop loop, String uid) {
        Recorder<T> recorder = new Recorder<>(clock);
        Element<T, Void> exec = loop.execute(uid, (T item, Output<Void> out) -> recorder.record(item));
        return new RecordingEffector<>(exec, recorder);
    }

    /**
     * A Monitor {@code uid} in {@code loop}, started, that emits the readings of {@code script} as they fall due on
     * the clock (counted from now). Link it to what it feeds.
     */
    public <T> Element<T, T> sensor(Loop loop, String uid, Script<T> script) {
        Objects.requireNonNull(script, "script");
        Element<T, T> sensor = loop.monitor(uid, (T reading, Output<T> out) -> out.next(reading));
        sensor.start();
        Disposable readings = script.play(clock, sensor::onNext);
        app.manage(readings::dispose);
        return sensor;
    }

    /** Closes {@code resource} with the App (last managed, first closed; {@link App#manage}). */
    public <C extends AutoCloseable> C manage(C resource) {
        return app.manage(resource);
    }

    /** Closes the App and what it manages. Idempotent. */
    @Override
    public void close() {
        app.close();
    }

    @Override
    public String toString() {
        return "TestApp at " + now();
    }
}
