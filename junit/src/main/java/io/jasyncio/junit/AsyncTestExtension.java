// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.junit;

import io.jasyncio.Coroutine;
import io.jasyncio.junit.AsyncTesting.AsyncBody;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * The JUnit Jupiter extension behind {@link AsyncTest}: it takes the coroutine that an
 * {@code @AsyncTest} method returns and hands JUnit one dynamic test that runs it on a fresh loop,
 * between the {@link AsyncBeforeEach} and {@link AsyncAfterEach} methods of the test's class and of
 * the classes enclosing a {@code @Nested} one. Other test factories of the class run unchanged.
 */
public final class AsyncTestExtension implements InvocationInterceptor {
    /** Made by JUnit, through {@code @ExtendWith} on {@link AsyncTest}. */
    public AsyncTestExtension() {
    }

    /**
     * Replaces the factory's result, for an {@link AsyncTest} method, with one dynamic test that runs
     * the method's coroutine on a fresh loop; calls any other test factory unchanged.
     */
    @Override
    public <T> T interceptTestFactoryMethod(Invocation<T> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext extensionContext) throws Throwable {
        Method method = invocationContext.getExecutable();
        AsyncTest settings = AnnotationSupport.findAnnotation(method, AsyncTest.class).orElse(null);
        if (settings == null) {
            return invocation.proceed();
        }
        requireCoroutine(method, "@AsyncTest");
        Object coroutine = invocation.proceed(); // an @Async method runs nothing until its coroutine is run
        TestOptions options = TestOptions.defaults().timeout(settings.timeout()).skip(settings.skipChecks());
        if (isRealTime(method, extensionContext.getRequiredTestClass())) {
            options = options.realTime();
        }
        List<Object> instances = extensionContext.getRequiredTestInstances().getAllInstances(); // outermost first
        List<AsyncBody> setUps = new ArrayList<>();
        List<AsyncBody> tearDowns = new ArrayList<>();
        for (Object instance : instances) {
            setUps.addAll(lifecycleMethods(instance, AsyncBeforeEach.class, HierarchyTraversalMode.TOP_DOWN));
        }
        for (Object instance : instances) {
            tearDowns.addAll(0, lifecycleMethods(instance, AsyncAfterEach.class, HierarchyTraversalMode.BOTTOM_UP));
        }
        TestRun run = new TestRun(options, method.getName() + "()", setUps, () -> (Coroutine<?>) coroutine, tearDowns);
        @SuppressWarnings("unchecked")
        T tests = (T) Stream.of(DynamicTest.dynamicTest(extensionContext.getDisplayName(), run::run));
        return tests;
    }

    /** Whether {@link RealTime} marks the method, its class or a class enclosing it. */
    private static boolean isRealTime(Method method, Class<?> testClass) {
        if (AnnotationSupport.isAnnotated(method, RealTime.class)) {
            return true;
        }
        for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
            if (AnnotationSupport.isAnnotated(type, RealTime.class)) {
                return true;
            }
        }
        return false;
    }

    /** The methods of {@code instance}'s class annotated {@code annotation}, each as a body that calls it on {@code instance}. */
    private static List<AsyncBody> lifecycleMethods(Object instance, Class<? extends Annotation> annotation,
            HierarchyTraversalMode order) {
        List<AsyncBody> bodies = new ArrayList<>();
        for (Method method : AnnotationSupport.findAnnotatedMethods(instance.getClass(), annotation, order)) {
            requireCoroutine(method, "@" + annotation.getSimpleName());
            if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())) {
                throw new ExtensionConfigurationException("@" + annotation.getSimpleName() + " method "
                        + describe(method) + " must be an instance method without parameters");
            }
            method.setAccessible(true);
            bodies.add(() -> {
                try {
                    return (Coroutine<?>) method.invoke(instance);
                } catch (InvocationTargetException thrown) {
                    throw TestRun.<Exception>sneakyThrow(thrown.getCause());
                }
            });
        }
        return Collections.unmodifiableList(bodies);
    }

    private static void requireCoroutine(Method method, String annotation) {
        if (!Coroutine.class.isAssignableFrom(method.getReturnType())) {
            throw new ExtensionConfigurationException(annotation + " method " + describe(method)
                    + " must be @Async and return Coroutine, not " + method.getReturnType().getSimpleName());
        }
    }

    private static String describe(Method method) {
        return method.getDeclaringClass().getName() + "." + method.getName() + "()";
    }
}
