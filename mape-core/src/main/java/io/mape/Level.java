package io.mape;

import io.mape.knowledge.Knowledge;
import io.mape.knowledge.Scope;
import java.util.Iterator;
import java.util.List;

/**
 * A named group of loops, for hierarchical control (a loop above managing loops below). Optional: loops made with
 * {@link App#loop(String)} belong to no level. Loop uids stay unique in the whole App, so {@code loop.element}
 * paths work with or without levels; {@code level.loop.element} works too.
 */
public final class Level implements Iterable<Loop> {

    private final App app;
    private final String uid;

    Level(App app, String uid) {
        this.app = app;
        this.uid = uid;
    }

    public String uid() {
        return uid;
    }

    public App app() {
        return app;
    }

    /** The level's Knowledge: keys {@code k.level.<uid>.<name>}. */
    public Knowledge k() {
        return app.knowledgeBackend().knowledge(Scope.level(uid));
    }

    /**
     * The loop of this level with this uid, made on first use; null uid for a new loop with an automatic one.
     *
     * @throws UidClashException when the uid is held in the App by a level, a loop of no level or of another level
     */
    public Loop loop(String uid) {
        return app.loopIn(this, uid);
    }

    /** The loops of this level, in creation order (a snapshot). */
    public List<Loop> loops() {
        return app.loops().stream().filter(l -> l.level().orElse(null) == this).toList();
    }

    @Override
    public Iterator<Loop> iterator() {
        return loops().iterator();
    }

    @Override
    public String toString() {
        return "level " + uid;
    }
}
