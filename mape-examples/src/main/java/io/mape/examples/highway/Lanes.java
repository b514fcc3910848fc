package io.mape.examples.highway;

import io.mape.App;
import io.mape.Output;
import io.mape.MapeOps;
import io.mape.Message;
import io.mape.Plan;
import io.mape.examples.Console;
import io.mape.knowledge.Knowledge;
import io.mape.knowledge.KnowledgeEvent;
import io.mape.knowledge.KSet;

/**
 * The {@code lanes} plan of a {@code carriageway_<x>} loop (PyMAPE's {@code Lanes(Plan)}). Each change of the car
 * sets ({@code sadd}, {@code srem} on {@code carriageway_*_cars} in the App Knowledge) comes in as an event; it
 * gives this carriageway {@code round(maxLanes * cars / (cars + opposite))} lanes (half to even, as Python rounds),
 * at least 1 while it has cars and at most {@code maxLanes - 1} while the other has cars, and sends a changed
 * number as a {@link Message} to {@code lane_<lanes - 1>.set_lane}.
 */
final class Lanes extends Plan<KnowledgeEvent, Message<Integer>> {

    private final int maxLanes;
    private final KSet<String> cars;
    private final KSet<String> oppositeCars;
    private final String opposite;
    private long lastCars;
    private long lastOpposite;

    Lanes(App app, Knowledge k, String carriageway, String opposite, int maxLanes, Console console) {
        super("lanes");
        this.maxLanes = maxLanes;
        this.opposite = opposite;
        this.cars = k.set(carriageway + "_cars", String.class);
        this.oppositeCars = k.set(opposite + "_cars", String.class);
        opsOut(up -> up.distinctUntilChanged(Message::value)
                .doOnNext(m -> console.trace(carriageway, lastCars + " cars here, " + lastOpposite + " on " + opposite
                        + ": " + m.value() + " lanes"))
                .compose(MapeOps.router(app)));
    }

    @Override
    protected void process(KnowledgeEvent change, Output<Message<Integer>> out) {
        long here = cars.size();
        long there = oppositeCars.size();
        if (here + there == 0) {
            return;
        }
        lastCars = here;
        lastOpposite = there;
        int lanes = lanes(maxLanes, here, there);
        out.next(Message.of(lanes, "lane_" + Math.max(0, lanes - 1) + ".set_lane"));
    }

    /** The lanes of a carriageway with {@code cars} cars when the opposite one has {@code opposite}. */
    static int lanes(int maxLanes, long cars, long opposite) {
        int lanes = (int) Math.rint((double) maxLanes / (cars + opposite) * cars);
        if (lanes == 0) {
            return cars == 0 ? 0 : 1;
        }
        if (lanes == maxLanes) {
            return opposite == 0 ? maxLanes : maxLanes - 1;
        }
        return lanes;
    }
}
