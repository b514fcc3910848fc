package io.mape.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.ParameterizedType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypeRefTest {

    @Test
    void capturesGenericArguments() {
        TypeRef<Map<String, List<Integer>>> t = new TypeRef<>() { };
        assertThat(t.type()).isInstanceOf(ParameterizedType.class);
        assertThat(t.type().getTypeName()).isEqualTo("java.util.Map<java.lang.String, java.util.List<java.lang.Integer>>");
        assertThat(t).isEqualTo(new TypeRef<Map<String, List<Integer>>>() { });
    }

    @Test
    void wrapsClassesAndTypes() {
        assertThat(TypeRef.of(String.class).type()).isEqualTo(String.class);
        assertThat(TypeRef.of(String.class)).isEqualTo(TypeRef.of(String.class)).hasToString("java.lang.String");
        TypeRef<List<Integer>> t = new TypeRef<>() { };
        assertThat(TypeRef.<List<Integer>>of(t.type())).isEqualTo(t);
    }

    @Test
    @SuppressWarnings({"rawtypes", "unchecked"})
    void refusesARawSubclass() {
        assertThatThrownBy(() -> new TypeRef() { }).isInstanceOf(IllegalStateException.class);
    }
}
