package io.mape.safety;

import io.mape.safety.internal.LedgerOperator;
import io.mape.safety.internal.Verdict;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.ObservableSource;
import java.util.Objects;

/**
 * Shadow mode for an Execute: while its {@link Switch} is on, items are not passed on but reported on
 * {@link #wouldExecute()} (and as {@link Veto}s by {@code dry-run}, counted in {@link #stats()}); while it is off,
 * everything passes. The switch may be flipped from any thread at any time; each item sees the state at its
 * arrival. Thread-safe.
 *
 * <pre>{@code
 * Switch shadow = Switch.on();
 * DryRun<Integer> dryRun = DryRun.of(shadow);
 * plans.compose(dryRun).subscribe(effector);
 * dryRun.wouldExecute().subscribe(plan -> log.info("would set {} lanes", plan));
 * shadow.set(false);   // now it acts
 * }</pre>
 */
public final class DryRun<T> extends LedgerOperator<T, T> {

    private final Switch shadow;

    private DryRun(Switch shadow) {
        super("dry-run");
        this.shadow = Objects.requireNonNull(shadow, "shadow");
    }

    /** A dry run while {@code shadow} is on. */
    public static <T> DryRun<T> of(Switch shadow) {
        return new DryRun<>(shadow);
    }

    @Override
    public ObservableSource<T> apply(Observable<T> upstream) {
        return ledger.decide(upstream, item -> shadow.isOn()
                ? Verdict.hold("dry-run", "shadow mode: not executed", false) : Verdict.pass(item));
    }

    /** The switch: on is a dry run. */
    public Switch shadow() {
        return shadow;
    }

    /** The items it would have passed on, as they come. Hot. */
    public Observable<T> wouldExecute() {
        return ledger.vetoes().map(Veto::item);
    }
}
