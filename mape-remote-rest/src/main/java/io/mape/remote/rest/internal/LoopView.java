package io.mape.remote.rest.internal;

import io.mape.Element;
import io.mape.Loop;
import java.util.List;

/** What {@code GET /loops/{loop}} answers about one loop. */
record LoopView(String uid, boolean paused, boolean dryRun, List<String> elements) {

    static LoopView of(Loop loop) {
        return new LoopView(loop.uid(), loop.isPaused(), loop.isDryRun(), loop.elements().stream().map(Element::uid).toList());
    }
}
