package io.mape.test;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands a test a {@link TestApp} and closes it after the test. A {@code TestApp} parameter of a test method, and of
 * the {@code @BeforeEach} methods of its class, is one TestApp per test:
 *
 * <pre>{@code
 * @ExtendWith(MapeExtension.class)
 * class ThermostatTest {
 *     @Test
 *     void heatsWhenCold(TestApp t) { ... t.advance(Duration.ofSeconds(5)); ... }
 * }
 * }</pre>
 */
public final class MapeExtension implements ParameterResolver, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MapeExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestApp.class && context.getTestMethod().isPresent();
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(TestApp.class, k -> TestApp.create(), TestApp.class);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TestApp app = context.getStore(NAMESPACE).remove(TestApp.class, TestApp.class);
        if (app != null) {
            app.close();
        }
    }
}
