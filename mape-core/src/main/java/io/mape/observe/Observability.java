package io.mape.observe;

import io.mape.App;
import io.mape.Element;
import io.mape.Level;
import io.mape.Loop;
import io.mape.internal.RateLimit;
import io.mape.remote.Link;
import io.mape.remote.Links;
import io.reactivex.rxjava3.disposables.Disposable;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

/**
 * The App's view of itself for metrics and alerts: every metered thing, listed with its counters, and the
 * {@link Event}s of failures and drops, pushed to listeners as they happen: every loss that is counted (by an
 * element, a sink, a source, a module's queue) is published, {@link Event.Drop} lists where.
 *
 * <pre>{@code
 * Observability o = Observability.of(app);
 * o.metered().forEach(m -> System.out.println(m.kind() + " " + m.name() + " " + m.snapshot()));
 * Disposable l = o.listen(event -> alerts.offer(event));   // failures and drops, on the thread they happen on
 * }</pre>
 *
 * <p>A listener costs nothing while there is none (the data path reads one volatile field); with one, it runs on
 * the thread of the failure or drop (an element's, inside its serialized context; a sink's, under its outbox's
 * lock; a transport's I/O or delivery thread): keep it short and non-blocking, and do not push into what dropped. A
 * listener that throws is reported to the {@linkplain #setErrorHandler error handler} and stays registered.
 *
 * <p>A failure that no listener hears goes to the process-wide {@linkplain #setErrorHandler error handler}, as
 * RxJava's {@code RxJavaPlugins.onError} does: by default it prints to standard error (rate-limited) when SLF4J has
 * no binding, since the element's log line would then be lost, and does nothing more when it has one. Thread-safe.
 */
public final class Observability {

    @SuppressWarnings("unchecked")
    private static final Consumer<? super Event>[] NONE = new Consumer[0];

    private static volatile Consumer<? super Event.Failure> errorHandler = defaultErrorHandler();

    private final App app;
    private final CopyOnWriteArrayList<Metered> registered = new CopyOnWriteArrayList<>();
    private volatile Consumer<? super Event>[] listeners = NONE;

    private Observability(App app) {
        this.app = app;
    }

    /** The App's view, made on first use. */
    public static Observability of(App app) {
        Objects.requireNonNull(app, "app");
        return app.component(Observability.class, Observability::new);
    }

    // ---------------------------------------------------------------- listing

    /**
     * Every metered thing now (a snapshot): the elements of every loop in creation order, then the open sinks and
     * sources of every transport ({@link Links}), then what was {@linkplain #register registered}.
     */
    public List<Metered> metered() {
        List<Metered> all = new ArrayList<>();
        for (Loop loop : app.loops()) {
            for (Element<?, ?> e : loop.elements()) {
                all.add(of(e));
            }
        }
        for (Link link : Links.of(app).list()) {
            all.add(of(link));
        }
        all.addAll(registered);
        return all;
    }

    /** An element as {@link #metered()} lists it. */
    public static Metered of(Element<?, ?> e) {
        Loop loop = e.loop();
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("level", loop == null ? "" : loop.level().map(Level::uid).orElse(""));
        tags.put("loop", loop == null ? "" : loop.uid());
        tags.put("element", e.uid());
        return new Metered(e.kind().name().toLowerCase(Locale.ROOT), e.path(), tags, e, e::stats);
    }

    /** A sink or source as {@link #metered()} lists it. */
    public static Metered of(Link link) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("transport", link.transport());
        tags.put("channel", link.channel());
        return new Metered(link.direction().name().toLowerCase(Locale.ROOT), link.channel(), tags, link,
                link::stats);
    }

    /**
     * Lists {@code metered} too (a module's cache, connection pool, ...) until the returned handle is disposed.
     * Its stats should be a record of numbers, which a binder can read without knowing its type.
     */
    public Disposable register(Metered metered) {
        Objects.requireNonNull(metered, "metered");
        registered.add(metered);
        return Disposable.fromRunnable(() -> registered.remove(metered));
    }

    // ---------------------------------------------------------------- events

    /** Calls {@code listener} with every event of this App from now until the returned handle is disposed. */
    public synchronized Disposable listen(Consumer<? super Event> listener) {
        Objects.requireNonNull(listener, "listener");
        Consumer<? super Event>[] next = Arrays.copyOf(listeners, listeners.length + 1);
        next[next.length - 1] = listener;
        listeners = next;
        return Disposable.fromRunnable(() -> unlisten(listener));
    }

    private synchronized void unlisten(Consumer<? super Event> listener) {
        List<Consumer<? super Event>> left = new ArrayList<>(Arrays.asList(listeners));
        left.remove(listener);
        @SuppressWarnings("unchecked")
        Consumer<? super Event>[] next = left.toArray(new Consumer[0]);
        listeners = next;
    }

    /** Whether any listener is registered: the data path asks before it makes an event. */
    public boolean hasListeners() {
        return listeners.length != 0;
    }

    /**
     * Hands {@code event} to every listener; for the data path and for modules. A failure with no listener goes to
     * the {@linkplain #setErrorHandler error handler}.
     */
    public void publish(Event event) {
        Objects.requireNonNull(event, "event");
        Consumer<? super Event>[] ls = listeners;
        if (ls.length == 0) {
            if (event instanceof Event.Failure f) {
                onError(f);
            }
            return;
        }
        for (Consumer<? super Event> l : ls) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                onError(new Event.Failure(event.path(), "", new IllegalStateException(
                        "a listener of " + app + " threw on " + event, e)));
            }
        }
    }

    /**
     * Publishes an {@link Event.Drop} of {@code path} under {@code reason} when a listener is registered, asking
     * {@code item} for its text only then: for the sinks, sources and queues of modules, which count their losses
     * themselves. Without a listener it costs one volatile read.
     */
    public void publishDrop(String path, String reason, Supplier<String> item) {
        if (hasListeners()) {
            publish(new Event.Drop(path, reason, item.get()));
        }
    }

    // ---------------------------------------------------------------- the last resort

    /**
     * Sets the process-wide handler of failures that reached no listener (RxJava's {@code RxJavaPlugins.onError}
     * for this library); null restores the default (standard error, rate-limited, when SLF4J has no binding).
     */
    public static void setErrorHandler(Consumer<? super Event.Failure> handler) {
        errorHandler = handler == null ? defaultErrorHandler() : handler;
    }

    /** Hands a failure to the error handler; one that throws prints both to standard error. */
    public static void onError(Event.Failure failure) {
        Objects.requireNonNull(failure, "failure");
        try {
            errorHandler.accept(failure);
        } catch (RuntimeException e) {
            PrintStream err = System.err;
            err.println("mape: the error handler threw on " + failure);
            e.printStackTrace(err);
        }
    }

    private static Consumer<? super Event.Failure> defaultErrorHandler() {
        return defaultErrorHandler(LoggerFactory.getILoggerFactory());
    }

    /** The default for this logger factory: SLF4J 2 answers {@link NOPLoggerFactory} when it has no binding. */
    static Consumer<? super Event.Failure> defaultErrorHandler(ILoggerFactory loggers) {
        return loggers instanceof NOPLoggerFactory ? new StdErrHandler() : f -> { };
    }

    /**
     * What the default handler does when SLF4J has no binding: prints to standard error, the first failure at once
     * with its stack trace, then at most one line every 5 s counting those in between.
     */
    static final class StdErrHandler implements Consumer<Event.Failure> {
        private final RateLimit limit = new RateLimit(5_000_000_000L);
        private final AtomicBoolean traced = new AtomicBoolean();

        @Override
        public void accept(Event.Failure f) {
            long more = limit.pass();
            if (more < 0) {
                return;
            }
            PrintStream err = System.err;
            err.println("mape: " + f + (more == 0 ? "" : " (and " + more + " more failures since the last report)")
                    + " [no SLF4J binding: add one, e.g. org.slf4j:slf4j-simple, for the full log]");
            if (traced.compareAndSet(false, true)) {
                f.error().printStackTrace(err);
            }
        }
    }
}
