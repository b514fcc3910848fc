package io.mape.safety.internal;

import io.mape.safety.SafetyOperator;
import io.mape.safety.SafetyStats;
import io.mape.safety.Veto;
import io.reactivex.rxjava3.core.Observable;

/** The part every safety operator shares: its {@link Ledger}, read through {@code stats()} and {@code vetoes()}. */
public abstract class LedgerOperator<T, R> implements SafetyOperator<T, R> {

    protected final Ledger<T> ledger;

    /** @param name the operator's name in log lines */
    protected LedgerOperator(String name) {
        this.ledger = new Ledger<>(name);
    }

    @Override
    public final SafetyStats stats() {
        return ledger.stats();
    }

    @Override
    public final Observable<Veto<T>> vetoes() {
        return ledger.vetoes();
    }
}
