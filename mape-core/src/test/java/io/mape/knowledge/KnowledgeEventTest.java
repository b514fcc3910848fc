package io.mape.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KnowledgeEventTest {

    @Test
    void ofBuildsTheFullKey() {
        KnowledgeEvent e = KnowledgeEvent.of(Scope.loop("car_a"), "cars", "sadd");
        assertThat(e.key()).isEqualTo("k.loop.car_a.cars");
        assertThat(e.name()).isEqualTo("cars");
        assertThat(e.command()).isEqualTo("sadd");
        assertThat(e.scope()).isEqualTo(Scope.loop("car_a"));
    }

    @Test
    void refusesAKeyThatIsNotTheNameInTheScope() {
        assertThatThrownBy(() -> new KnowledgeEvent(Scope.app(), "k.loop.x.cars", "cars", "set"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KnowledgeEvent(Scope.app(), "k.app.cars", "cars", null))
                .isInstanceOf(NullPointerException.class);
    }
}
