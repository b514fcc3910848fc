package io.mape.leader;

import io.mape.safety.SafetyOperator;
import io.mape.safety.Veto;
import io.mape.safety.internal.LedgerOperator;
import io.mape.safety.internal.Verdict;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.ObservableSource;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Operators that tie a stream to a {@link Leadership}, applied with {@code .compose(...)} or as an element's
 * {@code opsIn}/{@code opsOut}: so that a loop acts only while this process leads, and an Execute refuses what a
 * stale leader planned. Each is a {@link SafetyOperator}: what it holds back is a {@link Veto} and counted.
 * Thread-safe.
 */
public final class LeaderOps {

    private LeaderOps() {
    }

    /** Passes items only while {@code leadership} leads; the others are held back by {@code not-leader}. */
    public static <T> SafetyOperator<T, T> whileLeading(Leadership leadership) {
        Objects.requireNonNull(leadership, "leadership");
        return new Op<>("while-leading", item -> leadership.isLeader() ? Verdict.pass(item)
                : Verdict.hold("not-leader", "this process does not lead", false));
    }

    /**
     * Stamps each item with the fencing token of the current term while {@code leadership} leads; held back by
     * {@code not-leader} otherwise.
     */
    public static <T> SafetyOperator<T, Fenced<T>> stamp(Leadership leadership) {
        Objects.requireNonNull(leadership, "leadership");
        return new Op<>("stamp", item -> {
            long token = leadership.fencingToken();
            return token != 0 ? Verdict.pass(new Fenced<>(item, token))
                    : Verdict.hold("not-leader", "this process does not lead", false);
        });
    }

    /**
     * The effector's side: passes the value of each stamped item whose token is at least the highest this operator
     * has seen, and holds back the others by {@code stale-token} (logged at WARN, rate-limited): once a newer
     * leader's plan has arrived, an older leader's plans are refused. The highest token is kept by the operator
     * object, across every stream it is applied to.
     */
    public static <T> SafetyOperator<Fenced<T>, T> fence() {
        AtomicLong highest = new AtomicLong();
        return new Op<>("fence", stamped -> {
            long seen = highest.accumulateAndGet(stamped.fencingToken(), Math::max);
            return stamped.fencingToken() >= seen ? Verdict.pass(stamped.value())
                    : Verdict.hold("stale-token", "fencing token " + stamped.fencingToken() + " is older than "
                    + seen, true);
        });
    }

    private static final class Op<T, R> extends LedgerOperator<T, R> {
        private final Function<T, Verdict<R>> verdict;

        Op(String name, Function<T, Verdict<R>> verdict) {
            super(name);
            this.verdict = verdict;
        }

        @Override
        public ObservableSource<R> apply(Observable<T> upstream) {
            return ledger.decide(upstream, verdict);
        }
    }
}
