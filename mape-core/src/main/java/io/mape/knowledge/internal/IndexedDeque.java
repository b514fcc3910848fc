package io.mape.knowledge.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A growable ring buffer with constant-time access at both ends and by index: the in-memory Redis list. Not
 * thread-safe.
 *
 * @param <E> the type of the elements
 */
public final class IndexedDeque<E> {

    private Object[] items = new Object[8];
    private int head;
    private int size;

    /** The number of elements. */
    public int size() {
        return size;
    }

    /** Whether there is no element. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** Adds at the head. */
    public void addFirst(E e) {
        grow();
        head = (head - 1 + items.length) % items.length;
        items[head] = e;
        size++;
    }

    /** Adds at the tail. */
    public void addLast(E e) {
        grow();
        items[(head + size) % items.length] = e;
        size++;
    }

    /** Removes the head, or returns null. */
    public E pollFirst() {
        if (size == 0) {
            return null;
        }
        E e = at(head);
        items[head] = null;
        head = (head + 1) % items.length;
        size--;
        return e;
    }

    /** Removes the tail, or returns null. */
    public E pollLast() {
        if (size == 0) {
            return null;
        }
        int i = (head + size - 1) % items.length;
        E e = at(i);
        items[i] = null;
        size--;
        return e;
    }

    /** The element at {@code index}, 0 being the head. */
    public E get(int index) {
        Objects.checkIndex(index, size);
        return at((head + index) % items.length);
    }

    /** Replaces the element at {@code index}. */
    public void set(int index, E e) {
        Objects.checkIndex(index, size);
        items[(head + index) % items.length] = e;
    }

    /** A copy of the elements from {@code from} to {@code to}, both included. */
    public List<E> slice(int from, int to) {
        List<E> out = new ArrayList<>(to - from + 1);
        for (int i = from; i <= to; i++) {
            out.add(get(i));
        }
        return out;
    }

    /**
     * Removes elements equal to {@code o} as Redis's LREM does: the first {@code count} from the head when
     * {@code count > 0}, the last {@code -count} from the tail when {@code count < 0}, all when 0. How many went.
     */
    public long removeEqual(Object o, long count) {
        long limit = count == 0 ? Long.MAX_VALUE : Math.abs(count);
        boolean[] drop = new boolean[size];
        long removed = 0;
        for (int k = 0; k < size && removed < limit; k++) {
            int i = count < 0 ? size - 1 - k : k;
            if (Objects.equals(get(i), o)) {
                drop[i] = true;
                removed++;
            }
        }
        if (removed > 0) {
            Object[] kept = new Object[Math.max(8, items.length)];
            int n = 0;
            for (int i = 0; i < size; i++) {
                if (!drop[i]) {
                    kept[n++] = get(i);
                }
            }
            items = kept;
            head = 0;
            size = n;
        }
        return removed;
    }

    private void grow() {
        if (size < items.length) {
            return;
        }
        Object[] bigger = new Object[items.length * 2];
        for (int i = 0; i < size; i++) {
            bigger[i] = items[(head + i) % items.length];
        }
        items = bigger;
        head = 0;
    }

    @SuppressWarnings("unchecked")
    private E at(int physical) {
        return (E) items[physical];
    }
}
