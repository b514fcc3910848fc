package io.mape.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.mape.CallMethod;
import io.mape.Message;
import io.mape.TraceContext;
import io.mape.internal.WireText;
import java.io.IOException;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The one JSON codec of every transport. A plain item travels as its own JSON document, so {@code true} or
 * {@code {"speed":90}} from any client reaches a typed element; {@link Message} and {@link CallMethod} travel as
 * objects marked {@code "@type":"message"} / {@code "@type":"call"}. No Java serialization, no default
 * polymorphic typing: the receiver always names the type to decode into.
 *
 * <p>The standard mapper refuses what would lose information: a fraction into an integer ({@code 1.5} into an
 * {@code Integer}), a number into a Boolean, a number too large for a {@code double} ({@code 1e400}) or an
 * {@code Instant}, and trailing tokens after the document ({@code true false}). A timestamp is an ISO-8601 string
 * or a number of epoch seconds (PyMAPE's {@code time.time()}).
 *
 * <p>Thread-safe; share one instance. {@link #standard()} is the default every App uses.
 */
public final class JsonCodec {

    /** The member that marks an envelope object. */
    public static final String TYPE_MARKER = "@type";

    private static final JsonCodec STANDARD = new JsonCodec(defaultMapper());
    private static final Set<String> MESSAGE_MEMBERS =
            Set.of("value", "src", "dst", "hops", "timestamp", "traceparent", "tracestate", "origin", "traceId",
                    "trace_id");
    private static final byte[] MARKER = ("\"" + TYPE_MARKER + "\"").getBytes(StandardCharsets.UTF_8);

    private final ObjectMapper mapper;

    /** A codec over a copy of this mapper: register modules on it before; later changes do not reach the codec. */
    public JsonCodec(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper").copy();
    }

    /** The shared default codec. */
    public static JsonCodec standard() {
        return STANDARD;
    }

    /**
     * A new mapper configured as the standard codec's: java.time as ISO strings, unknown members refused, and none
     * of the lossy coercions listed above.
     */
    public static ObjectMapper defaultMapper() {
        SimpleModule strict = new SimpleModule("mape-strict-numbers")
                .addDeserializer(Double.class, new FiniteDouble(Double.class, null))
                .addDeserializer(double.class, new FiniteDouble(Double.TYPE, 0d))
                .addDeserializer(Instant.class, new StrictInstant());
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(strict)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfig(LogicalType.Boolean, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
                .build();
    }

    /**
     * A copy of the mapper underneath, for transports that stream or build types
     * ({@code mapper().getTypeFactory()}); changing it does not change the codec.
     */
    public ObjectMapper mapper() {
        return mapper.copy();
    }

    /** The JSON of an item; envelopes get their type marker. */
    public byte[] encode(Object item) {
        try {
            return mapper.writeValueAsBytes(toTree(item));
        } catch (JsonProcessingException e) {
            throw new CodecException("cannot encode " + item.getClass().getName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The JSON of an item as a string. */
    public String encodeToString(Object item) {
        return new String(encode(item), StandardCharsets.UTF_8);
    }

    /** Decodes bytes into {@code type}, with no envelopes. */
    public <T> T decode(byte[] json, Class<T> type) {
        return type.cast(decode(json, (Type) type));
    }

    /** Decodes bytes into {@code type}, with no envelopes. */
    public Object decode(byte[] json, Type type) {
        JavaType target = mapper.constructType(type);
        try {
            return mapper.readValue(json, target);
        } catch (IOException e) {
            throw failure(target, json, e);
        }
    }

    /**
     * Decodes an item for an element whose input type is {@code inputType}: a {@code call} envelope becomes a
     * {@link CallMethod} whatever the input type; a {@code message} envelope becomes a {@link Message} when the
     * input type is a Message (its value decoded into the type argument) or {@code Object}, and just its value,
     * decoded into the input type, for any other input type; a plain document becomes the input type, wrapped in a
     * new Message when the input type is a Message, unless it is an object of a Message's members only ({@code value},
     * {@code src}, {@code dst}, {@code timestamp}, {@code hops}, and the trace members {@code traceparent},
     * {@code tracestate}, {@code origin}, {@code traceId}/{@code trace_id}: PyMAPE's Message in JSON), which is read
     * as one. A malformed {@code traceparent} starts a new trace (see {@link TraceContext#parseOrStart}).
     */
    public Object decodeItem(byte[] json, Type inputType) {
        JavaType target = mapper.constructType(inputType);
        if (isBlank(json)) {
            throw new CodecException("expected " + describe(target) + " but the body was empty");
        }
        if (!mentionsMarker(json) && target.getRawClass() != Message.class) {
            return plainItem(json, target);
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(json);
        } catch (IOException e) {
            throw failure(target, json, e);
        }
        return fromTree(tree, target, json);
    }

    /**
     * The common case, with no envelope and no Message wanted: straight into the type, with no tree in between (a
     * Message goes through the tree, since PyMAPE writes one without a marker).
     */
    private Object plainItem(byte[] json, JavaType target) {
        Object value;
        try {
            value = mapper.readValue(json, target);
        } catch (IOException e) {
            throw failure(target, json, e);
        }
        if (value == null) {
            throw new CodecException("expected " + describe(target) + " but got null");
        }
        return value;
    }

    /**
     * A body received with W3C trace context headers ({@code traceparent}, {@code tracestate}; null when absent),
     * as {@link #decodeItem} should see it: a bare value becomes a message envelope carrying them, so an element
     * taking Messages gets one in that trace; an envelope, a PyMAPE Message or a body that is not JSON is returned
     * as it is (an envelope's own trace context wins; bad JSON is refused by {@code decodeItem}).
     */
    public byte[] withTraceHeaders(byte[] body, String traceparent, String tracestate) {
        if (traceparent == null || mentionsMarker(body)) {
            return body;
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(body);
        } catch (IOException e) {
            return body;
        }
        if (tree == null || tree.isNull() || isBareMessage(tree)) {
            return body;
        }
        ObjectNode o = mapper.createObjectNode();
        o.put(TYPE_MARKER, "message");
        o.set("value", tree);
        o.put("traceparent", traceparent);
        if (tracestate != null) {
            o.put("tracestate", tracestate);
        }
        try {
            return mapper.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            return body;
        }
    }

    /**
     * The {@code traceparent} and {@code tracestate} of an encoded message envelope, as HTTP headers to send with
     * it (name to value); empty for any other body.
     */
    public Map<String, String> traceHeaders(byte[] json) {
        if (!mentionsMarker(json)) {
            return Map.of();
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(json);
        } catch (IOException e) {
            return Map.of();
        }
        if (tree == null || !tree.isObject() || !"message".equals(text(tree, TYPE_MARKER))) {
            return Map.of();
        }
        String parent = text(tree, "traceparent");
        String state = text(tree, "tracestate");
        if (parent == null) {
            return Map.of();
        }
        return state == null || state.isEmpty() ? Map.of("traceparent", parent)
                : Map.of("traceparent", parent, "tracestate", state);
    }

    /** Whether the bytes hold {@code "@type"} anywhere; when they do not, there is no envelope to look for. */
    private static boolean mentionsMarker(byte[] json) {
        outer:
        for (int i = 0, last = json.length - MARKER.length; i <= last; i++) {
            for (int j = 0; j < MARKER.length; j++) {
                if (json[i + j] != MARKER[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean isBlank(byte[] json) {
        for (byte b : json) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    /** Converts a value already decoded (a Map, a List, a number) into {@code type}. */
    public Object convert(Object value, Type type) {
        JavaType target = mapper.constructType(type);
        try {
            return mapper.convertValue(value, target);
        } catch (IllegalArgumentException e) {
            throw new CodecException("expected " + describe(target) + " but got " + value + ": " + e.getMessage(), e);
        }
    }

    private Object fromTree(JsonNode tree, JavaType target, byte[] json) {
        String marker = tree.isObject() && tree.get(TYPE_MARKER) != null ? tree.get(TYPE_MARKER).asText() : null;
        boolean wantsMessage = target.getRawClass() == Message.class;
        JavaType valueType = wantsMessage ? target.containedTypeOrUnknown(0) : target;
        try {
            if ("call".equals(marker)) {
                return readCall(tree);
            }
            if ("message".equals(marker)) {
                Message<Object> m = readMessage((ObjectNode) tree, valueType);
                return wantsMessage || target.getRawClass() == Object.class ? m : m.value();
            }
            if (marker != null) {
                throw new CodecException("unknown " + TYPE_MARKER + " '" + marker + "': expected 'message' or 'call'");
            }
            if (wantsMessage && isBareMessage(tree)) {
                return readMessage((ObjectNode) tree, valueType);
            }
            Object value = mapper.treeToValue(tree, valueType);
            if (value == null) {
                throw new CodecException("expected " + describe(target) + " but got null");
            }
            return wantsMessage ? Message.of(value) : value;
        } catch (IOException | IllegalArgumentException e) {
            throw failure(target, json, e);
        }
    }

    /**
     * Whether an object without a marker is a Message as PyMAPE writes one ({@code dataclasses.asdict}): a
     * {@code value} and no member a Message does not have.
     */
    private static boolean isBareMessage(JsonNode tree) {
        if (!tree.isObject() || !tree.has("value")) {
            return false;
        }
        for (Iterator<String> names = tree.fieldNames(); names.hasNext(); ) {
            if (!MESSAGE_MEMBERS.contains(names.next())) {
                return false;
            }
        }
        return true;
    }

    private CallMethod readCall(JsonNode tree) throws IOException {
        JsonNode name = tree.get("name");
        if (name == null || !name.isTextual()) {
            throw new CodecException("a call needs a string member 'name', got " + abbreviate(tree.toString()));
        }
        List<Object> args = new ArrayList<>();
        JsonNode a = tree.get("args");
        if (a != null && !a.isNull()) {
            if (!a.isArray()) {
                throw new CodecException("the 'args' of a call must be an array, got " + abbreviate(a.toString()));
            }
            for (JsonNode arg : a) {
                args.add(mapper.treeToValue(arg, Object.class));
            }
        }
        return new CallMethod(name.asText(), args);
    }

    private Message<Object> readMessage(ObjectNode tree, JavaType valueType) throws IOException {
        JsonNode value = tree.get("value");
        if (value == null || value.isNull()) {
            throw new CodecException("a message needs a member 'value', got " + abbreviate(tree.toString()));
        }
        Object v = mapper.treeToValue(value, valueType);
        JsonNode ts = tree.get("timestamp");
        Instant timestamp = ts == null || ts.isNull() ? Instant.now() : timestamp(ts, "timestamp");
        return new Message<>(v, text(tree, "src"), text(tree, "dst"), hops(tree.get("hops")), timestamp,
                trace(tree, timestamp));
    }

    /**
     * The trace context of a message envelope: its {@code traceparent}, {@code tracestate} and {@code origin}; a
     * bare {@code traceId} (or PyMAPE's {@code trace_id}, a UUID too) when it has no traceparent; else a new trace
     * beginning at the message's timestamp. A malformed traceparent or trace id starts a new trace, counted by
     * {@link TraceContext#rejected()}: the item is not lost for it.
     */
    private static TraceContext trace(JsonNode tree, Instant timestamp) {
        JsonNode o = tree.get("origin");
        Instant origin = o == null || o.isNull() ? timestamp : timestamp(o, "origin");
        String traceparent = text(tree, "traceparent");
        if (traceparent == null) {
            String id = text(tree, "traceId");
            id = id == null ? text(tree, "trace_id") : id;
            if (id != null) {
                String hex = id.replace("-", "").toLowerCase(Locale.ROOT);
                traceparent = "00-" + hex + "-" + TraceContext.start(origin).spanId() + "-01";
            }
        }
        return TraceContext.parseOrStart(traceparent, text(tree, "tracestate"), origin, "a message envelope");
    }

    /** A count, or PyMAPE's list of the elements crossed. */
    private static int hops(JsonNode hops) {
        if (hops == null || hops.isNull()) {
            return 0;
        }
        if (hops.isArray()) {
            return hops.size();
        }
        if (hops.isIntegralNumber() && hops.canConvertToInt() && hops.intValue() >= 0) {
            return hops.intValue();
        }
        throw new CodecException("the hops of a message must be a count or a list, got " + abbreviate(hops.toString()));
    }

    private static Instant timestamp(JsonNode ts, String member) {
        try {
            if (ts.isNumber() && !(ts.isFloatingPointNumber() && !Double.isFinite(ts.doubleValue()))) {
                return epochSeconds(ts.decimalValue());
            }
            if (ts.isTextual()) {
                return Instant.parse(ts.asText());
            }
        } catch (DateTimeException | ArithmeticException e) {
            throw new CodecException("the " + member + " of a message must be an ISO-8601 instant or epoch seconds, got "
                    + abbreviate(ts.toString()) + ": " + e.getMessage(), e);
        }
        throw new CodecException("the " + member + " of a message must be an ISO-8601 instant or epoch seconds, got "
                + abbreviate(ts.toString()));
    }

    /** Epoch seconds with a fraction, as PyMAPE's {@code time.time()}; out of the Instant range is refused. */
    private static Instant epochSeconds(BigDecimal seconds) {
        BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
        long nanos = seconds.subtract(whole).movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValue();
        return Instant.ofEpochSecond(whole.longValueExact(), nanos);
    }

    private static String text(JsonNode tree, String member) {
        JsonNode n = tree.get(member);
        return n == null || n.isNull() ? null : n.asText();
    }

    private JsonNode toTree(Object item) {
        if (item instanceof Message<?> m) {
            ObjectNode o = mapper.createObjectNode();
            o.put(TYPE_MARKER, "message");
            o.set("value", mapper.valueToTree(m.value()));
            o.put("src", m.src());
            o.put("dst", m.dst());
            o.put("hops", m.hops());
            o.put("timestamp", m.timestamp().toString());
            o.put("traceparent", m.traceparent());
            if (!m.tracestate().isEmpty()) {
                o.put("tracestate", m.tracestate());
            }
            o.put("origin", m.origin().toString());
            return o;
        }
        if (item instanceof CallMethod c) {
            ObjectNode o = mapper.createObjectNode();
            o.put(TYPE_MARKER, "call");
            o.put("name", c.name());
            o.set("args", mapper.valueToTree(c.args()));
            return o;
        }
        return mapper.valueToTree(item);
    }

    private static CodecException failure(JavaType target, byte[] json, Exception e) {
        String reason = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        if (e instanceof CodecException c) {
            return c;
        }
        return new CodecException("expected " + describe(target) + " but got "
                + abbreviate(new String(json, StandardCharsets.UTF_8)) + ": " + reason, e);
    }

    private static String describe(JavaType t) {
        return t.getRawClass() == Object.class ? "a JSON value" : t.toCanonical();
    }

    /** At most 120 characters, with control characters escaped so that wire bytes cannot forge log lines. */
    private static String abbreviate(String s) {
        return WireText.escape(s.length() <= 120 ? s : s.substring(0, 117) + "...");
    }

    /** A double that refuses a number too large for it, which Jackson would read as an infinity. */
    private static final class FiniteDouble extends NumberDeserializers.DoubleDeserializer {
        FiniteDouble(Class<Double> type, Double nullValue) {
            super(type, nullValue);
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            boolean number = p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT
                    || p.currentToken() == JsonToken.VALUE_NUMBER_INT;
            String text = number ? p.getText() : null;
            Double d = super.deserialize(p, ctxt);
            if (number && d != null && d.isInfinite()) {
                return (Double) ctxt.handleWeirdNumberValue(handledType(), d, "%s is out of the range of a double",
                        text);
            }
            return d;
        }
    }

    /** An Instant from an ISO-8601 string or epoch seconds; a number out of the Instant range is refused. */
    private static final class StrictInstant extends StdScalarDeserializer<Instant> {
        StrictInstant() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            try {
                if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                    return epochSeconds(p.getDecimalValue());
                }
                if (t == JsonToken.VALUE_STRING) {
                    return Instant.parse(p.getText().trim());
                }
            } catch (DateTimeException | ArithmeticException e) {
                return (Instant) ctxt.handleWeirdStringValue(Instant.class, p.getText(),
                        "not an instant (ISO-8601, or epoch seconds in range): %s", e.getMessage());
            }
            return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
        }
    }
}
