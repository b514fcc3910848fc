package io.mape;

import io.mape.codec.JsonCodec;
import io.mape.config.MapeConfig;
import io.mape.internal.Registry;
import io.mape.knowledge.InMemoryKnowledgeBackend;
import io.mape.knowledge.Knowledge;
import io.mape.knowledge.Scope;
import io.mape.knowledge.TypeRef;
import io.mape.knowledge.spi.KnowledgeBackend;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The root of a system of feedback loops: owns its levels, loops, Knowledge and the resources opened for it
 * (servers, connections), and closes them all with {@link #close()}. Create as many as you like; there is no global
 * instance.
 *
 * <pre>{@code
 * try (App app = App.create()) {
 *     Loop loop = app.loop("ambulance");
 *     ...
 * }
 * }</pre>
 *
 * <p>Knowledge lives in a backend chosen with {@link Builder#knowledge}: in memory unless told otherwise.
 *
 * <p>Loop and level uids share one namespace per App, so a dot path names one thing: {@code "ambulance"} (a loop or
 * level), {@code "ambulance.detect"} (an element, or a loop of a level), {@code "level.loop.element"}.
 * Thread-safe.
 */
public final class App implements AutoCloseable, Iterable<Loop> {

    private static final Logger LOG = LoggerFactory.getLogger(App.class);

    private final MapeConfig config;
    private final JsonCodec codec;
    private final Registry<Object> scopes = new Registry<>(u -> "this app");
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final Map<Class<?>, Object> components = new HashMap<>();
    private final KnowledgeBackend knowledge;
    private volatile boolean closed;

    private App(Builder b) {
        this.config = b.config;
        this.codec = b.codec;
        KnowledgeBackend backend;
        try {
            backend = b.knowledge.apply(this);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
        this.knowledge = manage(backend);
    }

    /** An App with the configuration of {@link MapeConfig#load()}: {@code mape.yml} if present, then environment. */
    public static App create() {
        return builder().build();
    }

    /** An App with this configuration. */
    public static App create(MapeConfig config) {
        return builder().config(config).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public MapeConfig config() {
        return config;
    }

    /** The codec every transport of this App uses. */
    public JsonCodec codec() {
        return codec;
    }

    /** The App's Knowledge: keys {@code k.app.<name>}. */
    public Knowledge k() {
        return knowledge.knowledge(Scope.app());
    }

    /** The backend behind every scope's Knowledge of this App. */
    public KnowledgeBackend knowledgeBackend() {
        return knowledge;
    }

    // ---------------------------------------------------------------- structure

    /**
     * The loop in no level with this uid, made on first use: calling it again with the same uid gives the same
     * loop.
     *
     * @param uid unique among the loops and levels of this App; null for a new loop with an automatic one
     * @throws UidClashException when a level, or a loop of a level, holds the uid
     */
    public Loop loop(String uid) {
        return loopIn(null, uid);
    }

    /** The level with this uid, made on first use; uid as for {@link #loop(String)}, clashing with a loop. */
    public Level level(String uid) {
        checkOpen();
        return (Level) scopes.getOrAdd(uid, "level", u -> new Level(this, u), "level '" + uid + "'",
                Level.class::isInstance);
    }

    Loop loopIn(Level level, String uid) {
        checkOpen();
        return (Loop) scopes.getOrAdd(uid, "loop", u -> new Loop(this, level, u),
                "loop '" + uid + "' in " + (level == null ? "no level" : "level '" + level.uid() + "'"),
                held -> held instanceof Loop l && l.level().orElse(null) == level);
    }

    /** The loops, in creation order (a snapshot). */
    public List<Loop> loops() {
        return scopes.snapshot().stream().filter(Loop.class::isInstance).map(Loop.class::cast).toList();
    }

    /** The levels, in creation order (a snapshot). */
    public List<Level> levels() {
        return scopes.snapshot().stream().filter(Level.class::isInstance).map(Level.class::cast).toList();
    }

    @Override
    public Iterator<Loop> iterator() {
        return loops().iterator();
    }

    /**
     * The loop, level or element at a dot path, cast to what the caller expects:
     * {@code Element<Boolean, Boolean> detect = app.get("ambulance.detect");}
     *
     * @throws PathNotFoundException naming the part that is missing and what exists there
     */
    @SuppressWarnings("unchecked")
    public <T> T get(String path) {
        Objects.requireNonNull(path, "path");
        String[] parts = path.split("\\.", -1);
        if (parts.length > 3) {
            throw new PathNotFoundException("path '" + path + "' has " + parts.length
                    + " parts; expected loop, loop.element, level.loop or level.loop.element");
        }
        Object first = scopes.get(parts[0]);
        if (first == null) {
            throw new PathNotFoundException("no loop or level '" + parts[0] + "' in path '" + path + "' (there are: "
                    + String.join(", ", scopes.uids()) + ")");
        }
        if (parts.length == 1) {
            return (T) first;
        }
        if (first instanceof Loop loop) {
            if (parts.length == 3) {
                throw new PathNotFoundException("path '" + path + "': '" + parts[0]
                        + "' is a loop, so the path ends at its element");
            }
            return (T) loop.get(parts[1]);
        }
        Level level = (Level) first;
        Loop loop = level.loops().stream().filter(l -> l.uid().equals(parts[1])).findFirst()
                .orElseThrow(() -> new PathNotFoundException("no loop '" + parts[1] + "' in level '" + parts[0]
                        + "' (loops: " + String.join(", ", level.loops().stream().map(Loop::uid).toList()) + ")"));
        return parts.length == 2 ? (T) loop : (T) loop.get(parts[2]);
    }

    /**
     * The element at a dot path ({@code loop.element} or {@code level.loop.element}), checked against the types the
     * caller expects: {@code Element<Boolean, String> policy = app.element("ambulance.policy", Boolean.class,
     * String.class);}. As {@link Loop#element(String, Class, Class)}.
     *
     * @throws PathNotFoundException    naming the part that is missing and what exists there
     * @throws IllegalArgumentException when the element's declared types do not fit, naming both
     */
    public <I, O> Element<I, O> element(String path, Class<I> input, Class<O> output) {
        return Loop.checked(elementAt(path), Objects.requireNonNull(input, "input"),
                Objects.requireNonNull(output, "output"));
    }

    /** As {@link #element(String, Class, Class)}, for generic types: {@code new TypeRef<Message<Speed>>() {}}. */
    public <I, O> Element<I, O> element(String path, TypeRef<I> input, TypeRef<O> output) {
        return Loop.checked(elementAt(path), Objects.requireNonNull(input, "input").type(),
                Objects.requireNonNull(output, "output").type());
    }

    /** The element at a dot path; a path naming a loop or level is a {@link PathNotFoundException} too. */
    Element<?, ?> elementAt(String path) {
        Object found = get(path);
        if (!(found instanceof Element<?, ?> e)) {
            throw new PathNotFoundException("path '" + path + "' names " + found + ", not an element");
        }
        return e;
    }

    /** The loop, level or element at a dot path, if there is one. */
    public Optional<Object> find(String path) {
        try {
            return Optional.of(get(path));
        } catch (PathNotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * Removes the loop, level (with its loops) or element at a path; removed elements stop, their links are
     * disposed and their subscribers complete.
     *
     * @return false when nothing is there
     */
    public boolean remove(String path) {
        Object target = find(path).orElse(null);
        if (target instanceof Element<?, ?> e) {
            return e.loop().remove(e.uid());
        }
        if (target instanceof Level level) {
            level.loops().forEach(l -> remove(l.uid()));
        }
        if (target instanceof Loop loop) {
            loop.removeAll();
        }
        return target != null && scopes.remove(target instanceof Loop l ? l.uid() : ((Level) target).uid(), target);
    }

    // ---------------------------------------------------------------- resources

    /**
     * Closes {@code resource} when this App closes, after everything registered later (last in, first out).
     *
     * @return the resource, for chaining
     */
    public <C extends AutoCloseable> C manage(C resource) {
        Objects.requireNonNull(resource, "resource");
        synchronized (resources) {
            checkOpen();
            resources.push(resource);
        }
        return resource;
    }

    /**
     * The App's one component of {@code type}, made by {@code factory} on first use and then shared by everything in
     * this App (a module's connection, client or registry). A component that is {@link AutoCloseable} is
     * {@linkplain #manage managed}: it closes with the App. Thread-safe; the factory runs at most once per type and
     * App, and may itself ask for other components.
     *
     * @throws IllegalStateException when the App is closed
     */
    public <T> T component(Class<T> type, Function<App, ? extends T> factory) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(factory, "factory");
        synchronized (components) {
            checkOpen();
            Object existing = components.get(type);
            if (existing != null) {
                return type.cast(existing);
            }
            T made = Objects.requireNonNull(factory.apply(this), "the factory of " + type.getName() + " gave null");
            components.put(type, made);
            if (made instanceof AutoCloseable c) {
                manage(c);
            }
            return made;
        }
    }

    /** The App's component of {@code type} if one was made. */
    public <T> Optional<T> component(Class<T> type) {
        synchronized (components) {
            return Optional.ofNullable(type.cast(components.get(type)));
        }
    }

    /** Stops every element, removes every loop, then closes the managed resources. Idempotent. */
    @Override
    public void close() {
        synchronized (resources) {
            if (closed) {
                return;
            }
            closed = true;
        }
        loops().forEach(Loop::stop);
        loops().forEach(Loop::removeAll);
        AutoCloseable r;
        while ((r = pollResource()) != null) {
            try {
                r.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed", r, e);
            }
        }
    }

    private AutoCloseable pollResource() {
        synchronized (resources) {
            return resources.poll();
        }
    }

    public boolean isClosed() {
        return closed;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this App is closed");
        }
    }

    /** Builds an {@link App}. */
    public static final class Builder {
        private MapeConfig config;
        private JsonCodec codec = JsonCodec.standard();
        private Function<App, KnowledgeBackend> knowledge =
                app -> InMemoryKnowledgeBackend.builder().codec(app.codec()).build();

        private Builder() {
        }

        /** The configuration; default {@link MapeConfig#load()}. */
        public Builder config(MapeConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** The codec for every transport; default {@link JsonCodec#standard()}. */
        public Builder codec(JsonCodec codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /** The Knowledge backend; default in memory. The App closes it when it closes. */
        public Builder knowledge(KnowledgeBackend backend) {
            Objects.requireNonNull(backend, "backend");
            this.knowledge = app -> backend;
            return this;
        }

        /** A Knowledge backend made for the App (e.g. over a connection the App configures). */
        public Builder knowledge(Function<App, KnowledgeBackend> factory) {
            this.knowledge = Objects.requireNonNull(factory, "factory");
            return this;
        }

        public App build() {
            if (config == null) {
                config = MapeConfig.load();
            }
            return new App(this);
        }
    }
}
