package io.mape;

/**
 * Base class of a analyze element written as a class: override {@link #process} (or {@link #processAsync}), keep state in
 * fields, and mark with {@link io.mape.annotation.CallableMethod} the methods a {@link CallMethod} may run; then
 * {@code loop.add(new MyElement())}. Starts when the first subscriber arrives.
 *
 * @param <I> what port in takes; the wire decodes into it
 * @param <O> what port out emits
 */
public abstract class Analyze<I, O> extends Element<I, O> {

    /** With an automatic uid: the simple class name. */
    protected Analyze() {
        super(Kind.ANALYZE, null);
    }

    /** With this uid in its loop. */
    protected Analyze(String uid) {
        super(Kind.ANALYZE, uid);
    }
}
