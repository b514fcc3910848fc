package io.mape.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.observers.TestObserver;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GuardsTest {

    private final Guards<Integer> guards = Guards.<Integer>builder()
            .guard("at-least-one", lanes -> lanes >= 1, "a carriageway keeps one lane")
            .guard("at-most-four", lanes -> lanes > 4 ? "only 4 lanes exist" : null)
            .build();

    @Test
    void vetoedPlansAreNotPassedAndAreEventsNamingTheGuardAndTheReason() {
        TestObserver<Veto<Integer>> vetoes = guards.vetoes().test();

        Observable.just(2, 0, 5, 3).compose(guards).test().assertValues(2, 3).assertComplete();

        vetoes.assertValues(new Veto<>(0, "at-least-one", "a carriageway keeps one lane"),
                new Veto<>(5, "at-most-four", "only 4 lanes exist"));
        assertThat(guards.stats()).isEqualTo(new SafetyStats(4, 2, 2, 0, Map.of("at-least-one", 1L,
                "at-most-four", 1L)));
    }

    @Test
    void theFirstGuardThatVetoesStopsThePlan() {
        Guards<Integer> two = Guards.<Integer>builder().guard("a", x -> false, "a says no")
                .guard("b", x -> false, "b says no").build();
        TestObserver<Veto<Integer>> vetoes = two.vetoes().test();
        Observable.just(1).compose(two).test().assertNoValues();
        vetoes.assertValue(v -> v.by().equals("a"));
    }

    @Test
    void aGuardThatThrowsVetoes() {
        Guards<Integer> failing = Guards.<Integer>builder().guard("boom", x -> {
            throw new IllegalStateException("no data");
        }).build();
        TestObserver<Veto<Integer>> vetoes = failing.vetoes().test();
        Observable.just(1).compose(failing).test().assertNoValues().assertNoErrors();
        vetoes.assertValue(v -> v.by().equals("boom") && v.reason().contains("no data"));
    }

    @Test
    void namesAreUniqueAndNotBlank() {
        assertThatThrownBy(() -> Guards.<Integer>builder().guard("a", x -> true, "r").guard("a", x -> true, "r"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a'");
        assertThatThrownBy(() -> Guards.<Integer>builder().guard(" ", x -> null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(guards.names()).containsExactly("at-least-one", "at-most-four");
    }
}
