package io.mape.knowledge;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Objects;

/**
 * The type a value is decoded into, generic arguments included: {@code new TypeRef<List<Car>>() {}} captures
 * {@code List<Car>}, which a {@code Class} cannot. Immutable.
 *
 * @param <T> the type
 */
public abstract class TypeRef<T> {

    private final Type type;

    /** Captures the type argument of the anonymous subclass being created. */
    protected TypeRef() {
        Type superclass = getClass().getGenericSuperclass();
        if (!(superclass instanceof ParameterizedType p)) {
            throw new IllegalStateException("create a TypeRef as an anonymous subclass: new TypeRef<List<Car>>() {}");
        }
        this.type = p.getActualTypeArguments()[0];
    }

    TypeRef(Type type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    /** The type of a class. */
    public static <T> TypeRef<T> of(Class<T> type) {
        return new Fixed<>(type);
    }

    /**
     * A reflected type, for example from a method signature. Unchecked: the caller vouches that {@code T} is
     * {@code type}.
     */
    public static <T> TypeRef<T> of(Type type) {
        return new Fixed<>(type);
    }

    /** The captured type. */
    public Type type() {
        return type;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TypeRef<?> t && t.type.equals(type);
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public String toString() {
        return type.getTypeName();
    }

    private static final class Fixed<T> extends TypeRef<T> {
        Fixed(Type type) {
            super(type);
        }
    }
}
