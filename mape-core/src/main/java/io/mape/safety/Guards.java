package io.mape.safety;

import io.mape.internal.Checks;
import io.mape.safety.internal.LedgerOperator;
import io.mape.safety.internal.Verdict;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.ObservableSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A chain of named checks a plan must pass before it is executed, in the order they were added; the first that
 * vetoes it stops it. A vetoed plan is not passed on: it is a {@link Veto} (plan, guard name, reason) on
 * {@link #vetoes()}, counted in {@link #stats()} under the guard's name and logged at WARN (rate-limited). A guard
 * that throws vetoes the plan, with the exception as the reason. Thread-safe: the guards run on the pushing thread
 * and must be thread-safe themselves if several threads push.
 *
 * <pre>{@code
 * Guards<Integer> guards = Guards.<Integer>builder()
 *         .guard("at-least-one-lane", lanes -> lanes >= 1, "a carriageway keeps one lane")
 *         .build();
 * plans.compose(guards).subscribe(effector);
 * }</pre>
 */
public final class Guards<T> extends LedgerOperator<T, T> {

    private record Guard<T>(String name, Function<? super T, String> veto) {
    }

    private final List<Guard<T>> guards;

    private Guards(List<Guard<T>> guards) {
        super("guards");
        this.guards = List.copyOf(guards);
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    @Override
    public ObservableSource<T> apply(Observable<T> upstream) {
        return ledger.decide(upstream, this::check);
    }

    private Verdict<T> check(T plan) {
        for (Guard<T> g : guards) {
            String reason;
            try {
                reason = g.veto().apply(plan);
            } catch (RuntimeException e) {
                reason = "the guard failed: " + e;
            }
            if (reason != null) {
                return Verdict.hold(g.name(), reason, true);
            }
        }
        return Verdict.pass(plan);
    }

    /** The names of its guards, in the order they are checked. */
    public List<String> names() {
        return guards.stream().map(Guard::name).toList();
    }

    /** Builds {@link Guards}; not thread-safe. */
    public static final class Builder<T> {
        private final List<Guard<T>> guards = new ArrayList<>();

        private Builder() {
        }

        /** Adds a guard that vetoes a plan for which {@code allows} is false, with {@code reason}. */
        public Builder<T> guard(String name, Predicate<? super T> allows, String reason) {
            Objects.requireNonNull(allows, "allows");
            Checks.notBlank(reason, "reason");
            return guard(name, plan -> allows.test(plan) ? null : reason);
        }

        /** Adds a guard that vetoes a plan for which {@code veto} gives a reason, and lets it pass on null. */
        public Builder<T> guard(String name, Function<? super T, String> veto) {
            Checks.notBlank(name, "name");
            Objects.requireNonNull(veto, "veto");
            if (guards.stream().anyMatch(g -> g.name().equals(name))) {
                throw new IllegalArgumentException("a guard named '" + name + "' is already in the chain");
            }
            guards.add(new Guard<>(name, veto));
            return this;
        }

        public Guards<T> build() {
            return new Guards<>(guards);
        }
    }
}
