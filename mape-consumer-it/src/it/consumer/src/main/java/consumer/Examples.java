package consumer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** What the examples share: waiting for what a loop delivered, and saying what was missing. */
final class Examples {

    private Examples() {
    }

    /** Takes as many items from {@code seen} as {@code expected} has (10 s each at most) and checks them in order. */
    static <T> void expect(BlockingQueue<T> seen, List<T> expected) {
        List<T> got = new ArrayList<>();
        try {
            for (int i = 0; i < expected.size(); i++) {
                T item = seen.poll(10, TimeUnit.SECONDS);
                if (item == null) {
                    break;
                }
                got.add(item);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!got.equals(expected) || !seen.isEmpty()) {
            throw new IllegalStateException("expected " + expected + ", got " + got + " then " + seen);
        }
    }
}
