package io.mape.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScopeTest {

    @Test
    void prefixesAreThoseOfPyMape() {
        assertThat(Scope.app().prefix()).isEqualTo("k.app.");
        assertThat(Scope.level("city").prefix()).isEqualTo("k.level.city.");
        assertThat(Scope.loop("car_a").prefix()).isEqualTo("k.loop.car_a.");
        assertThat(Scope.loop("car_a")).hasToString("k.loop.car_a");
        assertThat(Scope.app().uid()).isNull();
        assertThat(Scope.level("city").uid()).isEqualTo("city");
        assertThat(Scope.loop("car_a").kind()).isEqualTo(Scope.Kind.LOOP);
    }

    @Test
    void keysAndNamesConvert() {
        Scope s = Scope.loop("car_a");
        assertThat(s.key("cars")).isEqualTo("k.loop.car_a.cars");
        assertThat(s.key("a.b")).isEqualTo("k.loop.car_a.a.b");
        assertThat(s.nameOf("k.loop.car_a.cars")).isEqualTo("cars");
        assertThat(s.owns("k.loop.car_a.cars")).isTrue();
        assertThat(s.owns("k.loop.car_ab.cars")).isFalse();
        assertThat(s.owns("k.loop.car_a.")).isFalse();
        assertThatThrownBy(() -> s.nameOf("k.app.cars")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.key("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalByPrefix() {
        assertThat(Scope.loop("a")).isEqualTo(Scope.loop("a")).hasSameHashCodeAs(Scope.loop("a"));
        assertThat(Scope.loop("a")).isNotEqualTo(Scope.level("a"));
        assertThat(Scope.app()).isSameAs(Scope.app());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a.b", "a*", "a?", "a[b]", "a\\b", "a\nb"})
    void uidsThatWouldMakeKeysAmbiguousAreRefused(String uid) {
        assertThatThrownBy(() -> Scope.loop(uid)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Scope.level(uid)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNamespaceGoesInFrontOfThePrefix() {
        Scope s = Scope.loop("car_a").in("traffic");
        assertThat(s.prefix()).isEqualTo("traffic:k.loop.car_a.");
        assertThat(s.key("cars")).isEqualTo("traffic:k.loop.car_a.cars");
        assertThat(s.owns("k.loop.car_a.cars")).isFalse();
        assertThat(s.nameOf("traffic:k.loop.car_a.cars")).isEqualTo("cars");
        assertThat(s).isNotEqualTo(Scope.loop("car_a")).isEqualTo(Scope.loop("car_a").in("traffic"));
        assertThat(s.in("")).isEqualTo(Scope.loop("car_a"));
        assertThat(s.namespace()).isEqualTo("traffic");
        assertThat(Scope.app().namespace()).isEmpty();
        assertThat(Scope.app().in("a.b-c_1")).hasToString("a.b-c_1:k.app");
        for (String bad : new String[] {"a:b", "a*", "a b", "x?"}) {
            assertThatThrownBy(() -> Scope.app().in(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
