package io.mape.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RangesTest {

    @Test
    void clampsAsLrange() {
        assertThat(Ranges.clamp(0, -1, 5)).containsExactly(0, 4);
        assertThat(Ranges.clamp(-2, -1, 5)).containsExactly(3, 4);
        assertThat(Ranges.clamp(-100, 1, 5)).containsExactly(0, 1);
        assertThat(Ranges.clamp(2, 100, 5)).containsExactly(2, 4);
        assertThat(Ranges.clamp(3, 1, 5)).isNull();
        assertThat(Ranges.clamp(5, 9, 5)).isNull();
        assertThat(Ranges.clamp(0, -1, 0)).isNull();
        assertThat(Ranges.clamp(0, -6, 5)).isNull();
    }

    @Test
    void indexesAsLindex() {
        assertThat(Ranges.index(0, 3)).isZero();
        assertThat(Ranges.index(-1, 3)).isEqualTo(2);
        assertThat(Ranges.index(-3, 3)).isZero();
        assertThat(Ranges.index(-4, 3)).isEqualTo(-1);
        assertThat(Ranges.index(3, 3)).isEqualTo(-1);
        assertThat(Ranges.index(0, 0)).isEqualTo(-1);
    }
}
