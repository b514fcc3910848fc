package io.mape;

/**
 * Base class of a monitor element written as a class: override {@link #process} (or {@link #processAsync}), keep state in
 * fields, and mark with {@link io.mape.annotation.CallableMethod} the methods a {@link CallMethod} may run; then
 * {@code loop.add(new MyElement())}. Started by hand with {@link #start()}.
 *
 * @param <I> what port in takes; the wire decodes into it
 * @param <O> what port out emits
 */
public abstract class Monitor<I, O> extends Element<I, O> {

    /** With an automatic uid: the simple class name. */
    protected Monitor() {
        super(Kind.MONITOR, null);
    }

    /** With this uid in its loop. */
    protected Monitor(String uid) {
        super(Kind.MONITOR, uid);
    }
}
