package io.mape.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mape.CallMethod;
import io.mape.Message;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonCodecTest {

    private final JsonCodec codec = JsonCodec.standard();

    record Car(String name, int speed) {
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Type typeOf(String field) throws NoSuchFieldException {
        return Holder.class.getDeclaredField(field).getGenericType();
    }

    @SuppressWarnings("unused")
    private static final class Holder {
        Message<Car> messageOfCar;
        List<Car> listOfCars;
    }

    @Test
    void plainValuesTravelAsTheirOwnJson() {
        assertThat(codec.encodeToString(true)).isEqualTo("true");
        assertThat(codec.encodeToString(new Car("panda", 90))).isEqualTo("{\"name\":\"panda\",\"speed\":90}");
        assertThat(codec.decode(json("true"), Boolean.class)).isTrue();
        assertThat(codec.decode(json("{\"name\":\"panda\",\"speed\":90}"), Car.class)).isEqualTo(new Car("panda", 90));
        assertThat(codec.decodeItem(json("{\"speed\":90}"), Object.class)).isEqualTo(Map.of("speed", 90));
    }

    @Test
    void theMarkerInsideAValueIsNotAnEnvelope() {
        assertThat(codec.decodeItem(json("{\"name\":\"\\\"@type\\\"\",\"speed\":1}"), Car.class))
                .isEqualTo(new Car("\"@type\"", 1));
        assertThat(codec.decodeItem(json("  \"@type\"  "), String.class)).isEqualTo("@type");
    }

    @Test
    void genericTypesDecode() throws Exception {
        Object cars = codec.decodeItem(json("[{\"name\":\"a\",\"speed\":1}]"), typeOf("listOfCars"));
        assertThat(cars).isEqualTo(List.of(new Car("a", 1)));
    }

    @Test
    void messageRoundTripsWithItsEnvelope() throws Exception {
        Message<Car> m = Message.of(new Car("veyron", 300), "speed_enforcement.avg").from("car_veyron.mon").hop();

        String wire = codec.encodeToString(m);
        Object back = codec.decodeItem(json(wire), typeOf("messageOfCar"));

        assertThat(wire).startsWith("{\"@type\":\"message\",\"value\":{\"name\":\"veyron\",\"speed\":300}");
        assertThat(back).isEqualTo(m);
    }

    @Test
    void aPlainValueForAMessageElementIsWrapped() throws Exception {
        Object back = codec.decodeItem(json("{\"name\":\"a\",\"speed\":1}"), typeOf("messageOfCar"));

        assertThat(back).isInstanceOf(Message.class);
        assertThat(((Message<?>) back).value()).isEqualTo(new Car("a", 1));
    }

    @Test
    void aMessageForAPlainTypedElementGivesItsValue() {
        String wire = codec.encodeToString(Message.of(new Car("a", 1)));

        assertThat(codec.decodeItem(json(wire), Car.class)).isEqualTo(new Car("a", 1));
        assertThat(codec.decodeItem(json(wire), Object.class)).isInstanceOf(Message.class);
    }

    @Test
    void callMethodTravelsMarkedAndReachesAnyElement() {
        CallMethod call = CallMethod.of("setTarget", 90, "fast");

        String wire = codec.encodeToString(call);

        assertThat(wire).isEqualTo("{\"@type\":\"call\",\"name\":\"setTarget\",\"args\":[90,\"fast\"]}");
        assertThat(codec.decodeItem(json(wire), Car.class)).isEqualTo(call);
    }

    @Test
    void decodeFailuresSayWhatWasExpectedAndWhatCame() {
        assertThatThrownBy(() -> codec.decodeItem(json("{\"speed\":"), Car.class))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("expected io.mape.codec.JsonCodecTest$Car but got {\"speed\":");
        assertThatThrownBy(() -> codec.decodeItem(json("\"fast\""), Integer.class))
                .hasMessageContaining("expected java.lang.Integer but got \"fast\"");
        assertThatThrownBy(() -> codec.decodeItem(json("{\"name\":\"a\",\"speed\":1,\"wings\":2}"), Car.class))
                .hasMessageContaining("wings");
        assertThatThrownBy(() -> codec.decodeItem(json(""), Car.class)).hasMessageContaining("empty");
        assertThatThrownBy(() -> codec.decodeItem(json("null"), Car.class)).hasMessageContaining("got null");
        assertThatThrownBy(() -> codec.decodeItem(json("{\"@type\":\"exec\",\"cmd\":\"rm\"}"), Object.class))
                .hasMessageContaining("unknown @type 'exec'");
        assertThatThrownBy(() -> codec.decodeItem(json("{\"@type\":\"call\",\"args\":[]}"), Object.class))
                .hasMessageContaining("needs a string member 'name'");
        assertThatThrownBy(() -> codec.decodeItem(json("{\"@type\":\"message\"}"), Object.class))
                .hasMessageContaining("needs a member 'value'");
    }

    @Test
    void noPolymorphicTypingFromTheWire() {
        Object v = codec.decodeItem(json("[\"java.lang.ProcessBuilder\",{\"command\":[\"id\"]}]"), Object.class);

        assertThat(v).isInstanceOf(List.class);
    }

    @Test
    void convertTurnsDecodedValuesIntoTypes() {
        assertThat(codec.convert(Map.of("name", "x", "speed", 3), Car.class)).isEqualTo(new Car("x", 3));
        assertThatThrownBy(() -> codec.convert("abc", Integer.class)).isInstanceOf(CodecException.class)
                .hasMessageContaining("expected java.lang.Integer but got abc");
    }
}
