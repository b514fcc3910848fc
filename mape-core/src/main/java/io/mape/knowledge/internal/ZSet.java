package io.mape.knowledge.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The in-memory Redis sorted set: unique string members ordered by score, then by member in UTF-8 byte order (as
 * Redis's memcmp does). Not thread-safe.
 */
public final class ZSet {

    /** A member and its score. */
    public record Member(String member, double score) {
    }

    /** Orders strings by code point, which is UTF-8 byte order. */
    public static final Comparator<String> UTF8_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    private static final Comparator<Member> ORDER =
            Comparator.comparingDouble(Member::score).thenComparing(Member::member, UTF8_ORDER);

    private final Map<String, Double> scores = new HashMap<>();
    private final TreeSet<Member> order = new TreeSet<>(ORDER);

    /** Adds or rescores; 1 when added, 0 when rescored, -1 when nothing changed. */
    public int add(String member, double score) {
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("a score may not be NaN");
        }
        Double old = scores.put(member, score);
        if (old != null) {
            if (old == score) {
                return -1;
            }
            order.remove(new Member(member, old));
        }
        order.add(new Member(member, score));
        return old == null ? 1 : 0;
    }

    /** Removes the members whose score is in {@code [min, max]}; how many. */
    public int removeRangeByScore(double min, double max) {
        List<Member> gone = rangeByScore(min, max);
        gone.forEach(m -> remove(m.member()));
        return gone.size();
    }

    /** Removes; whether it was there. */
    public boolean remove(String member) {
        Double old = scores.remove(member);
        if (old == null) {
            return false;
        }
        order.remove(new Member(member, old));
        return true;
    }

    /** The score, or null. */
    public Double score(String member) {
        return scores.get(member);
    }

    /** The rank from the lowest score, or null. */
    public Long rank(String member) {
        Double s = scores.get(member);
        return s == null ? null : (long) order.headSet(new Member(member, s)).size();
    }

    /** The number of members. */
    public int size() {
        return scores.size();
    }

    /** The members from rank {@code start} to {@code stop} (Redis ZRANGE arithmetic). */
    public List<Member> range(long start, long stop) {
        int[] r = Ranges.clamp(start, stop, order.size());
        List<Member> out = new ArrayList<>();
        if (r == null) {
            return out;
        }
        Iterator<Member> it = order.iterator();
        for (int i = 0; i <= r[1]; i++) {
            Member m = it.next();
            if (i >= r[0]) {
                out.add(m);
            }
        }
        return out;
    }

    /** The members whose score is in {@code [min, max]}. */
    public List<Member> rangeByScore(double min, double max) {
        List<Member> out = new ArrayList<>();
        if (min > max) {
            return out;
        }
        for (Member m : order.tailSet(new Member("", min), true)) {
            if (m.score() > max) {
                break;
            }
            out.add(m);
        }
        return out;
    }

    /** Removes and returns the lowest, or null. */
    public Member popMin() {
        Member m = order.pollFirst();
        if (m != null) {
            scores.remove(m.member());
        }
        return m;
    }

    /** Removes and returns the highest, or null. */
    public Member popMax() {
        Member m = order.pollLast();
        if (m != null) {
            scores.remove(m.member());
        }
        return m;
    }

    /** The lowest without removing it, or null. */
    public Member first() {
        return order.isEmpty() ? null : order.first();
    }
}
