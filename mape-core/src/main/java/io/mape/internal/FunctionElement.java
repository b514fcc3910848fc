package io.mape.internal;

import io.mape.Element;
import io.mape.ElementFunction;
import io.mape.Output;
import io.mape.Kind;
import java.lang.reflect.Type;
import java.util.concurrent.CompletionStage;

/** An element whose body is a lambda given to a {@link io.mape.Loop} factory. */
public final class FunctionElement<I, O> extends Element<I, O> {

    /** One of the two is set. */
    private final ElementFunction<I, O> fn;
    private final ElementFunction.WithSelf<I, O> withSelf;

    public FunctionElement(Kind kind, String uid, ElementFunction<I, O> fn, Type inputType, Type outputType) {
        super(kind, uid);
        this.fn = fn;
        this.withSelf = null;
        inputType(inputType);
        outputType(outputType);
    }

    public FunctionElement(Kind kind, String uid, ElementFunction.WithSelf<I, O> withSelf, Type inputType, Type outputType) {
        super(kind, uid);
        this.fn = null;
        this.withSelf = withSelf;
        inputType(inputType);
        outputType(outputType);
    }

    @Override
    protected void process(I item, Output<O> out) throws Exception {
        try {
            if (fn != null) {
                fn.apply(item, out);
            } else {
                withSelf.apply(item, out, this);
            }
        } catch (ClassCastException e) {
            throw explained(this, kind().name().toLowerCase(java.util.Locale.ROOT) + "(", e);
        }
    }

    /**
     * {@code e} with the fix in its message when the lambda's input type reached the runtime erased (a generic class
     * seen without its type arguments), the likely cause: an item from the wire decoded without them.
     */
    static ClassCastException explained(Element<?, ?> element, String factory, ClassCastException e) {
        if (Types.isComplete(element.inputType())) {
            return e;
        }
        String raw = Types.name(element.inputType());
        ClassCastException explained = new ClassCastException(e.getMessage() + " (the lambda of " + element
                + " takes a " + raw + " whose type arguments javac does not keep, so an item from the wire is decoded "
                + "without them; give them: loop." + factory + "uid, new TypeRef<" + raw
                + "<...>>() {}, (item, out) -> ...), or use a method reference)");
        explained.setStackTrace(e.getStackTrace());
        return explained;
    }

    /** An element whose body is an asynchronous lambda. */
    public static final class Async<I, O> extends Element<I, O> {

        private final ElementFunction.Async<I, O> fn;

        public Async(Kind kind, String uid, ElementFunction.Async<I, O> fn, Type inputType, Type outputType) {
            super(kind, uid);
            this.fn = fn;
            inputType(inputType);
        outputType(outputType);
        }

        @Override
        protected boolean isAsynchronous() {
            return true;
        }

        @Override
        protected CompletionStage<?> processAsync(I item, Output<O> out) throws Exception {
            try {
                return fn.apply(item, out);
            } catch (ClassCastException e) {
                throw explained(this, "async(Kind." + kind() + ", ", e);
            }
        }
    }
}
