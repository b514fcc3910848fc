package io.mape.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Uid → member, in insertion order, thread-safe; hands out automatic uids and refuses clashes. */
public final class Registry<T> {

    private static final Pattern UID = Pattern.compile("[A-Za-z0-9_\\-]+");

    private final Map<String, T> members = new LinkedHashMap<>();
    private final Function<String, String> describeScope;

    /** @param describeScope names the scope in error messages, given a uid (e.g. "loop 'ambulance'") */
    public Registry(Function<String, String> describeScope) {
        this.describeScope = describeScope;
    }

    /** Checks a uid a user gave: letters, digits, {@code _} and {@code -}; the dot separates path parts. */
    public static String checkUid(String uid) {
        if (!UID.matcher(uid).matches()) {
            throw new IllegalArgumentException("uid '" + uid + "' must be letters, digits, '_' or '-' "
                    + "(a '.' separates path parts; '*', '?', '[' are channel patterns)");
        }
        return uid;
    }

    /**
     * Adds the member that {@code make} builds for its uid: {@code uid}, or {@code base}, {@code base_2}, ... when
     * uid is null.
     *
     * @param newcomer describes what is being added, for the clash exception, which also names the holder
     * @return the member made
     */
    public synchronized T add(String uid, String base, Function<String, T> make, String newcomer) {
        String used = uid;
        if (used == null) {
            used = checkUid(base);
            for (int i = 2; members.containsKey(used); i++) {
                used = base + "_" + i;
            }
        } else {
            checkUid(used);
            T holder = members.get(used);
            if (holder != null) {
                throw new io.mape.UidClashException("uid '" + used + "' in " + describeScope.apply(used)
                        + " is taken by " + holder + "; cannot add " + newcomer);
            }
        }
        T member = make.apply(used);
        members.put(used, member);
        return member;
    }

    /**
     * The member at {@code uid} when {@code fits} accepts it, else as {@link #add}: a new one for a free or null
     * uid, a clash for one taken by a member that does not fit.
     */
    public synchronized T getOrAdd(String uid, String base, Function<String, T> make, String newcomer,
                                   java.util.function.Predicate<T> fits) {
        T holder = uid == null ? null : members.get(uid);
        return holder != null && fits.test(holder) ? holder : add(uid, base, make, newcomer);
    }

    public synchronized T get(String uid) {
        return members.get(uid);
    }

    public synchronized boolean remove(String uid, T member) {
        return members.remove(uid, member);
    }

    public synchronized List<T> snapshot() {
        return new ArrayList<>(members.values());
    }

    public synchronized List<String> uids() {
        return new ArrayList<>(members.keySet());
    }
}
