package io.mape.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ZSetTest {

    @Test
    void ordersByScoreThenMember() {
        ZSet z = new ZSet();
        assertThat(z.add("b", 1)).isEqualTo(1);
        assertThat(z.add("a", 1)).isEqualTo(1);
        assertThat(z.add("c", 0)).isEqualTo(1);
        assertThat(z.add("c", 0)).isEqualTo(-1);
        assertThat(z.add("c", 2)).isZero();
        assertThat(z.range(0, -1)).extracting(ZSet.Member::member).containsExactly("a", "b", "c");
        assertThat(z.rank("c")).isEqualTo(2);
        assertThat(z.rank("x")).isNull();
        assertThat(z.rangeByScore(1, 1)).extracting(ZSet.Member::member).containsExactly("a", "b");
        assertThat(z.first()).isEqualTo(new ZSet.Member("a", 1));
        assertThat(z.popMax()).isEqualTo(new ZSet.Member("c", 2));
        assertThat(z.popMin()).isEqualTo(new ZSet.Member("a", 1));
        assertThat(z.remove("b")).isTrue();
        assertThat(z.remove("b")).isFalse();
        assertThat(z.size()).isZero();
        assertThat(z.popMin()).isNull();
        assertThat(z.first()).isNull();
    }

    @Test
    void comparesMembersInUtf8ByteOrder() {
        String bmpHigh = "\uFF01";
        String supplementary = new String(Character.toChars(0x1F600));
        assertThat(bmpHigh.compareTo(supplementary)).isPositive();
        assertThat(ZSet.UTF8_ORDER.compare(bmpHigh, supplementary)).isNegative();
        assertThat(ZSet.UTF8_ORDER.compare("ab", "abc")).isNegative();
        assertThat(ZSet.UTF8_ORDER.compare("abc", "abc")).isZero();
    }

    @Test
    void refusesNaN() {
        assertThatThrownBy(() -> new ZSet().add("a", Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
