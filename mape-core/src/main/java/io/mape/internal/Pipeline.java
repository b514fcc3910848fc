package io.mape.internal;

import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.ObservableTransformer;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.subjects.PublishSubject;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * What an element's options make of its data path, built at start and replaced whole (one volatile write by the
 * element) when an option changes: the hop onto the scheduler's worker and the operator chains on port in and
 * port out. An {@link #inline} pipeline has none of them, so the element runs its body and reaches port out
 * inside its port-in gate.
 *
 * <p>Threads: {@link #feedIn} is called only in the element's body context and {@link #feedOut} only in its
 * port-out context, each serialized; a chain that fails is rebuilt by the next call there. {@link #close} may be
 * called from any thread.
 */
public final class Pipeline {

    /** Where the parts of a pipeline hand their items. */
    public interface Host {
        /** An item the scheduler's worker took, on that worker. */
        void stage(Object item);

        /** What the hop's target threw. */
        void fault(Object item, Throwable t);

        /** An item out of the operators on port in, on whatever thread they emit it. */
        void derived(Object item);

        /** An item out of the operators on port out, on whatever thread they emit it. */
        void published(Object item);

        /** A chain of operators failed; {@code port} is "port in" or "port out". */
        void opsFailed(String port, Throwable t);
    }

    /** The hop onto the scheduler's worker, or null to stay on the pushing thread. */
    public final WorkerHop<Object> hop;
    /** Whether there is no hop, no operators and no asynchronous body. */
    public final boolean inline;

    private final Host host;
    private final ObservableTransformer<Object, ?> inOps;
    private final ObservableTransformer<Object, ?> outOps;
    private PublishSubject<Object> in;
    private volatile Disposable inChain;
    private PublishSubject<Object> out;
    private volatile Disposable outChain;
    private volatile boolean inFailed;
    private volatile boolean outFailed;
    private volatile boolean closed;

    /**
     * @param scheduler the worker's scheduler, or null
     * @param inOps     the operators between port in and the body, or null
     * @param outOps    the operators between the body and port out, or null
     * @param async     whether the body is asynchronous
     * @param capacity  how many items the hop may hold
     */
    public Pipeline(Host host, Scheduler scheduler, ObservableTransformer<Object, ?> inOps,
                    ObservableTransformer<Object, ?> outOps, boolean async, int capacity) {
        this.host = host;
        this.inOps = inOps;
        this.outOps = outOps;
        this.hop = scheduler == null ? null : new WorkerHop<>(scheduler, host::stage, host::fault, capacity);
        this.inline = scheduler == null && inOps == null && outOps == null && !async;
    }

    public boolean hasOpsIn() {
        return inOps != null;
    }

    public boolean hasOpsOut() {
        return outOps != null;
    }

    /**
     * Feeds the operators on port in; their output goes to {@link Host#derived}. False when the chain failed on
     * this item. Body context only.
     */
    public boolean feedIn(Object item) {
        if (in == null || inFailed) {
            inFailed = false;
            in = PublishSubject.create();
            inChain = chain(in, inOps, host::derived, "port in", () -> inFailed = true);
        }
        in.onNext(item);
        return !inFailed;
    }

    /** Feeds the operators on port out; their output goes to {@link Host#published}. Port-out context only. */
    public void feedOut(Object item) {
        if (out == null || outFailed) {
            outFailed = false;
            out = PublishSubject.create();
            outChain = chain(out, outOps, host::published, "port out", () -> outFailed = true);
        }
        out.onNext(item);
    }

    private Disposable chain(PublishSubject<Object> subject, ObservableTransformer<Object, ?> ops,
                             Consumer<Object> next, String port, Runnable failed) {
        if (closed) {
            return Disposable.empty();
        }
        Observable<?> chained = subject.compose(ops);
        BiConsumer<String, Throwable> onFailure = host::opsFailed;
        return chained.subscribe(next::accept, e -> {
            failed.run();
            onFailure.accept(port, e);
        });
    }

    /** Cancels the operators (and their timers) and lets the hop go once its backlog is handed over. */
    public void close() {
        closed = true;
        Disposable i = inChain;
        Disposable o = outChain;
        if (i != null) {
            i.dispose();
        }
        if (o != null) {
            o.dispose();
        }
        if (hop != null) {
            hop.close();
        }
    }
}
