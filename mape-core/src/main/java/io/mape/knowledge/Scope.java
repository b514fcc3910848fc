package io.mape.knowledge;

import java.util.Objects;

/**
 * Where a Knowledge lives: the App, a Level or a Loop. Each scope owns the keys under its prefix, named exactly as
 * PyMAPE names them, so Python and Java loops can share one Redis: {@code k.app.<key>}, {@code k.level.<uid>.<key>},
 * {@code k.loop.<uid>.<key>}.
 *
 * <p>A scope may live in a <b>namespace</b> ({@link #in(String)}), which goes in front of its keys:
 * {@code Scope.app().in("traffic")} owns {@code traffic:k.app.<key>}, so that unrelated systems sharing one Redis
 * keep apart. Without one (the default) the keys are PyMAPE's. A backend built with a namespace puts the scopes it is
 * asked for in it.
 *
 * <p>A uid may not be empty nor contain {@code .} or a glob character ({@code * ? [ ] \}), so the scope of a key is
 * never ambiguous and a key pattern never leaks out of its scope; a namespace may hold letters, digits, {@code _},
 * {@code -} and {@code .}. Immutable and thread-safe.
 */
public final class Scope {

    /** The three kinds of scope. */
    public enum Kind {
        /** The whole App. */
        APP,
        /** A Level, a group of loops. */
        LEVEL,
        /** One Loop. */
        LOOP
    }

    private static final Scope APP = new Scope(Kind.APP, null, "");

    private final Kind kind;
    private final String uid;
    private final String namespace;
    private final String prefix;

    private Scope(Kind kind, String uid, String namespace) {
        this.kind = kind;
        this.uid = uid;
        this.namespace = namespace;
        String pyMape = switch (kind) {
            case APP -> "k.app.";
            case LEVEL -> "k.level." + uid + ".";
            case LOOP -> "k.loop." + uid + ".";
        };
        this.prefix = namespace.isEmpty() ? pyMape : namespace + ":" + pyMape;
    }

    /** The App scope, prefix {@code k.app.}. */
    public static Scope app() {
        return APP;
    }

    /** The scope of the Level {@code uid}, prefix {@code k.level.<uid>.}. */
    public static Scope level(String uid) {
        return new Scope(Kind.LEVEL, checkUid(uid), "");
    }

    /** The scope of the Loop {@code uid}, prefix {@code k.loop.<uid>.}. */
    public static Scope loop(String uid) {
        return new Scope(Kind.LOOP, checkUid(uid), "");
    }

    /**
     * This scope in {@code namespace}: its keys get {@code <namespace>:} in front ({@code traffic:k.app.speed}); an
     * empty namespace gives the scope without one, whose keys are PyMAPE's.
     *
     * @throws IllegalArgumentException when the namespace holds anything but letters, digits, {@code _ - .}
     */
    public Scope in(String namespace) {
        Objects.requireNonNull(namespace, "namespace");
        for (int i = 0; i < namespace.length(); i++) {
            char c = namespace.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.')) {
                throw new IllegalArgumentException("a namespace may hold letters, digits, '_', '-' and '.', not '"
                        + c + "': " + namespace);
            }
        }
        return namespace.equals(this.namespace) ? this : new Scope(kind, uid, namespace);
    }

    /** The namespace, empty for none (PyMAPE's keys). */
    public String namespace() {
        return namespace;
    }

    /** The kind of this scope. */
    public Kind kind() {
        return kind;
    }

    /** The uid of the Level or Loop; {@code null} for the App scope. */
    public String uid() {
        return uid;
    }

    /** The key prefix, namespace included, with its trailing dot: {@code k.loop.car_a.}, {@code traffic:k.app.}. */
    public String prefix() {
        return prefix;
    }

    /** The full key of {@code name} in this scope: {@code key("cars")} is {@code k.loop.car_a.cars}. */
    public String key(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a key name may not be empty");
        }
        return prefix.concat(name);
    }

    /** Whether {@code key} is a full key of this scope. */
    public boolean owns(String key) {
        return key.length() > prefix.length() && key.startsWith(prefix);
    }

    /** The name of a full key of this scope, relative to it: {@code k.loop.car_a.cars} gives {@code cars}. */
    public String nameOf(String key) {
        if (!owns(key)) {
            throw new IllegalArgumentException("'" + key + "' is not a key of scope " + this);
        }
        return key.substring(prefix.length());
    }

    private static String checkUid(String uid) {
        Objects.requireNonNull(uid, "uid");
        if (uid.isEmpty()) {
            throw new IllegalArgumentException("a scope uid may not be empty");
        }
        for (int i = 0; i < uid.length(); i++) {
            char c = uid.charAt(i);
            if (c == '.' || c == '*' || c == '?' || c == '[' || c == ']' || c == '\\' || Character.isISOControl(c)) {
                throw new IllegalArgumentException("a scope uid may not contain '" + c + "': " + uid);
            }
        }
        return uid;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Scope s && s.prefix.equals(prefix);
    }

    @Override
    public int hashCode() {
        return prefix.hashCode();
    }

    /** The prefix without its trailing dot: {@code k.loop.car_a}, {@code traffic:k.app}. */
    @Override
    public String toString() {
        return prefix.substring(0, prefix.length() - 1);
    }
}
