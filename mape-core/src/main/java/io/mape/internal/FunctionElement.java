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
        if (fn != null) {
            fn.apply(item, out);
        } else {
            withSelf.apply(item, out, this);
        }
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
            return fn.apply(item, out);
        }
    }
}
