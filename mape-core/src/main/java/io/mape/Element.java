package io.mape;

import io.mape.knowledge.Knowledge;
import io.mape.internal.Callables;
import io.mape.internal.Multicast;
import io.mape.internal.Sequencer;
import io.mape.internal.SerialGate;
import io.mape.internal.Types;
import io.mape.internal.WorkerHop;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.ObservableTransformer;
import io.reactivex.rxjava3.core.Observer;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.disposables.CompositeDisposable;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.exceptions.Exceptions;
import io.reactivex.rxjava3.subjects.PublishSubject;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pillar of a loop: an RxJava {@link Observable} of what it emits and an {@link Observer} of what it receives,
 * so every Rx operator applies to it and it can subscribe to any source.
 *
 * <pre>
 * port in ─▶ [CallMethod → @CallableMethod method] ─▶ [Message hops+1] ─▶ ops in ─▶ process(item, out) ─▶ ops out ─▶ port out
 * </pre>
 *
 * <p><b>Threading.</b> Port in may be pushed from any number of threads at once; the element processes one item at
 * a time and loses none (a thread arriving while another is inside takes no lock: it queues its item and returns),
 * so element state needs no locks. By default an item is processed on the thread that pushed it; with a
 * {@link #scheduler(Scheduler)} it is processed on one worker of that scheduler, in order.
 *
 * <p><b>Errors.</b> An exception thrown by user code (the function, an operator, a callable method) is logged with
 * the element path and the item, counted in {@link ElementStats#errors()}, and the element goes on with the next
 * item. An element fans in from many sources, so a source ending does not end it: {@code onComplete} on port in is
 * ignored and {@code onError} is logged and counted. {@link #propagateErrors(boolean)} makes both kinds of error
 * travel to the subscribers instead (which ends their subscription, as Rx does).
 *
 * <p><b>Lifecycle.</b> See {@link Kind.StartBehaviour}. While stopped, port in stays writable and drops what
 * arrives, counted in {@link ElementStats#dropped()}.
 *
 * <p>Subclass it through {@link Monitor}, {@link Analyze}, {@link Plan} or {@link Execute} and override
 * {@link #process} (or {@link #processAsync}); or create it from a lambda with the factories of {@link Loop}; or
 * from annotated methods with {@link Loop#register(Object)}.
 *
 * @param <I> what port in takes
 * @param <O> what port out emits
 */
public abstract class Element<I, O> extends Observable<O> implements Observer<I> {

    private static final Logger LOG = LoggerFactory.getLogger(Element.class);
    private static final Logger DEBUG = LoggerFactory.getLogger("io.mape.debug");

    private final Kind kind;
    private final Map<String, Object> properties = new ConcurrentHashMap<>();
    private final SerialGate<Object> gate = new SerialGate<>(this::receive);
    private final Multicast<O> portOut = new Multicast<>(this::path);
    private final Output<O> emitter = this::emit;
    private final CompositeDisposable upstreams = new CompositeDisposable();
    private final LongAdder errors = new LongAdder();
    private final LongAdder refused = new LongAdder();

    private volatile String uid;
    private volatile Loop loop;
    private volatile Type inputType;
    private volatile Type outputType;
    private volatile ObservableTransformer<I, I> opsIn;
    private volatile ObservableTransformer<O, O> opsOut;
    private volatile Scheduler scheduler;
    private volatile boolean debugIn;
    private volatile boolean debugOut;
    private volatile boolean propagateErrors;
    private volatile boolean propagateTermination;

    private volatile boolean running;
    /** Non-null while running on a scheduler: the hop onto its worker. */
    private volatile WorkerHop<Object> hop;
    /** Non-null while ops in are set and running: their subject. */
    private volatile PublishSubject<I> opsInSubject;
    /** Non-null while ops out are set and running: their subject, where {@link Output#next} sends. */
    private volatile PublishSubject<O> opsOutSubject;
    private CompositeDisposable pipe = new CompositeDisposable();
    /** Non-null while running an asynchronous body: keeps one item in flight, in order. */
    private Sequencer<I> sequencer;

    // written by one thread at a time (the element is serialized), read by anyone as a snapshot
    private long itemsIn;
    private long itemsOut;
    private long dropped;

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
     * item only when the returned stage completes (in order, without blocking the pushing thread). A null stage
     * means done.
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

    /** Sets the type port in decodes into, where it cannot be read from the declaration. */
    public final Element<I, O> inputType(Type type) {
        this.inputType = Objects.requireNonNull(type, "type");
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

    public final ElementStats stats() {
        return new ElementStats(itemsIn, itemsOut, dropped, errors.sum(), refused.sum());
    }

    // ---------------------------------------------------------------- options

    /** Operators applied on port in, before the function (e.g. {@code Observable::distinctUntilChanged}). */
    public final Element<I, O> opsIn(ObservableTransformer<I, I> ops) {
        synchronized (this) {
            this.opsIn = ops;
            rewire();
        }
        return this;
    }

    /** Operators applied on port out, after the function. */
    public final Element<I, O> opsOut(ObservableTransformer<O, O> ops) {
        synchronized (this) {
            this.opsOut = ops;
            rewire();
        }
        return this;
    }

    /** Processes items on one worker of {@code scheduler}, in order; null goes back to the pushing thread. */
    public final Element<I, O> scheduler(Scheduler scheduler) {
        synchronized (this) {
            this.scheduler = scheduler;
            rewire();
        }
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

    /** When true, errors go to the subscribers (ending their subscriptions) instead of being logged and counted. */
    public final Element<I, O> propagateErrors(boolean propagate) {
        this.propagateErrors = propagate;
        return this;
    }

    /**
     * When true, a completion or an error that reaches port out (from a source, from the wire, or through
     * {@link #portOut()}) ends the subscribers, as in Rx. By default (false) it is logged and ignored, so port out
     * outlives any one source.
     */
    public final Element<I, O> propagateTermination(boolean propagate) {
        this.propagateTermination = propagate;
        return this;
    }

    /** Whether {@link #propagateTermination(boolean)} is on. */
    public final boolean propagatesTermination() {
        return propagateTermination;
    }

    // ---------------------------------------------------------------- lifecycle

    /** Starts processing what reaches port in. Idempotent. */
    public final synchronized void start() {
        if (running) {
            return;
        }
        pipe = new CompositeDisposable();
        sequencer = isAsynchronous() ? new Sequencer<>(this::callAsync, this::failed) : null;
        ObservableTransformer<O, O> out = opsOut;
        if (out != null) {
            PublishSubject<O> s = PublishSubject.create();
            pipe.add(s.compose(out).subscribe(this::publish, e -> opsFailed("port out", e)));
            opsOutSubject = s;
        } else {
            opsOutSubject = null;
        }
        ObservableTransformer<I, I> in = opsIn;
        if (in != null) {
            PublishSubject<I> s = PublishSubject.create();
            pipe.add(s.compose(in).subscribe(this::invoke, e -> opsFailed("port in", e)));
            opsInSubject = s;
        } else {
            opsInSubject = null;
        }
        Scheduler sch = scheduler;
        if (sch != null) {
            WorkerHop<Object> h = new WorkerHop<>(sch, this::route);
            pipe.add(h);
            hop = h;
        } else {
            hop = null;
        }
        running = true;
    }

    /** Stops processing: port in stays writable and drops what arrives. Idempotent. */
    public final synchronized void stop() {
        running = false;
        pipe.dispose();
    }

    public final boolean isRunning() {
        return running;
    }

    private void rewire() {
        if (running) {
            stop();
            start();
        }
    }

    // ---------------------------------------------------------------- links

    /**
     * Subscribes {@code target} to this element's port out; dispose the returned link to unlink. When the target is
     * an element, removing it from its loop disposes the link too.
     */
    public final Disposable link(Observer<? super O> target) {
        Objects.requireNonNull(target, "target");
        Disposable link = portOut.add(target);
        startOnSubscribe();
        return link;
    }

    /**
     * An Observer that pushes straight to port out, past the function and its operators (REST's {@code port=out}).
     * Its pushes are serialized with the element's own output (on the element's scheduler, when it has one), and
     * reach the subscribers whether the element runs or not.
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
                    failed(null, new NullPointerException("null pushed into port out of " + path()));
                    return;
                }
                gate.accept(new PortOutSignal(item, null));
            }

            @Override
            public void onError(Throwable e) {
                gate.accept(new PortOutSignal(null, e));
            }

            @Override
            public void onComplete() {
                gate.accept(new PortOutSignal(null, null));
            }
        };
    }

    /** A notification pushed into port out, travelling the gate like an item: one of item, error, or neither (complete). */
    private record PortOutSignal(Object item, Throwable error) {
    }

    @Override
    protected final void subscribeActual(Observer<? super O> observer) {
        portOut.add(observer);
        startOnSubscribe();
    }

    private void startOnSubscribe() {
        if (kind.startBehaviour() == Kind.StartBehaviour.ON_SUBSCRIBE && loop != null) {
            start();
        }
    }

    /** How many subscribers port out has. */
    public final int subscriberCount() {
        return portOut.size();
    }

    // ---------------------------------------------------------------- port in (Observer)

    @Override
    public final void onSubscribe(Disposable d) {
        upstreams.add(d);
    }

    /** Pushes one item into port in. Safe from any thread; never throws for an item the element cannot handle. */
    @Override
    public final void onNext(I item) {
        if (item == null) {
            failed(null, new NullPointerException("null pushed into " + path()));
            return;
        }
        gate.accept(item);
    }

    /** Logs and counts an error from a source (or, with {@link #propagateErrors}, passes it to the subscribers). */
    @Override
    public final void onError(Throwable e) {
        errors.increment();
        if (propagateErrors) {
            portOut.onError(e);
        } else {
            LOG.warn("{} received an error on port in; it goes on", path(), e);
        }
    }

    /** Ignored: one source ending does not end an element that others feed. */
    @Override
    public final void onComplete() {
        LOG.debug("{}: a source completed", path());
    }

    // ---------------------------------------------------------------- the data path

    private void receive(Object item) {
        boolean on = running;
        if (item instanceof PortOutSignal signal) {
            if (on) {
                dispatch(signal);
            } else {
                signalOut(signal);
            }
            return;
        }
        itemsIn++;
        if (debugIn) {
            DEBUG.info("in > [{}] {}", path(), item);
        }
        if (!on) {
            dropped++;
            return;
        }
        dispatch(item);
    }

    private void dispatch(Object item) {
        WorkerHop<Object> h = hop;
        if (h != null) {
            h.accept(item);
        } else {
            route(item);
        }
    }

    @SuppressWarnings("unchecked")
    private void signalOut(PortOutSignal signal) {
        if (signal.item() != null) {
            publish((O) signal.item());
        } else if (signal.error() != null) {
            portOut.onError(signal.error());
        } else {
            portOut.onComplete();
        }
    }

    @SuppressWarnings("unchecked")
    private void route(Object item) {
        if (item instanceof PortOutSignal signal) {
            signalOut(signal);
            return;
        }
        if (item instanceof CallMethod call) {
            call(call);
            return;
        }
        I v = (I) (item instanceof Message<?> m ? m.hop() : item);
        PublishSubject<I> s = opsInSubject;
        if (s != null) {
            s.onNext(v);
        } else {
            invoke(v);
        }
    }

    private void invoke(I item) {
        if (sequencer != null) {
            sequencer.offer(item);
            return;
        }
        try {
            process(item, emitter);
        } catch (Throwable t) {
            failed(item, t);
        }
    }

    private CompletionStage<?> callAsync(I item) throws Exception {
        return processAsync(item, emitter);
    }

    @SuppressWarnings("unchecked")
    private void emit(O item) {
        if (item == null) {
            throw new NullPointerException(path() + " emitted null");
        }
        O o = item instanceof Message<?> m && m.src() == null ? (O) m.from(path()) : item;
        PublishSubject<O> s = opsOutSubject;
        if (s != null) {
            s.onNext(o);
        } else {
            publish(o);
        }
    }

    private void publish(O item) {
        itemsOut++;
        if (debugOut) {
            DEBUG.info("[{}] > out {}", path(), item);
        }
        portOut.onNext(item);
    }

    private void call(CallMethod call) {
        try {
            Callables.Outcome outcome = Callables.invoke(callTarget(), call, app().codec());
            if (outcome.refusal() != null) {
                refused.increment();
                LOG.error("{} refused {}: {}", path(), call, outcome.refusal());
            }
        } catch (Throwable t) {
            failed(null, t);
        }
    }

    /** The object whose {@code @Callable} methods a {@link CallMethod} may run: this element, unless overridden. */
    protected Object callTarget() {
        return this;
    }

    private void failed(I item, Throwable t) {
        Exceptions.throwIfFatal(t);
        errors.increment();
        if (propagateErrors) {
            portOut.onError(t);
        } else if (item == null) {
            LOG.warn("{} failed; it goes on", path(), t);
        } else {
            LOG.warn("{} failed on item {}; it goes on with the next", path(), item, t);
        }
    }

    private synchronized void opsFailed(String port, Throwable t) {
        errors.increment();
        LOG.warn("the operators on {} of {} failed; they are rebuilt and the element goes on", port, path(), t);
        if (propagateErrors) {
            portOut.onError(t);
        } else {
            rewire();
        }
    }

    // ---------------------------------------------------------------- membership, called by Loop

    final void attach(Loop loop, String uid) {
        this.loop = loop;
        this.uid = uid;
    }

    final void added() {
        if (kind.startBehaviour() == Kind.StartBehaviour.ON_CREATION) {
            start();
        }
    }

    final void detach() {
        stop();
        upstreams.dispose();
        portOut.onComplete();
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
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + path();
    }
}
