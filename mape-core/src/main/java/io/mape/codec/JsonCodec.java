package io.mape.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.mape.CallMethod;
import io.mape.Message;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one JSON codec of every transport. A plain item travels as its own JSON document, so {@code true} or
 * {@code {"speed":90}} from any client reaches a typed element; {@link Message} and {@link CallMethod} travel as
 * objects marked {@code "@type":"message"} / {@code "@type":"call"}. No Java serialization, no default
 * polymorphic typing: the receiver always names the type to decode into.
 *
 * <p>Thread-safe; share one instance. {@link #standard()} is the default every App uses.
 */
public final class JsonCodec {

    /** The member that marks an envelope object. */
    public static final String TYPE_MARKER = "@type";

    private static final JsonCodec STANDARD = new JsonCodec(defaultMapper());
    private static final byte[] MARKER = ("\"" + TYPE_MARKER + "\"").getBytes(StandardCharsets.UTF_8);

    private final ObjectMapper mapper;

    /** A codec over this mapper; register modules on it before use. */
    public JsonCodec(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** The shared default codec. */
    public static JsonCodec standard() {
        return STANDARD;
    }

    /** A mapper configured as the standard codec's: java.time as ISO strings, unknown members refused. */
    public static ObjectMapper defaultMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }

    /** The mapper underneath, for transports that stream. */
    public ObjectMapper mapper() {
        return mapper;
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
     * new Message when the input type is a Message.
     */
    public Object decodeItem(byte[] json, Type inputType) {
        JavaType target = mapper.constructType(inputType);
        if (isBlank(json)) {
            throw new CodecException("expected " + describe(target) + " but the body was empty");
        }
        if (!mentionsMarker(json)) {
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

    /** The common case, with no envelope: straight into the type, with no tree in between. */
    private Object plainItem(byte[] json, JavaType target) {
        boolean wantsMessage = target.getRawClass() == Message.class;
        Object value;
        try {
            value = mapper.readValue(json, wantsMessage ? target.containedTypeOrUnknown(0) : target);
        } catch (IOException e) {
            throw failure(target, json, e);
        }
        if (value == null) {
            throw new CodecException("expected " + describe(target) + " but got null");
        }
        return wantsMessage ? Message.of(value) : value;
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
            Object value = mapper.treeToValue(tree, valueType);
            if (value == null) {
                throw new CodecException("expected " + describe(target) + " but got null");
            }
            return wantsMessage ? Message.of(value) : value;
        } catch (IOException | IllegalArgumentException e) {
            throw failure(target, json, e);
        }
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
        JsonNode trace = tree.get("traceId");
        JsonNode hops = tree.get("hops");
        Message<Object> m = Message.of(v);
        return new Message<>(v, text(tree, "src"), text(tree, "dst"), hops == null ? 0 : hops.asInt(),
                ts == null || ts.isNull() ? m.timestamp() : Instant.parse(ts.asText()),
                trace == null || trace.isNull() ? m.traceId() : trace.asText());
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
            o.put("traceId", m.traceId());
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

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
