package io.mape;

/** The four kinds of MAPE element, each with the start behaviour PyMAPE gives it. */
public enum Kind {
    /** Started by hand with {@link Element#start()}: a monitor waits until its managed system is ready. */
    MONITOR(StartBehaviour.MANUAL),
    /** Starts when the first subscriber arrives. */
    ANALYZE(StartBehaviour.ON_SUBSCRIBE),
    /** Starts when the first subscriber arrives. */
    PLAN(StartBehaviour.ON_SUBSCRIBE),
    /** Starts as soon as it is added to a loop: an executor is the end of the line. */
    EXECUTE(StartBehaviour.ON_CREATION);

    private final StartBehaviour startBehaviour;

    Kind(StartBehaviour startBehaviour) {
        this.startBehaviour = startBehaviour;
    }

    /** When an element of this kind starts by itself. */
    public StartBehaviour startBehaviour() {
        return startBehaviour;
    }

    /** When an element starts processing the items that reach its port in. */
    public enum StartBehaviour {
        /** Only an explicit {@link Element#start()}. */
        MANUAL,
        /** On every subscribe to the element's port out, when not already running. */
        ON_SUBSCRIBE,
        /** When the element is added to its loop. */
        ON_CREATION
    }
}
