package io.mape.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IndexedDequeTest {

    private static List<Integer> contents(IndexedDeque<Integer> d) {
        return d.isEmpty() ? List.of() : d.slice(0, d.size() - 1);
    }

    @Test
    void actsAsADequeWithIndexesAcrossWrapAndGrowth() {
        IndexedDeque<Integer> d = new IndexedDeque<>();
        ArrayDeque<Integer> model = new ArrayDeque<>();
        Random r = new Random(42);
        for (int i = 0; i < 5_000; i++) {
            switch (r.nextInt(5)) {
                case 0 -> {
                    d.addFirst(i);
                    model.addFirst(i);
                }
                case 1, 2 -> {
                    d.addLast(i);
                    model.addLast(i);
                }
                case 3 -> assertThat(d.pollFirst()).isEqualTo(model.pollFirst());
                default -> assertThat(d.pollLast()).isEqualTo(model.pollLast());
            }
            assertThat(d.size()).isEqualTo(model.size());
        }
        assertThat(contents(d)).containsExactlyElementsOf(new ArrayList<>(model));
    }

    @Test
    void getsAndSetsByIndex() {
        IndexedDeque<Integer> d = new IndexedDeque<>();
        for (int i = 0; i < 10; i++) {
            d.addFirst(i);
        }
        assertThat(d.get(0)).isEqualTo(9);
        assertThat(d.get(9)).isZero();
        d.set(9, 100);
        assertThat(d.pollLast()).isEqualTo(100);
        assertThatThrownBy(() -> d.get(9)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(new IndexedDeque<Integer>().pollFirst()).isNull();
        assertThat(new IndexedDeque<Integer>().pollLast()).isNull();
    }

    @Test
    void removesEqualElementsAsLrem() {
        IndexedDeque<Integer> d = new IndexedDeque<>();
        for (int x : new int[] {1, 0, 1, 2, 1, 3, 1}) {
            d.addLast(x);
        }
        assertThat(d.removeEqual(1, 2)).isEqualTo(2);
        assertThat(contents(d)).containsExactly(0, 2, 1, 3, 1);
        assertThat(d.removeEqual(1, -1)).isEqualTo(1);
        assertThat(contents(d)).containsExactly(0, 2, 1, 3);
        assertThat(d.removeEqual(9, 0)).isZero();
        assertThat(d.removeEqual(1, 0)).isEqualTo(1);
        assertThat(contents(d)).containsExactly(0, 2, 3);
        d.addFirst(7);
        assertThat(contents(d)).containsExactly(7, 0, 2, 3);
    }
}
