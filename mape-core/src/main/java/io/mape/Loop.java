package io.mape;

import io.mape.knowledge.Knowledge;
import io.mape.knowledge.Scope;
import io.mape.internal.BeanElement;
import io.mape.internal.FunctionElement;
import io.mape.internal.PipedElement;
import io.mape.internal.Registry;
import io.mape.internal.Checks;
import io.mape.internal.Types;
import io.mape.knowledge.TypeRef;
import io.reactivex.rxjava3.disposables.Disposable;
import java.lang.reflect.Type;
import io.reactivex.rxjava3.core.ObservableTransformer;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.subjects.PublishSubject;
import io.reactivex.rxjava3.subjects.Subject;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A MAPE-K feedback loop: a named group of elements whose uids are unique in it. Elements are defined three ways,
 * all first-class: from a lambda ({@link #monitor}, {@link #analyze}, {@link #plan}, {@link #execute},
 * {@link #async}), from a subclass ({@link #add}), or from annotated methods of a plain object ({@link #register}).
 * Elements are looked up with {@link #get} (unchecked), {@link #element(String, Class, Class)} (checked against
 * their declared types) and {@link #find}; {@link #link(String, String)} links two of them by name, checked too.
 * A null uid asks for an automatic one: the kind ({@code plan}, {@code plan_2}, ...), the class name, or the method
 * name.
 *
 * <p>With {@code debug: true} in the App's configuration, every element added logs its items in and out.
 *
 * <p><b>Pause.</b> {@link #pause()} keeps the loop sensing, analyzing and planning but stops it acting: each item
 * that reaches the body of one of its {@link Kind#EXECUTE} elements while it is paused is dropped, counted in
 * {@link ElementStats#droppedBy()} as {@link DropReason#PAUSED} and logged (rate-limited), not held: a plan kept
 * back would be stale by {@link #resume()}, when the next one reflects the state of then. What the body took before
 * the pause (an item in flight, one behind an asynchronous stage or inside its operators on port in) finishes.
 * After {@code resume()} items act again, in order.
 *
 * <p><b>Dry run.</b> {@link #dryRun(boolean) dryRun(true)} is shadow mode for the whole loop: what reaches the body
 * of one of its Execute elements is not acted on but reported on {@link #wouldExecute()}, and counted as
 * {@link DropReason#DRY_RUN} (logged, rate-limited). It may be switched at any time, from any thread (also through
 * REST); each item sees the state at its arrival at the body. A paused loop in dry run drops as paused. For a
 * dry run of one effector only, compose {@link io.mape.safety.DryRun} on its port instead.
 *
 * <p>Thread-safe: elements may be added and removed while items flow. Get or create loops with {@link App#loop(String)} or
 * {@link Level#loop(String)}.
 */
public final class Loop implements Iterable<Element<?, ?>> {

    private final App app;
    private final Level level;
    private final String uid;
    private final Registry<Element<?, ?>> elements;
    private static final int PAUSED = 1;
    private static final int DRY_RUN = 2;

    /** {@link #PAUSED} and {@link #DRY_RUN} bits: one read on an Execute's fast path. */
    private final AtomicInteger holds = new AtomicInteger();
    private final Subject<WouldExecute> wouldExecute = PublishSubject.<WouldExecute>create().toSerialized();

    /** What an Execute of this loop would have acted on, had the loop not been in dry run. */
    public record WouldExecute(Element<?, ?> element, Object item) {
    }

    Loop(App app, Level level, String uid) {
        this.app = app;
        this.level = level;
        this.uid = uid;
        this.elements = new Registry<>(u -> "loop '" + uid + "'");
    }

    public String uid() {
        return uid;
    }

    public App app() {
        return app;
    }

    /** The loop's Knowledge: keys {@code k.loop.<uid>.<name>} (PyMAPE's {@code loop.k}). */
    public Knowledge k() {
        return app.knowledgeBackend().knowledge(Scope.loop(uid));
    }

    /** The level it belongs to, if it was created in one. */
    public Optional<Level> level() {
        return Optional.ofNullable(level);
    }

    // ---------------------------------------------------------------- lambda elements

    /** A monitor element from a lambda; it starts when {@link Element#start()} is called. */
    public <I, O> Element<I, O> monitor(String uid, ElementFunction<I, O> fn) {
        return function(Kind.MONITOR, uid, fn);
    }

    /** A monitor element from a lambda that also receives the element. */
    public <I, O> Element<I, O> monitor(String uid, ElementFunction.WithSelf<I, O> fn) {
        return function(Kind.MONITOR, uid, fn);
    }

    /** An analyze element from a lambda; it starts on its first subscriber. */
    public <I, O> Element<I, O> analyze(String uid, ElementFunction<I, O> fn) {
        return function(Kind.ANALYZE, uid, fn);
    }

    /** An analyze element from a lambda that also receives the element. */
    public <I, O> Element<I, O> analyze(String uid, ElementFunction.WithSelf<I, O> fn) {
        return function(Kind.ANALYZE, uid, fn);
    }

    /** A plan element from a lambda; it starts on its first subscriber. */
    public <I, O> Element<I, O> plan(String uid, ElementFunction<I, O> fn) {
        return function(Kind.PLAN, uid, fn);
    }

    /** A plan element from a lambda that also receives the element. */
    public <I, O> Element<I, O> plan(String uid, ElementFunction.WithSelf<I, O> fn) {
        return function(Kind.PLAN, uid, fn);
    }

    /** An execute element from a lambda; it starts at once. */
    public <I, O> Element<I, O> execute(String uid, ElementFunction<I, O> fn) {
        return function(Kind.EXECUTE, uid, fn);
    }

    /** An execute element from a lambda that also receives the element. */
    public <I, O> Element<I, O> execute(String uid, ElementFunction.WithSelf<I, O> fn) {
        return function(Kind.EXECUTE, uid, fn);
    }

    /**
     * A monitor whose input pipe changes the type: port in takes {@code I} (set {@link Element#inputType} for the
     * wire, which decodes into {@code Object} otherwise), {@code in} maps it, {@code fn} takes what it emits.
     */
    public <I, T, O> Element<I, O> monitor(String uid, ObservableTransformer<I, T> in, ElementFunction<T, O> fn) {
        return piped(Kind.MONITOR, uid, in, fn);
    }

    /**
     * An analyze element whose input pipe changes the type, e.g. a sliding window:
     * {@code loop.analyze("window", (Observable<Integer> in) -> in.buffer(3, 1), (List<Integer> w, Output<Double> out) -> ...)}.
     */
    public <I, T, O> Element<I, O> analyze(String uid, ObservableTransformer<I, T> in, ElementFunction<T, O> fn) {
        return piped(Kind.ANALYZE, uid, in, fn);
    }

    /** A plan element whose input pipe changes the type. */
    public <I, T, O> Element<I, O> plan(String uid, ObservableTransformer<I, T> in, ElementFunction<T, O> fn) {
        return piped(Kind.PLAN, uid, in, fn);
    }

    /** An execute element whose input pipe changes the type. */
    public <I, T, O> Element<I, O> execute(String uid, ObservableTransformer<I, T> in, ElementFunction<T, O> fn) {
        return piped(Kind.EXECUTE, uid, in, fn);
    }

    private <I, T, O> Element<I, O> piped(Kind kind, String uid, ObservableTransformer<I, T> in,
                                          ElementFunction<T, O> fn) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(fn, "fn");
        return add(new PipedElement<>(kind, uid, in, fn));
    }

    /**
     * An element of any kind from an asynchronous lambda: it takes its next item when the returned stage completes,
     * so order is kept without blocking the pushing thread.
     */
    public <I, O> Element<I, O> async(Kind kind, String uid, ElementFunction.Async<I, O> fn) {
        Objects.requireNonNull(fn, "fn");
        return add(new FunctionElement.Async<>(kind, uid, fn, Types.parameter(fn, 0), outputOf(fn)));
    }

    // ---------------------------------------------------------------- lambda elements with a declared input type

    /**
     * A monitor element from a lambda whose input type the runtime cannot see: a lambda's generic parameter types
     * are erased ({@code (Message<Speed> m, out) -> ...} reaches the runtime as {@code Message}), so the wire would
     * decode its items with their type arguments unknown. {@code input} gives them:
     * {@code loop.monitor("speed", new TypeRef<Message<Speed>>() {}, (m, out) -> ...)}.
     */
    public <I, O> Element<I, O> monitor(String uid, TypeRef<I> input, ElementFunction<I, O> fn) {
        return function(Kind.MONITOR, uid, input, fn);
    }

    /** As {@link #monitor(String, TypeRef, ElementFunction)}, with the element. */
    public <I, O> Element<I, O> monitor(String uid, TypeRef<I> input, ElementFunction.WithSelf<I, O> fn) {
        return function(Kind.MONITOR, uid, input, fn);
    }

    /** An analyze element with a declared input type; see {@link #monitor(String, TypeRef, ElementFunction)}. */
    public <I, O> Element<I, O> analyze(String uid, TypeRef<I> input, ElementFunction<I, O> fn) {
        return function(Kind.ANALYZE, uid, input, fn);
    }

    /** As {@link #analyze(String, TypeRef, ElementFunction)}, with the element. */
    public <I, O> Element<I, O> analyze(String uid, TypeRef<I> input, ElementFunction.WithSelf<I, O> fn) {
        return function(Kind.ANALYZE, uid, input, fn);
    }

    /** A plan element with a declared input type; see {@link #monitor(String, TypeRef, ElementFunction)}. */
    public <I, O> Element<I, O> plan(String uid, TypeRef<I> input, ElementFunction<I, O> fn) {
        return function(Kind.PLAN, uid, input, fn);
    }

    /** As {@link #plan(String, TypeRef, ElementFunction)}, with the element. */
    public <I, O> Element<I, O> plan(String uid, TypeRef<I> input, ElementFunction.WithSelf<I, O> fn) {
        return function(Kind.PLAN, uid, input, fn);
    }

    /** An execute element with a declared input type; see {@link #monitor(String, TypeRef, ElementFunction)}. */
    public <I, O> Element<I, O> execute(String uid, TypeRef<I> input, ElementFunction<I, O> fn) {
        return function(Kind.EXECUTE, uid, input, fn);
    }

    /** As {@link #execute(String, TypeRef, ElementFunction)}, with the element. */
    public <I, O> Element<I, O> execute(String uid, TypeRef<I> input, ElementFunction.WithSelf<I, O> fn) {
        return function(Kind.EXECUTE, uid, input, fn);
    }

    /** As {@link #async(Kind, String, ElementFunction.Async)}, with a declared input type. */
    public <I, O> Element<I, O> async(Kind kind, String uid, TypeRef<I> input, ElementFunction.Async<I, O> fn) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(fn, "fn");
        return add(new FunctionElement.Async<>(kind, uid, fn, input.type(), outputOf(fn)));
    }

    private <I, O> Element<I, O> function(Kind kind, String uid, ElementFunction<I, O> fn) {
        Objects.requireNonNull(fn, "fn");
        return add(new FunctionElement<>(kind, uid, fn, Types.parameter(fn, 0), outputOf(fn)));
    }

    private <I, O> Element<I, O> function(Kind kind, String uid, ElementFunction.WithSelf<I, O> fn) {
        Objects.requireNonNull(fn, "fn");
        return add(new FunctionElement<>(kind, uid, fn, Types.parameter(fn, 0), outputOf(fn)));
    }

    private <I, O> Element<I, O> function(Kind kind, String uid, TypeRef<I> input, ElementFunction<I, O> fn) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(fn, "fn");
        return add(new FunctionElement<>(kind, uid, fn, input.type(), outputOf(fn)));
    }

    private <I, O> Element<I, O> function(Kind kind, String uid, TypeRef<I> input,
                                          ElementFunction.WithSelf<I, O> fn) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(fn, "fn");
        return add(new FunctionElement<>(kind, uid, fn, input.type(), outputOf(fn)));
    }

    private static Type outputOf(java.io.Serializable fn) {
        return Types.outputArgument(Types.parameter(fn, 1));
    }

    // ---------------------------------------------------------------- subclass and bean elements

    /**
     * Adds an element made by the user (a subclass of {@link Monitor}, {@link Analyze}, {@link Plan},
     * {@link Execute}); an execute element starts now.
     *
     * @throws UidClashException     when its uid is taken in this loop
     * @throws IllegalStateException when it is already in a loop
     */
    public <E extends Element<?, ?>> E add(E element) {
        Objects.requireNonNull(element, "element");
        if (element.loop() != null) {
            throw new IllegalStateException(element + " is already in a loop; remove it there first");
        }
        String base = element instanceof FunctionElement<?, ?> || element instanceof FunctionElement.Async<?, ?>
                || element instanceof PipedElement<?, ?, ?>
                ? element.kind().name().toLowerCase(Locale.ROOT)
                : element.getClass().getSimpleName();
        String given = element.uid();
        elements.add(given, base.isEmpty() ? "element" : base, u -> {
            element.attach(this, u);
            return element;
        }, element.kind().name().toLowerCase(Locale.ROOT) + " '" + given + "'");
        if (app.config().debug()) {
            element.debug(Debug.IN, Debug.OUT);
        }
        element.added();
        return element;
    }

    /**
     * Makes an element of each method of {@code bean} annotated {@link io.mape.annotation.MonitorMethod},
     * {@link io.mape.annotation.AnalyzeMethod}, {@link io.mape.annotation.PlanMethod} or
     * {@link io.mape.annotation.ExecuteMethod}, configured from its annotation, and links them as their {@code from}
     * and {@code to} attributes say (uids in this loop, or dot paths in the App, of elements that exist once the
     * bean's own are added). A {@link CallMethod} to one of them runs the bean's {@code @CallableMethod} methods.
     * All or nothing: when a uid clashes or a link does not fit, nothing of the bean stays in the loop.
     *
     * @return the new elements, in declaration order as reflection gives it
     * @throws IllegalArgumentException when a link's types do not fit, naming both elements and types
     * @throws PathNotFoundException    when a link names no element
     */
    public List<Element<?, ?>> register(Object bean) {
        Objects.requireNonNull(bean, "bean");
        List<BeanElement> made = BeanElement.of(bean);
        List<BeanElement> added = new java.util.ArrayList<>();
        try {
            for (BeanElement e : made) {
                added.add(add(e));
            }
            List<Element<?, ?>[]> links = new java.util.ArrayList<>();
            for (BeanElement e : made) {
                for (String from : e.from()) {
                    links.add(checkedLink(resolve(from), e));
                }
                for (String to : e.to()) {
                    links.add(checkedLink(e, resolve(to)));
                }
            }
            links.forEach(l -> link(l[0], l[1]));
        } catch (RuntimeException ex) {
            added.forEach(e -> remove(e.uid()));
            throw ex;
        }
        return List.copyOf(made);
    }

    /**
     * Links two elements by name, checked against their declared types: {@code to} subscribes to {@code from}'s
     * port out. Each is a uid in this loop or a dot path in the App ({@code other_loop.detect}). A side whose type is
     * {@code Object} is taken as unknown and fits.
     *
     * @return the link; dispose it to unlink
     * @throws IllegalArgumentException when {@code from}'s output type does not fit {@code to}'s input type, naming
     *                                  both
     * @throws PathNotFoundException    when a name gives no element
     */
    public Disposable link(String from, String to) {
        Element<?, ?>[] pair = checkedLink(resolve(Checks.notBlank(from, "from")), resolve(Checks.notBlank(to, "to")));
        return link(pair[0], pair[1]);
    }

    @SuppressWarnings("unchecked")
    private static Disposable link(Element<?, ?> from, Element<?, ?> to) {
        return ((Element<?, Object>) from).link((Element<Object, ?>) to);
    }

    private static Element<?, ?>[] checkedLink(Element<?, ?> from, Element<?, ?> to) {
        if (!Types.fits(from.outputType(), to.inputType())) {
            throw new IllegalArgumentException("cannot link " + from.path() + " to " + to.path() + ": it emits "
                    + Types.name(from.outputType()) + ", which is not the " + Types.name(to.inputType())
                    + " that " + to.path() + " takes");
        }
        return new Element<?, ?>[] {from, to};
    }

    private Element<?, ?> resolve(String name) {
        return name.indexOf('.') < 0 ? get(name) : app.elementAt(name);
    }

    // ---------------------------------------------------------------- lookup and removal

    /**
     * The element with this uid, cast to what the caller expects.
     *
     * @throws PathNotFoundException naming the loop and the uids it has
     */
    @SuppressWarnings("unchecked")
    public <I, O> Element<I, O> get(String uid) {
        Element<?, ?> e = elements.get(uid);
        if (e == null) {
            throw new PathNotFoundException("no element '" + uid + "' in loop '" + this.uid + "' (elements: "
                    + String.join(", ", elements.uids()) + ")");
        }
        return (Element<I, O>) e;
    }

    /**
     * The element with this uid, checked against the types the caller expects: items of {@code input} must fit
     * what it takes, and what it emits must fit {@code output}. A declared type of {@code Object} is taken as unknown
     * and fits. {@code Element<Integer, Double> demand = loop.element("demand", Integer.class, Double.class);}
     *
     * @throws PathNotFoundException    naming the loop and the uids it has
     * @throws IllegalArgumentException when the declared types do not fit, naming both
     */
    public <I, O> Element<I, O> element(String uid, Class<I> input, Class<O> output) {
        return typed(uid, input, output);
    }

    /**
     * As {@link #element(String, Class, Class)}, for generic types:
     * {@code loop.element("speed", new TypeRef<Message<Speed>>() {}, TypeRef.of(Double.class))}.
     */
    public <I, O> Element<I, O> element(String uid, TypeRef<I> input, TypeRef<O> output) {
        return typed(uid, Objects.requireNonNull(input, "input").type(), Objects.requireNonNull(output, "output").type());
    }

    private <I, O> Element<I, O> typed(String uid, Type input, Type output) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        return checked(get(uid), input, output);
    }

    /** {@code e} as an {@code Element<I, O>} when its declared types fit; see {@link #element(String, Class, Class)}. */
    @SuppressWarnings("unchecked")
    static <I, O> Element<I, O> checked(Element<?, ?> e, Type input, Type output) {
        if (!Types.fits(input, e.inputType()) || !Types.fits(e.outputType(), output)) {
            throw new IllegalArgumentException(e.path() + " takes " + Types.name(e.inputType()) + " and emits "
                    + Types.name(e.outputType()) + "; asked for Element<" + Types.name(input) + ", "
                    + Types.name(output) + ">");
        }
        return (Element<I, O>) e;
    }

    /** The element with this uid, if any. */
    public Optional<Element<?, ?>> find(String uid) {
        return Optional.ofNullable(elements.get(uid));
    }

    /**
     * Removes an element: it stops, its incoming links are disposed, its subscribers get {@code onComplete}.
     *
     * @return false when no such element was here
     */
    public boolean remove(String uid) {
        Element<?, ?> e = elements.get(uid);
        if (e == null || !elements.remove(uid, e)) {
            return false;
        }
        e.detach();
        e.detached();
        return true;
    }

    /** The elements, in the order they were added (a snapshot). */
    public List<Element<?, ?>> elements() {
        return elements.snapshot();
    }

    @Override
    public Iterator<Element<?, ?>> iterator() {
        return elements().iterator();
    }

    /** Starts every element. */
    public void start() {
        elements().forEach(Element::start);
    }

    /** Stops every element. */
    public void stop() {
        elements().forEach(Element::stop);
    }

    /**
     * Pauses the loop's Execute elements: what reaches them is dropped as {@link DropReason#PAUSED} until
     * {@link #resume()} (see the class comment). Pausing a paused loop does nothing. Seen by the next item on every
     * thread.
     *
     * @return whether this call paused it (false when it was paused already)
     */
    public boolean pause() {
        return set(PAUSED, true);
    }

    /**
     * Lets the loop's Execute elements act again, on the items that reach them from now on. Resuming a running loop
     * does nothing.
     *
     * @return whether this call resumed it (false when it was not paused)
     */
    public boolean resume() {
        return set(PAUSED, false);
    }

    /** Whether the loop is paused ({@link #pause()}). */
    public boolean isPaused() {
        return (holds.get() & PAUSED) != 0;
    }

    /**
     * Puts the loop's Execute elements in dry run, or takes them out of it (see the class comment). Seen by the next
     * item on every thread.
     *
     * @return whether this call changed it
     */
    public boolean dryRun(boolean on) {
        return set(DRY_RUN, on);
    }

    /** Whether the loop is in dry run ({@link #dryRun(boolean)}). */
    public boolean isDryRun() {
        return (holds.get() & DRY_RUN) != 0;
    }

    /**
     * The items its Execute elements would have acted on while in dry run, as they come, on the element's thread.
     * Hot: a subscriber sees what comes after it subscribed. Completes when the loop is removed or its App closes.
     */
    public Observable<WouldExecute> wouldExecute() {
        return wouldExecute.hide();
    }

    /** Whether an Execute of this loop must not act now: paused or in dry run. */
    boolean holdsExecute() {
        return holds.get() != 0;
    }

    void wouldExecute(Element<?, ?> element, Object item) {
        wouldExecute.onNext(new WouldExecute(element, item));
    }

    private boolean set(int bit, boolean on) {
        for (;;) {
            int now = holds.get();
            int next = on ? now | bit : now & ~bit;
            if (now == next) {
                return false;
            }
            if (holds.compareAndSet(now, next)) {
                return true;
            }
        }
    }

    /** Removes its elements and completes {@link #wouldExecute()}: the loop is removed or its App closes. */
    void removeAll() {
        elements.uids().forEach(this::remove);
        wouldExecute.onComplete();
    }

    @Override
    public String toString() {
        return "loop " + uid;
    }
}
