package io.mape;

import io.mape.internal.Acked;
import io.mape.internal.Callables;
import io.mape.internal.LossLog;
import io.mape.internal.Multicast;
import io.mape.internal.Pipeline;
import io.mape.internal.Sequencer;
import io.mape.internal.SerialGate;
import io.mape.internal.Swappable;
import io.mape.internal.Tally;
import io.mape.internal.Tracers;
import io.mape.internal.Types;
import io.mape.internal.Upstreams;
import io.mape.knowledge.Knowledge;
import io.mape.observe.Event;
import io.mape.observe.Observability;
import io.mape.spi.ItemTracer;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.ObservableTransformer;
import io.reactivex.rxjava3.core.Observer;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pillar of a loop: an RxJava {@link Observable} of what it emits and an {@link Observer} of what it receives,
 * so every Rx operator applies to it and it can subscribe to any source.
 *
 * <pre>
 * port in ─▶ gate ─▶ [scheduler hop] ─▶ body: CallMethod → @CallableMethod method | ops in ─▶ process(item, out) ─▶ port out: ops out ─▶ subscribers
 * </pre>
 *
 * <p><b>Threading.</b> Port in may be pushed from any number of threads at once; the element processes one item at
 * a time and loses none (a thread arriving while another is inside takes no lock: it queues its item and returns),
 * so element state needs no locks. Three boundaries are serialized: port in; the body ({@code process}, the
 * {@code @CallableMethod} methods and the ends of asynchronous stages, even when operators on port in change
 * threads); and port out (what the body emits, what the operators on port out emit and what {@link #portOut()}
 * pushes). By default an item is processed on the thread that pushed it; with a {@link #scheduler(Scheduler)} it
 * is processed on one worker of that scheduler, in order.
 *
 * <p><b>Accounting.</b> Every item that reaches port in is processed, failed, dropped with a {@link DropReason}
 * (logged at WARN, then rate-limited) or still queued: see {@link ElementStats}. The input queues hold at most
 * {@link #queueCapacity(int)} items each ({@value #DEFAULT_QUEUE_CAPACITY} by default); beyond, the newest item is
 * dropped as {@link DropReason#OVERFLOW}.
 *
 * <p><b>Errors.</b> An exception thrown by user code (the function, an operator, a callable method) is logged with
 * the element path and the item (one line, rate-limited; the stack trace at DEBUG), counted, and the element goes
 * on with the next item. A {@link StackOverflowError} is treated the same way, at ERROR. Any other fatal error
 * ({@link VirtualMachineError}, {@link LinkageError}) from the body or a subscriber stops the element: it is logged
 * at ERROR with the path, {@link #isRunning()} turns false and {@link ElementStats#failure()} says why, until
 * {@link #start()}. An element fans in from many sources, so a source ending does not end it: {@code onComplete}
 * on port in is ignored and {@code onError} is logged and counted. {@link #propagateErrors(boolean)} sends errors
 * to the subscribers instead; {@link #propagateTermination(boolean)} lets a termination end port out for good.
 *
 * <p><b>Lifecycle.</b> See {@link Kind.StartBehaviour}. While stopped, port in stays writable and drops what
 * arrives, counted. {@link #start()}, {@link #stop()} and the options take effect in order with the items pushed
 * before them by the same thread. An Execute of a paused loop runs but drops what reaches its body, counted as
 * {@link DropReason#PAUSED} ({@link Loop#pause()}); one of a loop in dry run reports it on
 * {@link Loop#wouldExecute()} instead, counted as {@link DropReason#DRY_RUN} ({@link Loop#dryRun(boolean)}).
 *
 * <p>Subclass it through {@link Monitor}, {@link Analyze}, {@link Plan} or {@link Execute} and override
 * {@link #process} (or {@link #processAsync}); or create it from a lambda with the factories of {@link Loop}; or
 * from annotated methods with {@link Loop#register(Object)}.
 *
 * @param <I> what port in takes
 * @param <O> what port out emits
 */
public abstract class Element<I, O> extends Observable<O> implements Observer<I> {

    /** How many items each input queue of an element holds unless {@link #queueCapacity(int)} says otherwise. */
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(Element.class);
    private static final Logger DEBUG = LoggerFactory.getLogger("io.mape.debug");
    private static final DropReason[] REASONS = DropReason.values();

    /** Slots of {@link #tally}, each written in one context: port in, port out, the body. */
    private static final int IN = 0;
    private static final int OUT = 1;
    private static final int PROCESSED = 2;
    private static final int FAILED = 3;
    /** Slots of {@link #shared} after the drop reasons, counted from any thread: errors; items refused at the gate. */
    private static final int ERRORS = REASONS.length;
    private static final int REJECTED = REASONS.length + 1;

    private final Kind kind;
    private final Map<String, Object> properties = new ConcurrentHashMap<>();
    private final SerialGate<Object> gate = new SerialGate<>(this::ownReceive, this::gateFault, DEFAULT_QUEUE_CAPACITY);
    private final Multicast<O> portOut = new Multicast<>(this::subscriberFailed);
    private final Output<O> output = this::emit;
    private final Upstreams upstreams = new Upstreams();
    private final Tally tally = new Tally(4);
    private final AtomicLongArray shared = new AtomicLongArray(REASONS.length + 2);
    private final Pipeline.Host host = new Host();

    private volatile String uid;
    private volatile Loop loop;
    private volatile Type inputType;
    private volatile Type outputType;
    private volatile ObservableTransformer<I, I> opsIn;
    private volatile ObservableTransformer<O, O> opsOut;
    private volatile Scheduler scheduler;
    private volatile int queueCapacity = DEFAULT_QUEUE_CAPACITY;
    private volatile long asyncTimeoutNanos;
    private volatile boolean debugIn;
    private volatile boolean debugOut;
    private volatile boolean propagateErrors;
    private volatile boolean propagateTermination;

    /**
     * The gate that serializes port in: this element's own, or, while its only source is the port out of an
     * element serialized by another gate, that gate (so that a link on one thread costs no gate of its own).
     * Changed only inside the gate it names.
     */
    private volatile SerialGate<Object> domain = gate;
    /** Inside {@link #receive}: a re-entrant item waits in {@link #reentered}. Accessed only inside {@link #domain}. */
    private boolean busy;
    private ArrayDeque<Object> reentered;
    /**
     * The domain {@link #redomain} chose, taken on when the item running now is done, so that no thread of the new
     * domain finds this element still inside. Accessed only inside {@link #domain}.
     */
    private SerialGate<Object> nextDomain;

    /** What the user asked for: running or not (the pipeline follows, in order with port in). */
    private volatile boolean wanted;
    private volatile boolean closed;
    private volatile String failure;
    /** The data path while running; null while stopped. Written only in the port-in gate. */
    private volatile Pipeline pipeline;
    /** Serializes the body once it may run outside the port-in gate; kept from then on. */
    private volatile SerialGate<Object> bodyGate;
    /** Serializes port out once it may be reached outside the port-in gate; kept from then on. */
    private volatile SerialGate<Object> outGate;
    /** Keeps one asynchronous stage in flight; made at the first start of an asynchronous body. Body context. */
    private volatile Sequencer<Object> sequencer;
    private volatile LossLog[] dropLogs;
    private volatile LossLog failureLog;
    /** The App's {@link Observability}, set when added to a loop: failures and drops become its events. */
    private volatile Observability observability;
    /** Told how long a run of a synchronous body took, in nanoseconds; null measures nothing. */
    private volatile LongConsumer processTimer;
    /** {@link #processTimer} is told one run in this many. */
    private volatile int timerEvery = 1;
    /** Runs left before the next one timed. Body context. */
    private int timerCountdown;

    /**
     * @param kind what kind of element this is, which sets its start behaviour
     * @param uid  the uid in its loop; null for an automatic one
     */
    protected Element(Kind kind, String uid) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.uid = uid;
        this.inputType = INPUT_TYPE.get(getClass());
        this.outputType = Types.typeArgument(getClass(), Element.class, 1);
    }

    // ---------------------------------------------------------------- the user's part

    /**
     * Handles one item of port in; emits zero or more items through {@code out}. The default passes the item
     * through unchanged, as PyMAPE's element does.
     */
    @SuppressWarnings("unchecked")
    protected void process(I item, Output<O> out) throws Exception {
        out.next((O) item);
    }

    /**
     * Handles one item asynchronously: override this instead of {@link #process} and the element takes its next
     * item only when the returned stage completes (in order, without blocking the pushing thread), or when
     * {@link #asyncTimeout(Duration)} runs out. A null stage means done.
     */
    protected CompletionStage<?> processAsync(I item, Output<O> out) throws Exception {
        process(item, out);
        return null;
    }

    /**
     * Whether the body is {@link #processAsync}, so that items wait for its stage. The default tells by whether a
     * subclass overrides {@code processAsync}.
     */
    protected boolean isAsynchronous() {
        return overridesProcessAsync(getClass());
    }

    /**
     * Operators after {@link #opsIn} that change what the body takes: {@code process} then receives what they
     * emit, while port in (and the wire) still takes {@code I}. Null, the default, for none. Read at each start.
     */
    protected ObservableTransformer<I, ?> inputPipe() {
        return null;
    }

    // ---------------------------------------------------------------- identity

    public final Kind kind() {
        return kind;
    }

    /** The uid in its loop; null only before the element is added to a loop without a uid. */
    public final String uid() {
        return uid;
    }

    /** {@code loop.element}, as on the wire (channel names, REST paths). */
    public final String path() {
        Loop l = loop;
        return (l == null ? "?" : l.uid()) + "." + uid;
    }

    /** The loop it belongs to, or null once removed. */
    public final Loop loop() {
        return loop;
    }

    /** The App it belongs to, through its loop. */
    public final App app() {
        return loop.app();
    }

    /** The Knowledge of its loop ({@code self.loop.k} in PyMAPE): keys {@code k.loop.<uid>.<name>}. */
    public final Knowledge k() {
        return loop.k();
    }

    /** User properties, free to read and write from any thread (PyMAPE's attributes on {@code self}). */
    public final Map<String, Object> properties() {
        return properties;
    }

    /** One user property, cast to what the caller expects; null when absent. */
    @SuppressWarnings("unchecked")
    public final <T> T property(String key) {
        return (T) properties.get(key);
    }

    /** Sets a user property. */
    public final Element<I, O> property(String key, Object value) {
        properties.put(key, value);
        return this;
    }

    /** The type port in decodes into when an item comes from the wire. */
    public final Type inputType() {
        return inputType;
    }

    /**
     * Sets the type port in decodes into, where it cannot be read from the declaration. Set it before linking:
     * a source that subscribed already decoded with the old type.
     *
     * @throws IllegalStateException once the element has a source (it subscribed to anything)
     */
    public final Element<I, O> inputType(Type type) {
        Objects.requireNonNull(type, "type");
        if (upstreams.size() > 0) {
            throw new IllegalStateException(path() + " already has " + upstreams.size()
                    + " source(s) decoding into " + inputType.getTypeName() + "; set inputType before subscribing it");
        }
        this.inputType = type;
        return this;
    }

    /** The declared type of what port out emits; {@code Object} when it cannot be told. Links are checked against it. */
    public final Type outputType() {
        return outputType;
    }

    /** Sets the type port out emits, where it cannot be read from the declaration. */
    public final Element<I, O> outputType(Type type) {
        this.outputType = Objects.requireNonNull(type, "type");
        return this;
    }

    /** A snapshot of the counters; readable from any thread. */
    public final ElementStats stats() {
        Map<String, Long> by = new LinkedHashMap<>();
        long dropped = 0;
        for (DropReason r : REASONS) {
            long n = shared.get(r.ordinal());
            if (n > 0) {
                by.put(r.wireName(), n);
                dropped += n;
            }
        }
        Pipeline p = pipeline;
        SerialGate<Object> b = bodyGate;
        Sequencer<Object> seq = sequencer;
        long queued = gate.size() + (p != null && p.hop != null ? p.hop.size() : 0) + (b == null ? 0 : b.size())
                + (seq == null ? 0 : seq.pending());
        return new ElementStats(tally.get(IN) + shared.get(REJECTED), tally.get(OUT), tally.get(PROCESSED), tally.get(FAILED), dropped, by,
                queued, shared.get(ERRORS), shared.get(DropReason.REFUSED.ordinal()), failure);
    }

    /** How many live sources port in is subscribed to (links and subscriptions not disposed). */
    public final int sourceCount() {
        return upstreams.size();
    }

    // ---------------------------------------------------------------- options

    /** Operators applied on port in, before the function (e.g. {@code Observable::distinctUntilChanged}). */
    public final Element<I, O> opsIn(ObservableTransformer<I, I> ops) {
        this.opsIn = ops;
        rewire();
        return this;
    }

    /** Operators applied on port out, after the function. */
    public final Element<I, O> opsOut(ObservableTransformer<O, O> ops) {
        this.opsOut = ops;
        rewire();
        return this;
    }

    /** Processes items on one worker of {@code scheduler}, in order; null goes back to the pushing thread. */
    public final Element<I, O> scheduler(Scheduler scheduler) {
        this.scheduler = scheduler;
        rewire();
        return this;
    }

    /**
     * How many items each input queue holds (port in, the scheduler hop, the wait behind an asynchronous stage);
     * default {@value #DEFAULT_QUEUE_CAPACITY}. Beyond, the newest item is dropped as {@link DropReason#OVERFLOW}.
     */
    public final Element<I, O> queueCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be at least 1, got " + capacity);
        }
        this.queueCapacity = capacity;
        gate.capacity(capacity);
        return this;
    }

    /**
     * How long an asynchronous stage may take: one that misses it counts as a failed item (a
     * {@link java.util.concurrent.TimeoutException}) and the element takes its next item; its late end is ignored.
     * Null, the default, for no limit.
     */
    public final Element<I, O> asyncTimeout(Duration timeout) {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("asyncTimeout must be positive, got " + timeout);
        }
        this.asyncTimeoutNanos = timeout == null ? 0 : timeout.toNanos();
        return this;
    }

    /** Logs items in and/or out through the SLF4J logger {@code io.mape.debug}; no argument turns logging off. */
    public final Element<I, O> debug(Debug... what) {
        boolean in = false;
        boolean out = false;
        for (Debug d : what) {
            in |= d == Debug.IN;
            out |= d == Debug.OUT;
        }
        debugIn = in;
        debugOut = out;
        return this;
    }

    /**
     * When true, errors go to the subscribers (ending their subscriptions, as Rx does) instead of being only logged
     * and counted. Port out itself goes on: later subscribers are served, unless {@link #propagateTermination}.
     */
    public final Element<I, O> propagateErrors(boolean propagate) {
        this.propagateErrors = propagate;
        return this;
    }

    /**
     * When true, a completion or an error that reaches port out (from a source, from the wire, or through
     * {@link #portOut()}) ends the subscribers and every later one, as in Rx (until {@link #start()} again). By
     * default (false) it is logged and ignored, so port out outlives any one source.
     */
    public final Element<I, O> propagateTermination(boolean propagate) {
        this.propagateTermination = propagate;
        return this;
    }

    /**
     * Measures one run in {@code every} of a synchronous body ({@link #process}, the function) and tells
     * {@code timer} the nanoseconds it took if it returned, on the body's thread: a metrics binder's hook
     * (mape-micrometer's process timer). Reading the clock twice costs a fast element more than its body, hence
     * {@code every}. Null, the default, measures nothing: the body then pays one volatile read. An asynchronous
     * body is not timed.
     *
     * @param every 1 to time every run, n to time one in n
     */
    public final Element<I, O> processTimer(LongConsumer timer, int every) {
        if (every < 1) {
            throw new IllegalArgumentException("every must be at least 1, got " + every);
        }
        this.timerEvery = every;
        this.processTimer = timer;
        return this;
    }

    /** Whether {@link #propagateTermination(boolean)} is on. */
    public final boolean propagatesTermination() {
        return propagateTermination;
    }

    // ---------------------------------------------------------------- hot swap

    /**
     * Replaces, at run time, the lambda this element was made from (its function, or a plan's policy), between two
     * items: the item being processed finishes with the old body and every later one, queued ones included, runs
     * the new one, in order; nothing is lost, reordered or processed twice. Thread-safe, from any thread; logged at
     * INFO. The new body must take what the element takes and emit what it emits, else
     * {@link IllegalArgumentException}. Only an element made by a factory of {@link Loop} has a lambda to swap; a
     * subclass or an annotated method throws {@link UnsupportedOperationException}: keep its policy in a field and
     * change it with a {@code @CallableMethod}, which also runs between two items, in order.
     */
    public final Element<I, O> swap(ElementFunction<? super I, O> body) {
        return swapBody(Objects.requireNonNull(body, "body"));
    }

    /** {@link #swap(ElementFunction)} with a body that is also given the element. */
    public final Element<I, O> swap(ElementFunction.WithSelf<? super I, O> body) {
        return swapBody(Objects.requireNonNull(body, "body"));
    }

    /**
     * {@link #swap(ElementFunction)} for an element made with an asynchronous body: a stage in flight completes
     * under the old body, and the next item goes to the new one.
     */
    public final Element<I, O> swapAsync(ElementFunction.Async<? super I, O> body) {
        return swapBody(Objects.requireNonNull(body, "body"));
    }

    private Element<I, O> swapBody(java.io.Serializable body) {
        if (!(this instanceof Swappable swappable)) {
            throw new UnsupportedOperationException(path() + " is " + getClass().getName() + ", not made from a "
                    + "lambda: it has no function to swap; keep its policy in a field and change it with a "
                    + "@CallableMethod, which runs between two items, in order");
        }
        swappable.swap(body);
        LOG.info("{}: its body was swapped; the items after the one in process run the new one", path());
        return this;
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * Starts processing what reaches port in; after a fatal error, clears it and starts again. Idempotent. Takes
     * effect in order with the items this thread pushed before.
     */
    public final void start() {
        synchronized (this) {
            if (wanted || closed) {
                return;
            }
            wanted = true;
            failure = null;
            portOut.revive();
        }
        forward(APPLY);
    }

    /**
     * Stops processing: port in stays writable and drops what arrives. The item in flight finishes; what waits in
     * the element's queues is dropped, counted as {@link DropReason#STOPPED}. Idempotent.
     */
    public final void stop() {
        synchronized (this) {
            if (!wanted) {
                return;
            }
            wanted = false;
        }
        forward(APPLY);
    }

    /** Whether the element runs (false once stopped, removed, or stopped by a fatal error). */
    public final boolean isRunning() {
        return wanted;
    }

    private void rewire() {
        if (wanted) {
            forward(APPLY);
        }
    }

    /** A control signal: makes the pipeline match the options; runs in the port-in gate. */
    private static final Object APPLY = new Object();

    private void apply() {
        Pipeline old = pipeline;
        Pipeline next = wanted && !closed ? build() : null;
        pipeline = next;
        if (old != null) {
            old.close();
        }
        if (next == null && sequencer != null) {
            toBody(CUT);
        }
    }

    /** A body signal: the element stopped, so what waits behind an asynchronous stage is dropped. */
    private static final Object CUT = new Object();

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Pipeline build() {
        ObservableTransformer<I, I> in = opsIn;
        ObservableTransformer<I, ?> pipe = inputPipe();
        ObservableTransformer<Object, Object> inOps = null;
        if (in != null || pipe != null) {
            inOps = up -> {
                Observable<I> typed = (Observable<I>) (Observable) up;
                Observable<I> o = in == null ? typed : typed.compose(in);
                return pipe == null ? (Observable) o : (Observable) o.compose(pipe);
            };
        }
        boolean async = isAsynchronous();
        if (async && sequencer == null) {
            sequencer = new Sequencer<>(this::stageAsync, this::asyncDone, r -> reenterBody(r), () -> queueCapacity,
                    () -> asyncTimeoutNanos);
        }
        Pipeline p = new Pipeline(host, scheduler, inOps, (ObservableTransformer) opsOut, async, queueCapacity);
        if (!p.inline || bodyGate != null || outGate != null) {
            if ((p.hop != null || inOps != null || async) && bodyGate == null) {
                bodyGate = new SerialGate<>(this::body, this::gateFault, Integer.MAX_VALUE);
            }
            if (outGate == null) {
                outGate = new SerialGate<>(this::out, this::gateFault, Integer.MAX_VALUE);
            }
        }
        return p;
    }

    // ---------------------------------------------------------------- links

    /**
     * Subscribes {@code target} to this element's port out; dispose the returned link to unlink. When the target is
     * an element, removing it from its loop disposes the link too.
     */
    public final Disposable link(Observer<? super O> target) {
        Objects.requireNonNull(target, "target");
        Disposable link = portOut.add(adapt(target));
        startOnSubscribe();
        return link;
    }

    /**
     * An Observer that pushes straight to port out, past the function and its operators (REST's {@code port=out}).
     * Its pushes are serialized with the element's own output (on the element's scheduler, when it has one), and
     * reach the subscribers whether the element runs or not. A completion or error it receives is logged and
     * ignored unless {@link #propagateTermination(boolean)}.
     */
    public final Observer<O> portOut() {
        return new Observer<>() {
            @Override
            public void onSubscribe(Disposable d) {
                upstreams.add(d);
            }

            @Override
            public void onNext(O item) {
                if (item == null) {
                    shared.incrementAndGet(ERRORS);
                    failureLog().warn("{}: null pushed into port out; ignored", path());
                    return;
                }
                forward(new PortOutSignal(item, null, Signal.PUSHED));
            }

            @Override
            public void onError(Throwable e) {
                forward(new PortOutSignal(null, Objects.requireNonNull(e, "e"), Signal.PUSHED));
            }

            @Override
            public void onComplete() {
                forward(new PortOutSignal(null, null, Signal.PUSHED));
            }
        };
    }

    private enum Signal { PUSHED, PROPAGATED, CLOSED }

    /** A notification for port out: one of item, error, or neither (complete). */
    private record PortOutSignal(Object item, Throwable error, Signal origin) {
    }

    /** An item out of the operators on port in, for the body (not an item of port in: it is not counted again). */
    private record Derived(Object item) {
    }

    /** An item out of the operators on port out, for the subscribers. */
    private record Published(Object item) {
    }

    @Override
    protected final void subscribeActual(Observer<? super O> observer) {
        portOut.add(adapt(observer));
        startOnSubscribe();
    }

    /** An element subscribes through a link that knows this element as its source; any other observer as it is. */
    @SuppressWarnings("unchecked")
    private Observer<? super O> adapt(Observer<? super O> target) {
        return target instanceof Element<?, ?> e ? (Observer<? super O>) e.new LinkIn(this) : target;
    }

    private void startOnSubscribe() {
        if (kind.startBehaviour() == Kind.StartBehaviour.ON_SUBSCRIBE && loop != null && failure == null) {
            start();
        }
    }

    /**
     * What port out feeds now, a snapshot: each element linked to it (as the element), each sink, each other
     * observer as it subscribed. What {@code GET /topology} draws the links from.
     */
    public final List<Observer<?>> targets() {
        List<Observer<?>> targets = new ArrayList<>();
        for (Observer<?> o : portOut.observers()) {
            targets.add(o instanceof Element<?, ?>.LinkIn link ? link.owner() : o);
        }
        return targets;
    }

    /** How many subscribers port out has. */
    public final int subscriberCount() {
        return portOut.size();
    }

    // ---------------------------------------------------------------- port in (Observer)

    @Override
    public final void onSubscribe(Disposable d) {
        upstreams.add(d);
        if (domain != gate) {
            forward(REDOMAIN);
        }
    }

    /** Pushes one item into port in. Safe from any thread; never throws for an item the element cannot handle. */
    @Override
    public final void onNext(I item) {
        if (item == null) {
            shared.incrementAndGet(ERRORS);
            failureLog().warn("{}: null pushed into port in; ignored", path());
            return;
        }
        offerIn(item);
    }

    /** Logs and counts an error from a source (or, with {@link #propagateErrors}, passes it to the subscribers). */
    @Override
    public final void onError(Throwable e) {
        shared.incrementAndGet(ERRORS);
        if (propagateErrors) {
            forward(new PortOutSignal(null, e, Signal.PROPAGATED));
        } else {
            failureLog().warn("{} received an error on port in: {}; it goes on", path(), String.valueOf(e));
            LOG.debug("{}: the error received on port in", path(), e);
        }
    }

    /** Ignored: one source ending does not end an element that others feed. */
    @Override
    public final void onComplete() {
        LOG.debug("{}: a source completed", path());
    }

    // ---------------------------------------------------------------- the data path: port in

    /** The consumer of this element's own gate: items for it, and items for elements that borrowed the gate. */
    private void ownReceive(Object item) {
        if (item instanceof Routed r) {
            r.target().enter(r.item(), gate);
        } else {
            enter(item, gate);
        }
    }

    /**
     * Runs {@code item} here if this element's domain is {@code running} (the gate the caller is inside), else
     * forwards it. An item arriving while this element is inside (a feedback cycle) waits in a local queue and runs
     * right after, as a gate of its own would have it.
     */
    private void enter(Object item, SerialGate<Object> running) {
        if (domain != running) {
            forward(item);
            return;
        }
        if (busy) {
            ArrayDeque<Object> q = reentered;
            if (q == null) {
                q = new ArrayDeque<>();
                reentered = q;
            }
            q.add(item);
            return;
        }
        busy = true;
        try {
            try {
                receive(item);
            } catch (Throwable t) {
                gateFault(item, t);
            }
            ArrayDeque<Object> q = reentered;
            if (q != null && !q.isEmpty()) {
                drainReentered(q, running);
            }
        } finally {
            busy = false;
            SerialGate<Object> next = nextDomain;
            if (next != null) {
                nextDomain = null;
                domain = next;
            }
        }
    }

    /** The items that arrived while this element was inside (a feedback cycle), in order. */
    private void drainReentered(ArrayDeque<Object> q, SerialGate<Object> running) {
        Object next;
        while ((next = q.poll()) != null) {
            if (domain != running) {
                do {
                    forward(next);
                } while ((next = q.poll()) != null);
                return;
            }
            try {
                receive(next);
            } catch (Throwable t) {
                gateFault(next, t);
            }
        }
    }

    /**
     * Into port in through the domain, whatever its queue holds (control signals, port-out pushes); at once when
     * the calling thread is inside the borrowed gate already.
     */
    private void forward(Object item) {
        SerialGate<Object> d = domain;
        if (d == gate) {
            gate.force(item);
        } else if (d.isHeldByCurrentThread()) {
            enter(item, d);
        } else {
            d.force(new Routed(this, item));
        }
    }

    /** An item into port in through the domain; counted as an overflow when its queue is full. */
    private void offerIn(Object item) {
        SerialGate<Object> d = domain;
        if (d != gate && d.isHeldByCurrentThread()) {
            enter(item, d);
        } else if (!(d == gate ? gate.offer(item) : d.offer(new Routed(this, item)))) {
            shared.incrementAndGet(REJECTED);
            drop(DropReason.OVERFLOW, item);
        }
    }

    /** Where this element's port out runs, when that is its port-in domain; null when it has a gate of its own. */
    private SerialGate<Object> publishDomain() {
        return outGate == null ? domain : null;
    }

    /** An item for {@code target}, queued in a gate {@code target} borrowed. */
    private record Routed(Element<?, ?> target, Object item) {
    }

    /**
     * A control signal: borrow the gate every source publishes in when all of them are links from elements
     * serialized by that one gate; else go back to this element's own gate.
     */
    private static final Object REDOMAIN = new Object();

    /** Port in as seen by one link from another element's port out; kept in {@link #upstreams} in its stead. */
    private final class LinkIn implements Observer<Object>, Disposable {
        private final Element<?, ?> source;
        private volatile Disposable upstream;

        LinkIn(Element<?, ?> source) {
            this.source = source;
        }

        Element<?, ?> owner() {
            return Element.this;
        }

        @Override
        public void onSubscribe(Disposable d) {
            upstream = d;
            upstreams.add(this);
            forward(REDOMAIN);
        }

        @Override
        public void dispose() {
            upstream.dispose();
        }

        @Override
        public boolean isDisposed() {
            return upstream.isDisposed();
        }

        @Override
        public void onNext(Object item) {
            SerialGate<Object> from = source.publishDomain();
            SerialGate<Object> d = domain;
            if (from != null && from == d) {
                enter(item, from);
            } else {
                if (from != null && d != gate) {
                    forward(REDOMAIN);
                }
                offerIn(item);
            }
        }

        @Override
        public void onError(Throwable e) {
            Element.this.onError(e);
        }

        @Override
        public void onComplete() {
            Element.this.onComplete();
        }
    }

    private void redomain() {
        SerialGate<Object> shared = null;
        for (Disposable d : upstreams.live()) {
            if (!(d instanceof Element<?, ?>.LinkIn link) || link.source == this || link.source.outGate != null
                    || (shared != null && link.source.domain != shared)) {
                nextDomain = gate;
                return;
            }
            shared = link.source.domain;
        }
        nextDomain = shared == null ? gate : shared;
    }

    private void receive(Object item) {
        if (item == APPLY) {
            apply();
            return;
        }
        if (item == REDOMAIN) {
            redomain();
            return;
        }
        Pipeline p = pipeline;
        if (item instanceof PortOutSignal signal) {
            if (p != null && p.hop != null) {
                p.hop.force(signal);
            } else {
                toOut(signal);
            }
            return;
        }
        tally.increment(IN);
        if (debugIn) {
            DEBUG.info("in > [{}] {}", path(), Acked.unwrap(item));
        }
        if (p == null) {
            drop(stoppedReason(), item);
        } else if (p.hop != null) {
            if (!p.hop.offer(item)) {
                drop(DropReason.OVERFLOW, item);
            }
        } else if (p.inline && bodyGate == null) {
            body(item);
        } else {
            toBody(item);
        }
    }

    /** On the scheduler's worker. */
    private void stage(Object item) {
        if (item instanceof PortOutSignal signal) {
            toOut(signal);
        } else {
            toBody(item);
        }
    }

    private void toBody(Object item) {
        SerialGate<Object> g = bodyGate;
        if (g == null) {
            body(item);
        } else {
            g.force(item);
        }
    }

    /** Back into the body from another thread (an operator's or a stage's): through the hop when there is one. */
    private void reenterBody(Object item) {
        Pipeline p = pipeline;
        if (p != null && p.hop != null) {
            p.hop.force(item);
        } else {
            toBody(item);
        }
    }

    // ---------------------------------------------------------------- the body

    private void body(Object item) {
        if (item instanceof Sequencer.Resume || item == CUT || item instanceof Derived) {
            bodySignal(item);
            return;
        }
        Pipeline p = pipeline;
        if (p == null) {
            drop(stoppedReason(), item);
            return;
        }
        if (kind == Kind.EXECUTE && held(item)) {
            return;
        }
        Object value = Acked.unwrap(item);
        if (value instanceof CallMethod call) {
            if (call(call)) {
                Acked.ack(item);
            }
            return;
        }
        Object v = value instanceof Message<?> m ? m.hop() : value;
        if (p.hasOpsIn()) {
            boolean taken = p.feedIn(v);
            tally.increment(taken ? PROCESSED : FAILED);
            if (taken) {
                Acked.ack(item);
            }
        } else {
            invoke(item instanceof Acked a ? new Acked(v, a.ack()) : v, true);
        }
    }

    /** A body signal: a stage's end, the cut of a stop, or an item the operators on port in made. */
    private void bodySignal(Object item) {
        if (item instanceof Sequencer.Resume r) {
            sequencer.resume(r);
        } else if (item == CUT) {
            if (pipeline == null) {
                sequencer.cut(i -> dropQueued(i));
            }
        } else {
            Derived d = (Derived) item;
            if (pipeline == null) {
                failureLog().warn("{}: {} came out of its operators on port in after it stopped; dropped", path(),
                        brief(d.item()));
            } else {
                invoke(d.item(), false);
            }
        }
    }

    /** Whether this Execute's loop holds {@code item} back (paused, or in dry run), counting it so. */
    private boolean held(Object item) {
        Loop l = loop;
        if (l == null || !l.holdsExecute()) {
            return false;
        }
        if (l.isPaused()) {
            drop(DropReason.PAUSED, item);
            return true;
        }
        if (l.isDryRun()) {
            l.wouldExecute(this, Acked.unwrap(item));
            drop(DropReason.DRY_RUN, item);
            return true;
        }
        return false;
    }

    /** Runs the body on {@code item}; {@code counted} when it is an item of port in (not one the operators made). */
    @SuppressWarnings("unchecked")
    private void invoke(Object item, boolean counted) {
        if (sequencer != null && isAsynchronous()) {
            offerAsync(item, counted);
            return;
        }
        if (processTimer != null || Tracers.installed.length != 0) {
            invokeObserved(item, counted);
            return;
        }
        Object value = Acked.unwrap(item);
        try {
            process((I) value, output);
        } catch (Throwable t) {
            if (counted) {
                tally.increment(FAILED);
            }
            failed(value, t);
            return;
        }
        if (counted) {
            tally.increment(PROCESSED);
            Acked.ack(item);
        }
    }

    private void offerAsync(Object item, boolean counted) {
        if (!sequencer.offer(counted ? item : new Derived(item))) {
            if (counted) {
                drop(DropReason.OVERFLOW, item);
            } else {
                shared.incrementAndGet(ERRORS);
                failureLog().warn("{}: an item of its operators found the asynchronous queue full; dropped", path());
            }
        }
    }

    /** {@link #invoke} with a process timer or an item tracer to tell. */
    @SuppressWarnings("unchecked")
    private void invokeObserved(Object item, boolean counted) {
        Object value = Acked.unwrap(item);
        LongConsumer timer = processTimer;
        long started = 0;
        if (timer != null) {
            if (--timerCountdown <= 0) {
                timerCountdown = timerEvery;
                started = System.nanoTime();
            } else {
                timer = null;
            }
        }
        ItemTracer.Span span = Tracers.begin(this, value);
        try {
            process((I) (span == null ? value : span.message()), output);
            Tracers.end(this, span, null);
            if (timer != null) {
                timer.accept(System.nanoTime() - started);
            }
            if (counted) {
                tally.increment(PROCESSED);
                Acked.ack(item);
            }
        } catch (Throwable t) {
            Tracers.end(this, span, t);
            if (counted) {
                tally.increment(FAILED);
            }
            failed(value, t);
        }
    }

    @SuppressWarnings("unchecked")
    private CompletionStage<?> stageAsync(Object item) throws Exception {
        Object value = item instanceof Derived d ? d.item() : Acked.unwrap(item);
        ItemTracer.Span span = Tracers.begin(this, value);
        if (span == null) {
            return processAsync((I) value, output);
        }
        CompletionStage<?> stage;
        try {
            stage = processAsync((I) span.message(), output);
        } catch (Throwable t) {
            Tracers.end(this, span, t);
            throw t;
        }
        if (stage == null) {
            Tracers.end(this, span, null);
            return null;
        }
        return stage.whenComplete((r, failure) -> Tracers.end(this, span, failure));
    }

    private void asyncDone(Object item, Throwable failure) {
        boolean counted = !(item instanceof Derived);
        if (failure == null) {
            if (counted) {
                tally.increment(PROCESSED);
                Acked.ack(item);
            }
            return;
        }
        if (counted) {
            tally.increment(FAILED);
        }
        failed(item instanceof Derived d ? d.item() : Acked.unwrap(item), failure);
    }

    /** Runs a callable method; whether it counts as processed. */
    private boolean call(CallMethod call) {
        try {
            Callables.Outcome outcome = Callables.invoke(callTarget(), call, app().codec());
            if (outcome.refusal() != null) {
                drop(DropReason.REFUSED, call, outcome.refusal());
                return false;
            }
            tally.increment(PROCESSED);
            return true;
        } catch (Throwable t) {
            tally.increment(FAILED);
            failed(call, t);
            return false;
        }
    }

    /** The object whose {@code @CallableMethod} methods a {@link CallMethod} may run: this element, unless overridden. */
    protected Object callTarget() {
        return this;
    }

    // ---------------------------------------------------------------- port out

    @SuppressWarnings("unchecked")
    private void emit(O item) {
        if (item == null) {
            throw new NullPointerException(path() + " emitted null");
        }
        Object o = item instanceof Message<?> m && m.src() == null ? m.from(path()) : item;
        SerialGate<Object> g = outGate;
        if (g == null) {
            publish((O) o);
        } else {
            g.force(o);
        }
    }

    private void toOut(PortOutSignal signal) {
        SerialGate<Object> g = outGate;
        if (g == null) {
            out(signal);
        } else {
            g.force(signal);
        }
    }

    /** The port-out context: the port-in gate for an inline element, else {@link #outGate}. */
    @SuppressWarnings("unchecked")
    private void out(Object item) {
        if (item instanceof PortOutSignal signal) {
            signalOut(signal);
        } else if (item instanceof Published pub) {
            publish((O) pub.item());
        } else {
            Pipeline p = pipeline;
            if (p != null && p.hasOpsOut()) {
                p.feedOut(item);
            } else {
                publish((O) item);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void signalOut(PortOutSignal signal) {
        if (signal.item() != null) {
            publish((O) signal.item());
            return;
        }
        Throwable e = signal.error();
        switch (signal.origin()) {
            case CLOSED -> portOut.terminate(null, true);
            case PROPAGATED -> portOut.terminate(e, propagateTermination);
            case PUSHED -> {
                if (propagateTermination) {
                    portOut.terminate(e, true);
                } else {
                    if (e != null) {
                        shared.incrementAndGet(ERRORS);
                    }
                    failureLog().warn("{}: {} pushed into port out ignored (propagateTermination is off)", path(),
                            e == null ? "a completion" : "an error (" + e + ")");
                }
            }
            default -> throw new IllegalStateException(signal.origin().name());
        }
    }

    private void publish(O item) {
        tally.increment(OUT);
        if (debugOut) {
            DEBUG.info("[{}] > out {}", path(), item);
        }
        portOut.onNext(item);
    }

    // ---------------------------------------------------------------- errors and drops

    /** An exception (or error) of user code on {@code item}, already counted as a failed item if it is one. */
    private void failed(Object item, Throwable t) {
        shared.incrementAndGet(ERRORS);
        if (isFatal(t)) {
            fatal(t);
        } else {
            failureLog().warn("{} failed on {}: {}; it goes on with the next", path(), brief(item), t.toString());
            LOG.debug("{} failed on {}", path(), item, t);
        }
        report(item, t);
        if (propagateErrors) {
            toOut(new PortOutSignal(null, t, Signal.PROPAGATED));
        }
    }

    private static boolean isFatal(Throwable t) {
        return t instanceof VirtualMachineError || t instanceof LinkageError;
    }

    /** A fatal error: logged at ERROR; a stack overflow lets the element go on, any other stops it visibly. */
    private void fatal(Throwable t) {
        if (t instanceof StackOverflowError) {
            LOG.error("{} overflowed its stack; the item is counted failed and the element goes on", path(), t);
            return;
        }
        failure = t.toString();
        wanted = false;
        LOG.error("{} stopped on a fatal error: {}; start() it again once the cause is fixed", path(), t, t);
        forward(APPLY);
    }

    /** What a gate's consumer threw past the body's own handling (a subscriber's fatal error, say). */
    private void gateFault(Object item, Throwable t) {
        if (item instanceof Routed r) {
            r.target().gateFault(r.item(), t);
            return;
        }
        shared.incrementAndGet(ERRORS);
        if (isFatal(t)) {
            fatal(t);
        } else {
            failureLog().warn("{} failed on {}: {}", path(), brief(item), t.toString());
            LOG.debug("{} failed on {}", path(), item, t);
        }
        report(item, t);
    }

    /**
     * What a subscriber of port out threw on {@code item} (null: on a termination), not fatal: an error of this
     * element, logged rate-limited and reported; the other subscribers still got the item.
     */
    private void subscriberFailed(Object item, Throwable t) {
        shared.incrementAndGet(ERRORS);
        failureLog().warn("a subscriber of {} threw on {}: {}; the other subscribers still get it", () -> new Object[] {
            path(), item == null ? "its termination" : brief(item), t.toString()});
        LOG.debug("{}: what its subscriber threw", path(), t);
        report(item, t);
    }

    /** A failure as an {@link Event}: to the App's listeners, else to the process-wide error handler. */
    private void report(Object item, Throwable t) {
        Event.Failure event = new Event.Failure(path(), item == null ? "" : brief(item), t);
        Observability o = observability;
        if (o != null) {
            o.publish(event);
        } else {
            Observability.onError(event);
        }
    }

    private void opsFailed(String port, Throwable t) {
        shared.incrementAndGet(ERRORS);
        if (isFatal(t)) {
            fatal(t);
        } else {
            failureLog().warn("the operators on {} of {} failed: {}; they are rebuilt and the element goes on", port,
                    path(), t.toString());
            LOG.debug("the operators on {} of {} failed", port, path(), t);
        }
        report(null, t);
        if (propagateErrors) {
            forward(new PortOutSignal(null, t, Signal.PROPAGATED));
        }
    }

    private DropReason stoppedReason() {
        if (closed) {
            return DropReason.CLOSED;
        }
        if (failure != null) {
            return DropReason.FAILED;
        }
        return kind.startBehaviour() == Kind.StartBehaviour.ON_SUBSCRIBE && portOut.size() == 0
                ? DropReason.NO_SUBSCRIBER : DropReason.STOPPED;
    }

    /**
     * A queued item cut off by a stop: stopped, or closed when the element is removed. An item its operators made
     * is only logged: the item of port in it came from was counted when they took it.
     */
    private void dropQueued(Object item) {
        if (item instanceof Derived d) {
            failureLog().warn("{}: {} from its operators on port in was waiting when it stopped; dropped", path(),
                    brief(d.item()));
        } else {
            drop(closed ? DropReason.CLOSED : DropReason.STOPPED, item);
        }
    }

    private void drop(DropReason reason, Object item) {
        drop(reason, item, null);
    }

    /** Why {@code reason} drops an item here, as its log line says. */
    private String why(DropReason reason) {
        return switch (reason) {
            case STOPPED -> "the element is stopped; start() it to process what arrives";
            case NO_SUBSCRIBER -> "nobody subscribed to it, and it starts on its first subscriber";
            case OVERFLOW -> "its input queue holds at most " + queueCapacity + " items";
            case CLOSED -> "it was removed from its loop, or its App closed";
            case FAILED -> "it stopped on a fatal error (" + failure + ")";
            case REFUSED -> "refused";
            case PAUSED -> "its loop is paused; resume() it to act again";
            case DRY_RUN -> "its loop is in dry run: reported on Loop.wouldExecute(), not executed";
        };
    }

    /** Counts and reports a drop; {@code why} null says the reason's usual words. The log line is made only if due. */
    private void drop(DropReason reason, Object item, String why) {
        long n = shared.incrementAndGet(reason.ordinal());
        dropLog(reason).warn("{} dropped {} ({}: {}); {} dropped for this reason so far", () -> new Object[] {
            path(), brief(item), reason.wireName(), why == null ? why(reason) : why, n});
        Observability o = observability;
        if (o != null) {
            o.publishDrop(path(), reason.wireName(), () -> brief(item));
        }
    }

    private LossLog dropLog(DropReason reason) {
        LossLog[] logs = dropLogs;
        if (logs == null) {
            synchronized (this) {
                logs = dropLogs;
                if (logs == null) {
                    logs = new LossLog[REASONS.length];
                    for (int i = 0; i < logs.length; i++) {
                        logs[i] = new LossLog(LOG);
                    }
                    dropLogs = logs;
                }
            }
        }
        return logs[reason.ordinal()];
    }

    private LossLog failureLog() {
        LossLog l = failureLog;
        if (l == null) {
            synchronized (this) {
                l = failureLog;
                if (l == null) {
                    l = new LossLog(LOG);
                    failureLog = l;
                }
            }
        }
        return l;
    }

    /** An item as a log shows it ({@link LossLog#brief}), unwrapped. */
    private static String brief(Object item) {
        return LossLog.brief(item instanceof Derived d ? d.item() : Acked.unwrap(item));
    }

    /** The pipeline's view of this element. */
    private final class Host implements Pipeline.Host {
        @Override
        public void stage(Object item) {
            Element.this.stage(item);
        }

        @Override
        public void fault(Object item, Throwable t) {
            gateFault(item, t);
        }

        @Override
        public void derived(Object item) {
            reenterBody(new Derived(item));
        }

        @Override
        public void published(Object item) {
            SerialGate<Object> g = outGate;
            if (g == null) {
                RxJavaPlugins.onError(new IllegalStateException("port out of " + path() + " has no gate"));
            } else {
                g.force(new Published(item));
            }
        }

        @Override
        public void opsFailed(String port, Throwable t) {
            Element.this.opsFailed(port, t);
        }
    }

    // ---------------------------------------------------------------- membership, called by Loop

    final void attach(Loop loop, String uid) {
        this.loop = loop;
        this.uid = uid;
        this.observability = Observability.of(loop.app());
    }

    final void added() {
        if (kind.startBehaviour() == Kind.StartBehaviour.ON_CREATION) {
            start();
        }
    }

    final void detach() {
        synchronized (this) {
            closed = true;
            wanted = false;
        }
        forward(APPLY);
        upstreams.dispose();
        forward(new PortOutSignal(null, null, Signal.CLOSED));
    }

    final void detached() {
        this.loop = null;
    }

    private static final ClassValue<Type> INPUT_TYPE = new ClassValue<>() {
        @Override
        protected Type computeValue(Class<?> cls) {
            return Types.typeArgument(cls, Element.class, 0);
        }
    };

    private static final ClassValue<Boolean> OVERRIDES_PROCESS_ASYNC = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> cls) {
            for (Class<?> c = cls; c != null && c != Element.class; c = c.getSuperclass()) {
                for (Method m : c.getDeclaredMethods()) {
                    if (m.getName().equals("processAsync") && m.getParameterCount() == 2) {
                        return true;
                    }
                }
            }
            return false;
        }
    };

    private static boolean overridesProcessAsync(Class<?> cls) {
        return OVERRIDES_PROCESS_ASYNC.get(cls);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + " " + path();
    }
}
