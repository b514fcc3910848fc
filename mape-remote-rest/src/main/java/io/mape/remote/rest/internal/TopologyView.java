package io.mape.remote.rest.internal;

import io.mape.App;
import io.mape.Element;
import io.mape.ElementStats;
import io.mape.Level;
import io.mape.Loop;
import io.mape.remote.DeliveryStats;
import io.mape.remote.Link;
import io.mape.remote.Links;
import io.mape.remote.Source;
import io.reactivex.rxjava3.core.Observer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code GET /topology} answers: the App's levels, loops and elements, its transports' sinks and sources
 * ("channels"), and the links between them, each from a port out (or a source) to a port in (or a sink). An
 * element's id is its path; a channel's is {@code sink:<channel>} or {@code source:<pattern>}, with {@code #n}
 * appended when two of the App's links would share it.
 */
record TopologyView(List<LevelView> levels, List<LoopNode> loops, List<ChannelNode> channels, List<LinkView> links) {

    /** A level and the uids of its loops. */
    record LevelView(String uid, List<String> loops) {
    }

    /** A loop, its level (null when it has none) and its elements. */
    record LoopNode(String uid, String level, boolean paused, boolean dryRun, List<ElementNode> elements) {
    }

    /** One element as the page draws it. */
    record ElementNode(String id, String uid, String kind, String startBehaviour, boolean running, String inputType,
                       String outputType, String className, int observers, ElementStats stats) {
    }

    /** A sink or a source of one of the App's transports. */
    record ChannelNode(String id, String direction, String channel, String transport, DeliveryStats stats) {
    }

    /** A link from {@code from}'s output to {@code to}'s input; {@code remote} when one end is a channel. */
    record LinkView(String from, String to, boolean remote) {
    }

    static TopologyView of(App app) {
        List<LevelView> levels = app.levels().stream()
                .map(l -> new LevelView(l.uid(), l.loops().stream().map(Loop::uid).toList())).toList();
        Map<Object, String> channelIds = new IdentityHashMap<>();
        Links appLinks = Links.of(app);
        List<ChannelNode> channels = channels(appLinks, channelIds);
        List<LoopNode> loops = new ArrayList<>();
        List<LinkView> links = new ArrayList<>();
        for (Loop loop : app.loops()) {
            List<ElementNode> elements = new ArrayList<>();
            for (Element<?, ?> e : loop.elements()) {
                int observers = 0;
                for (Observer<?> target : e.targets()) {
                    if (target instanceof Element<?, ?> t) {
                        links.add(new LinkView(e.path(), t.path(), false));
                    } else if (channelIds.containsKey(target)) {
                        links.add(new LinkView(e.path(), channelIds.get(target), true));
                    } else {
                        observers++;
                    }
                }
                elements.add(node(e, observers));
            }
            loops.add(new LoopNode(loop.uid(), loop.level().map(Level::uid).orElse(null), loop.isPaused(),
                    loop.isDryRun(), elements));
        }
        for (Link link : appLinks.list()) {
            if (link instanceof Source<?> source) {
                for (Observer<?> o : source.observers()) {
                    if (o instanceof Element<?, ?> e) {
                        links.add(new LinkView(channelIds.get(source), e.path(), true));
                    }
                }
            }
        }
        return new TopologyView(levels, loops, channels, links);
    }

    /** The sinks and sources of {@code links}, each given its id in {@code ids}. */
    static List<ChannelNode> channels(Links links, Map<Object, String> ids) {
        List<ChannelNode> channels = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Link link : links.list()) {
            String direction = link.direction().name().toLowerCase(Locale.ROOT);
            String id = direction + ":" + link.channel();
            int n = seen.merge(id, 1, Integer::sum);
            if (n > 1) {
                id = id + "#" + n;
            }
            ids.put(link, id);
            channels.add(new ChannelNode(id, direction, link.channel(), link.transport(), link.stats()));
        }
        return channels;
    }

    private static ElementNode node(Element<?, ?> e, int observers) {
        return new ElementNode(e.path(), e.uid(), e.kind().name().toLowerCase(Locale.ROOT),
                e.kind().startBehaviour().name().toLowerCase(Locale.ROOT), e.isRunning(), e.inputType().getTypeName(),
                e.outputType().getTypeName(), className(e), observers, e.stats());
    }

    private static String className(Element<?, ?> e) {
        String simple = e.getClass().getSimpleName();
        return simple.isEmpty() ? e.getClass().getName() : simple;
    }

    /** The elements of the App by id, in loop order. */
    static Map<String, Element<?, ?>> elements(App app) {
        Map<String, Element<?, ?>> all = new LinkedHashMap<>();
        app.loops().forEach(l -> l.elements().forEach(e -> all.put(e.path(), e)));
        return all;
    }
}
