package io.mape.remote.rest.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mape.remote.rest.NotificationKind;
import io.mape.remote.rest.Port;
import java.util.Arrays;

/**
 * The OpenAPI 3.0 document of the API, written by hand so that it describes exactly the routes {@link RestApi}
 * registers (the annotation processor of the OpenAPI plugin would need a compile-time model of handlers that take
 * any JSON, decoded by a type known only at run time).
 */
public final class OpenApiDocument {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String LOOP = "/loops/{loop}";
    private static final String ELEMENT = LOOP + "/elements/{element}";

    private OpenApiDocument() {
    }

    /**
     * The document as JSON bytes.
     *
     * @param secured whether requests need a bearer token (adds the scheme and the 401 answers)
     */
    public static byte[] json(ObjectMapper mapper, boolean secured, long maxBodyBytes) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(build(secured, maxBodyBytes));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the OpenAPI document does not serialize", e);
        }
    }

    static ObjectNode build(boolean secured, long maxBodyBytes) {
        ObjectNode doc = JSON.objectNode();
        doc.put("openapi", "3.0.3");
        doc.putObject("info")
                .put("title", "mape-java REST API")
                .put("version", "1.0")
                .put("description", "Look into a running mape-java App and push notifications into the ports of its "
                        + "elements. Items are JSON: a plain item as its own document, decoded into the element's "
                        + "input type; a Message or a CallMethod as an object marked `@type`. Every error answers "
                        + "`{\"error\": \"...\", \"status\": 400}` with its HTTP status in `status`.");
        ArrayNode tags = doc.putArray("tags");
        tags.addObject().put("name", "app").put("description", "Levels and loops of the App; pause, resume and dry-run a loop");
        tags.addObject().put("name", "elements").put("description", "Elements: look, push, start, stop");
        tags.addObject().put("name", "channels").put("description", "Items of a RestTransport's channels");
        tags.addObject().put("name", "live").put("description", "The topology, its live rates and the live page");

        ObjectNode paths = doc.putObject("paths");
        paths.putObject("/levels").set("get", list("listLevels", "app", "The uids of the levels", false));
        paths.putObject("/loops").set("get", list("listLoops", "app", "The uids of the loops", false));
        paths.putObject(LOOP).set("get", loop("describeLoop", "Describe a loop",
                "Its uid, whether it is paused and the uids of its elements."));
        paths.putObject(LOOP + "/pause").set("post", loop("pauseLoop", "Pause a loop",
                "Its Execute elements stop acting: what reaches them is dropped and counted as paused, not replayed."
                        + " Idempotent."));
        paths.putObject(LOOP + "/resume").set("post", loop("resumeLoop", "Resume a loop",
                "Its Execute elements act again on what reaches them from now on. Idempotent."));
        paths.putObject(LOOP + "/dry-run/start").set("post", loop("startDryRun", "Put a loop in dry run",
                "Its Execute elements do not act: what reaches them is reported on Loop.wouldExecute() and counted as"
                        + " dry-run. Idempotent."));
        paths.putObject(LOOP + "/dry-run/stop").set("post", loop("stopDryRun", "Take a loop out of dry run",
                "Its Execute elements act again on what reaches them from now on. Idempotent."));
        paths.putObject("/loops/{loop}/elements").set("get",
                list("listElements", "elements", "The uids of the elements of a loop", true));
        ObjectNode element = paths.putObject(ELEMENT);
        element.set("get", describe());
        element.set("post", push(maxBodyBytes));
        paths.putObject(ELEMENT + "/start").set("post", control("startElement", "Start an element",
                "Starts processing what reaches port in. Idempotent."));
        paths.putObject(ELEMENT + "/stop").set("post", control("stopElement", "Stop an element",
                "Stops processing: port in stays writable and drops (and counts) what arrives. Idempotent."));
        paths.putObject(RestApi.CHANNEL).set("post", channel(maxBodyBytes));
        paths.putObject(RestApi.TOPOLOGY_PATH).set("get", topology());
        paths.putObject(RestApi.EVENTS_PATH).set("get", events());
        paths.putObject(RestApi.UI_PATH).set("get", ui());

        ObjectNode components = doc.putObject("components");
        components.set("schemas", schemas());
        components.set("parameters", parameters());
        components.set("responses", responses());
        if (secured) {
            components.putObject("securitySchemes").putObject("bearer")
                    .put("type", "http").put("scheme", "bearer")
                    .put("description", "The token the server was started with");
            doc.putArray("security").addObject().putArray("bearer");
            paths.properties().forEach(p -> p.getValue().properties().forEach(
                    op -> ((ObjectNode) op.getValue().get("responses")).set("401", ref("responses", "Unauthorized"))));
        }
        return doc;
    }

    private static ObjectNode list(String id, String tag, String summary, boolean inLoop) {
        ObjectNode op = operation(id, tag, summary);
        if (inLoop) {
            op.putArray("parameters").add(ref("parameters", "loop"));
        }
        ObjectNode responses = op.putObject("responses");
        ObjectNode ok = responses.putObject("200").put("description", summary);
        ok.putObject("content").putObject("application/json").putObject("schema")
                .put("type", "array").putObject("items").put("type", "string");
        if (inLoop) {
            responses.set("404", ref("responses", "NotFound"));
        }
        return op;
    }

    private static ObjectNode loop(String id, String summary, String description) {
        ObjectNode op = operation(id, "app", summary).put("description", description);
        op.putArray("parameters").add(ref("parameters", "loop"));
        ObjectNode responses = op.putObject("responses");
        ObjectNode ok = responses.putObject("200").put("description", "The loop");
        ok.putObject("content").putObject("application/json").set("schema", ref("schemas", "LoopInfo"));
        responses.set("404", ref("responses", "NotFound"));
        return op;
    }

    private static ObjectNode describe() {
        ObjectNode op = operation("describeElement", "elements", "Describe an element");
        op.put("description", "Kind, whether it runs, start behaviour, input type, subscribers and counters.");
        elementParameters(op);
        ObjectNode responses = op.putObject("responses");
        responses.set("200", elementInfo("The element"));
        responses.set("404", ref("responses", "NotFound"));
        return op;
    }

    private static ObjectNode push(long maxBodyBytes) {
        ObjectNode op = operation("pushToElement", "elements", "Push a notification into a port of an element");
        op.put("description", "With port=in (the default) an item is decoded into the element's input type and "
                + "processed by it; with port=out it goes straight to the element's subscribers, decoded as plain "
                + "JSON values. notification=error makes the body the message of an error; notification=completed "
                + "ignores the body. Bodies over " + maxBodyBytes + " bytes are refused with 413. The answer comes "
                + "once the port has taken the notification.");
        ArrayNode params = elementParameters(op);
        params.add(queryEnum("port", "The port to push into", Port.IN.wireName(),
                Arrays.stream(Port.values()).map(Port::wireName).toArray(String[]::new)));
        params.add(queryEnum("notification", "The kind of notification", NotificationKind.NEXT.wireName(),
                Arrays.stream(NotificationKind.values()).map(NotificationKind::wireName).toArray(String[]::new)));
        traceHeaders(params);
        ObjectNode body = op.putObject("requestBody").put("required", false)
                .put("description", "The item as JSON (required for notification=next)");
        ObjectNode media = body.putObject("content").putObject("application/json");
        media.putObject("schema").put("description", "Any JSON value that decodes into the element's input type");
        ObjectNode examples = media.putObject("examples");
        examples.putObject("plain").put("summary", "A plain item").putObject("value").put("speed", 90);
        ObjectNode message = examples.putObject("message").put("summary", "A Message envelope").putObject("value");
        message.put("@type", "message").put("value", true).put("src", "car_a.detect");
        ObjectNode call = examples.putObject("call").put("summary", "A CallMethod envelope").putObject("value");
        call.put("@type", "call").put("name", "setTarget").putArray("args").add(90);
        pushResponses(op, "The port took the notification", "Accepted", "400", "BadRequest", "404", "NotFound",
                "409", "Conflict", "413", "TooLarge", "415", "UnsupportedMediaType", "422", "RefusedCall");
        return op;
    }

    private static ObjectNode channel(long maxBodyBytes) {
        ObjectNode op = operation("pushToChannel", "channels", "Push an item on a channel");
        op.put("description", "What a RestTransport's sink sends: the item's JSON, given as it is to every source "
                + "of the App's RestTransports whose pattern (Redis glob rules) matches the channel. When none "
                + "matches and the channel is an element's path (loop.element), the item goes into that element's "
                + "port in, decoded into its input type. Otherwise nobody hears it (receivers 0), as on pub/sub. "
                + "Bodies over " + maxBodyBytes + " bytes are refused with 413. The answer comes once the receivers "
                + "have taken the item.");
        ArrayNode params = op.putArray("parameters");
        params.addObject().put("name", "channel").put("in", "path").put("required", true)
                .put("description", "The channel, e.g. car_a.detect").putObject("schema").put("type", "string");
        traceHeaders(params);
        op.putObject("requestBody").put("required", true).put("description", "The item as JSON")
                .putObject("content").putObject("application/json").putObject("schema")
                .put("description", "Any JSON value");
        pushResponses(op, "The receivers took the item", "ChannelAccepted", "400", "BadRequest", "413", "TooLarge",
                "415", "UnsupportedMediaType", "422", "RefusedCall");
        return op;
    }

    private static ObjectNode topology() {
        ObjectNode op = operation("getTopology", "live", "The App's topology").put("description",
                "Its levels; its loops with their elements (kind, start behaviour, running, input and output types, "
                        + "counters); its transports' sinks and sources (channels, with their delivery counters); "
                        + "and the links from each port out or source to each port in or sink. An element's id is its "
                        + "path, a channel's sink:{channel} or source:{pattern}. Other observers of a port out are "
                        + "counted in the element's observers.");
        ObjectNode ok = op.putObject("responses").putObject("200").put("description", "The topology");
        ok.putObject("content").putObject("application/json").set("schema", ref("schemas", "Topology"));
        return op;
    }

    private static ObjectNode events() {
        ObjectNode op = operation("followEvents", "live", "Live rates and drops (Server-Sent Events)").put(
                "description", "Send 'Accept: text/event-stream'. Every second one event named tick whose data is "
                        + "JSON: {time, elements: {id: line}, channels: {id: line}}, a line being {running, "
                        + "inPerSecond, outPerSecond, itemsIn, itemsOut, errors, droppedSinceLastTick: {reason: n}} "
                        + "(a sink's in is what it accepted and out what it sent; a source's in is what it received, "
                        + "out what it delivered). At most " + LiveEvents.MAX_CLIENTS + " clients at once. A client "
                        + "that does not keep up misses ticks (the newest replaces one not yet written to it) and is "
                        + "disconnected when a write to it stays unfinished for " + LiveEvents.STALL_MILLIS / 1000
                        + " s.");
        ObjectNode responses = op.putObject("responses");
        responses.putObject("200").put("description", "The stream").putObject("content")
                .putObject("text/event-stream").putObject("schema").put("type", "string");
        error(responses, "406", "The request did not say 'Accept: text/event-stream'");
        error(responses, "503", "As many clients as the server serves are connected");
        return op;
    }

    private static ObjectNode ui() {
        ObjectNode op = operation("livePage", "live", "The live page").put("description",
                "The topology drawn in PyMAPE's graphical notation with live rates and drops, and start and stop "
                        + "per element. Open it once as /ui?token={token}: the answer sets an HttpOnly, "
                        + "SameSite=Strict session cookie holding the token and redirects (303) to /ui, whose requests "
                        + "the cookie then authorizes.");
        op.putArray("parameters").addObject().put("name", "token").put("in", "query").put("required", false)
                .put("description", "The server's token, once").putObject("schema").put("type", "string");
        ObjectNode responses = op.putObject("responses");
        responses.putObject("200").put("description", "The page").putObject("content").putObject("text/html")
                .putObject("schema").put("type", "string");
        responses.putObject("303").put("description", "The token was right: the session cookie is set, go to /ui");
        return op;
    }

    /** The W3C trace context headers a push takes for a bare value (an envelope carries its own). */
    private static void traceHeaders(ArrayNode params) {
        params.addObject().put("name", "traceparent").put("in", "header").put("required", false)
                .put("description", "W3C traceparent of the item when the body is a bare value, not an envelope: "
                        + "an element taking Messages gets it in this trace. A malformed one starts a new trace.")
                .putObject("schema").put("type", "string")
                .put("example", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        params.addObject().put("name", "tracestate").put("in", "header").put("required", false)
                .put("description", "W3C tracestate, with traceparent").putObject("schema").put("type", "string");
    }

    /** The answers of a push: 200 with {@code schema}, then each status with its error response. */
    private static void pushResponses(ObjectNode op, String description, String schema, String... statusAndName) {
        ObjectNode responses = op.putObject("responses");
        ObjectNode accepted = responses.putObject("200").put("description", description);
        accepted.putObject("content").putObject("application/json").set("schema", ref("schemas", schema));
        for (int i = 0; i < statusAndName.length; i += 2) {
            responses.set(statusAndName[i], ref("responses", statusAndName[i + 1]));
        }
    }

    private static ObjectNode control(String id, String summary, String description) {
        ObjectNode op = operation(id, "elements", summary).put("description", description);
        elementParameters(op);
        ObjectNode responses = op.putObject("responses");
        responses.set("200", elementInfo("The element, after the change"));
        responses.set("404", ref("responses", "NotFound"));
        return op;
    }

    private static ObjectNode operation(String id, String tag, String summary) {
        ObjectNode op = JSON.objectNode();
        op.putArray("tags").add(tag);
        op.put("operationId", id).put("summary", summary);
        return op;
    }

    private static ArrayNode elementParameters(ObjectNode op) {
        ArrayNode params = op.putArray("parameters");
        params.add(ref("parameters", "loop"));
        params.add(ref("parameters", "element"));
        return params;
    }

    private static ObjectNode elementInfo(String description) {
        ObjectNode r = JSON.objectNode().put("description", description);
        r.putObject("content").putObject("application/json").set("schema", ref("schemas", "ElementInfo"));
        return r;
    }

    private static ObjectNode queryEnum(String name, String description, String dflt, String... values) {
        ObjectNode p = JSON.objectNode().put("name", name).put("in", "query").put("required", false)
                .put("description", description);
        ObjectNode schema = p.putObject("schema").put("type", "string").put("default", dflt);
        ArrayNode e = schema.putArray("enum");
        Arrays.stream(values).forEach(e::add);
        return p;
    }

    private static ObjectNode schemas() {
        ObjectNode s = JSON.objectNode();
        ObjectNode error = properties(s.putObject("Error"), "error", "status");
        error.putObject("error").put("type", "string").put("description", "What went wrong");
        error.putObject("status").put("type", "integer").put("description", "The HTTP status");

        ObjectNode accepted = properties(s.putObject("Accepted"), "port", "accepted");
        accepted.putObject("port").put("type", "string").put("description", "The port that took it");
        accepted.putObject("accepted").put("type", "string").put("description", "The kind of notification taken");

        ObjectNode channel = properties(s.putObject("ChannelAccepted"), "channel", "receivers");
        channel.putObject("channel").put("type", "string").put("description", "The channel it came on");
        channel.putObject("receivers").put("type", "integer")
                .put("description", "How many sources (or the element of that path) took it; 0: nobody heard it");

        ObjectNode stats = properties(s.putObject("ElementStats"), "itemsIn", "itemsOut", "dropped", "errors",
                "refusedCalls");
        counter(stats, "itemsIn", "Items that reached port in");
        counter(stats, "itemsOut", "Items emitted through port out");
        counter(stats, "dropped", "Items dropped: arrived while stopped or paused, overflowed, ... (see droppedBy)");
        counter(stats, "errors", "Errors thrown by user code or received on port in");
        counter(stats, "refusedCalls", "CallMethods refused");

        ObjectNode loop = properties(s.putObject("LoopInfo"), "uid", "paused", "dryRun", "elements");
        loop.putObject("uid").put("type", "string");
        loop.putObject("paused").put("type", "boolean")
                .put("description", "Whether its Execute elements are paused (they drop what arrives, counted)");
        loop.putObject("dryRun").put("type", "boolean")
                .put("description", "Whether its Execute elements are in dry run (they report what arrives, counted)");
        loop.putObject("elements").put("type", "array").put("description", "The uids of its elements")
                .putObject("items").put("type", "string");

        ObjectNode p = properties(s.putObject("ElementInfo"), "uid", "path", "kind", "running", "startBehaviour",
                "inputType", "subscribers", "stats");
        p.putObject("uid").put("type", "string");
        p.putObject("path").put("type", "string").put("description", "loop.element");
        ArrayNode kinds = p.putObject("kind").put("type", "string").putArray("enum");
        kinds.add("monitor").add("analyze").add("plan").add("execute");
        p.putObject("running").put("type", "boolean");
        ArrayNode starts = p.putObject("startBehaviour").put("type", "string").putArray("enum");
        starts.add("manual").add("on_subscribe").add("on_creation");
        p.putObject("inputType").put("type", "string").put("description", "The Java type port in decodes into");
        p.putObject("subscribers").put("type", "integer");
        p.set("stats", ref("schemas", "ElementStats"));

        ObjectNode topology = properties(s.putObject("Topology"), "levels", "loops", "channels", "links");
        topology.putObject("levels").put("type", "array").putObject("items").put("type", "object")
                .put("description", "{uid, loops: [uid]}");
        topology.putObject("loops").put("type", "array").putObject("items").put("type", "object").put("description",
                "{uid, level, paused, dryRun, elements: [{id, uid, kind, startBehaviour, running, inputType, "
                        + "outputType, className, observers, stats}]}");
        topology.putObject("channels").put("type", "array").putObject("items").put("type", "object")
                .put("description", "{id, direction: sink|source, channel, transport, stats}");
        topology.putObject("links").put("type", "array").putObject("items").put("type", "object")
                .put("description", "{from, to, remote}: from a port out or source to a port in or sink");
        return s;
    }

    /** Makes {@code schema} an object with these required members; returns its (empty) properties. */
    private static ObjectNode properties(ObjectNode schema, String... required) {
        schema.put("type", "object");
        ArrayNode r = schema.putArray("required");
        Arrays.stream(required).forEach(r::add);
        return schema.putObject("properties");
    }

    private static void counter(ObjectNode properties, String name, String description) {
        properties.putObject(name).put("type", "integer").put("format", "int64").put("description", description);
    }

    private static ObjectNode parameters() {
        ObjectNode p = JSON.objectNode();
        p.putObject("loop").put("name", "loop").put("in", "path").put("required", true)
                .put("description", "The uid of a loop").putObject("schema").put("type", "string");
        p.putObject("element").put("name", "element").put("in", "path").put("required", true)
                .put("description", "The uid of an element in that loop").putObject("schema").put("type", "string");
        return p;
    }

    private static ObjectNode responses() {
        ObjectNode r = JSON.objectNode();
        error(r, "NotFound", "No such loop or element; the message names it");
        error(r, "BadRequest", "Unknown port or notification, malformed JSON, or a body that is not the input type");
        error(r, "TooLarge", "The body is over the server's limit");
        error(r, "Conflict", "completed or error on port out of an element that did not opt in to end it");
        error(r, "UnsupportedMediaType", "A body that is not sent as application/json");
        error(r, "RefusedCall", "A CallMethod the element has no @CallableMethod for, or whose arguments do not fit");
        error(r, "Unauthorized", "No bearer token, or the wrong one");
        return r;
    }

    private static void error(ObjectNode responses, String name, String description) {
        responses.putObject(name).put("description", description).putObject("content")
                .putObject("application/json").set("schema", ref("schemas", "Error"));
    }

    private static ObjectNode ref(String section, String name) {
        return JSON.objectNode().put("$ref", "#/components/" + section + "/" + name);
    }
}
