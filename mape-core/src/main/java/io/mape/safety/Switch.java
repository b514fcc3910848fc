package io.mape.safety;

import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.subjects.BehaviorSubject;
import io.reactivex.rxjava3.subjects.Subject;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A run-time on/off switch for an operator (a {@link DryRun}), flipped from any thread; a loop or a REST endpoint
 * can hold one and expose it. Thread-safe: a flip is seen by the next item on every thread.
 */
public final class Switch {

    private final AtomicBoolean on;
    private final Subject<Boolean> changes;

    private Switch(boolean on) {
        this.on = new AtomicBoolean(on);
        this.changes = BehaviorSubject.createDefault(on).toSerialized();
    }

    /** A switch that starts on. */
    public static Switch on() {
        return new Switch(true);
    }

    /** A switch that starts off. */
    public static Switch off() {
        return new Switch(false);
    }

    public boolean isOn() {
        return on.get();
    }

    /** Sets it; returns what it was. */
    public boolean set(boolean value) {
        boolean was = on.getAndSet(value);
        if (was != value) {
            changes.onNext(value);
        }
        return was;
    }

    /** Its state now, then each change, on the thread that flipped it. */
    public Observable<Boolean> changes() {
        return changes.distinctUntilChanged();
    }

    @Override
    public String toString() {
        return isOn() ? "on" : "off";
    }
}
