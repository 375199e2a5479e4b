// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver.fuzz;

import io.jasyncio.Asyncio;
import io.jasyncio.Coroutine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Calls both twins of each generated method of a loaded program, the async one on a new event loop
 * with {@link Asyncio#run} and the synchronous one directly, and compares what they did: the value
 * returned (as text) or the exception thrown (class and message), and the trace they noted.
 */
final class TwinRunner {
    /** How many generated method calls one run of a twin may make before calls return at once. */
    static final int FUEL = 100;

    /** What a run of one twin did. */
    record Outcome(String ending, String trace, Throwable thrown) {
        boolean sameAs(Outcome other) {
            return ending.equals(other.ending) && trace.equals(other.trace);
        }
    }

    /** Counts the calls of a campaign by how they ended, to show that both endings are exercised. */
    record Tally(int returned, int threw) {
    }

    private final Class<?> program;
    private final Method reset;
    private final Method trace;
    private int returned;
    private int threw;

    TwinRunner(Class<?> program) throws ReflectiveOperationException {
        this.program = program;
        Class<?> support = Class.forName(ProgramSupport.class.getName(), true, program.getClassLoader());
        this.reset = support.getMethod("reset", int.class);
        this.trace = support.getMethod("trace");
    }

    /**
     * The first call of {@code generated} whose twins disagree, described; empty when all agree.
     * Tells {@code starting} of each call before making it.
     */
    Optional<String> firstDisagreement(GeneratedProgram generated, Consumer<GeneratedProgram.Call> starting)
            throws ReflectiveOperationException {
        Object receiver = generated.instanceMethods() ? program.getConstructor().newInstance() : null;
        for (GeneratedProgram.Call call : generated.calls()) {
            starting.accept(call);
            Class<?>[] parameterTypes = call.method().parameterTypes().stream().map(type -> type.javaClass).toArray(Class<?>[]::new);
            Method coroutine = program.getDeclaredMethod(call.method().name(), parameterTypes);
            Method synchronous = program.getDeclaredMethod(call.method().syncName(), parameterTypes);
            coroutine.setAccessible(true);
            synchronous.setAccessible(true);
            Object[] arguments = call.arguments().toArray();
            Outcome expected = run(() -> synchronous.invoke(receiver, arguments));
            Outcome actual = run(() -> Asyncio.run((Coroutine<?>) coroutine.invoke(receiver, arguments)));
            if (expected.thrown() == null) {
                returned++;
            } else {
                threw++;
            }
            if (!expected.sameAs(actual)) {
                return Optional.of(describe(call, expected, actual));
            }
        }
        return Optional.empty();
    }

    Tally tally() {
        return new Tally(returned, threw);
    }

    @FunctionalInterface
    private interface Body {
        Object run() throws Exception;
    }

    private Outcome run(Body body) throws ReflectiveOperationException {
        reset.invoke(null, FUEL);
        String ending;
        Throwable thrown = null;
        try {
            ending = "returned " + body.run();
        } catch (InvocationTargetException invocation) {
            thrown = invocation.getCause();
            ending = "threw " + thrown;
        } catch (ReflectiveOperationException e) {
            throw e;
        } catch (Throwable failure) {
            thrown = failure;
            ending = "threw " + thrown;
        }
        return new Outcome(ending, (String) trace.invoke(null), thrown);
    }

    private static String describe(GeneratedProgram.Call call, Outcome expected, Outcome actual) {
        StringBuilder text = new StringBuilder()
                .append("the twins of ").append(call).append(" disagree\n")
                .append("  sync twin:   ").append(expected.ending()).append('\n')
                .append("  async twin:  ").append(actual.ending()).append('\n');
        if (!expected.trace().equals(actual.trace())) {
            text.append("  sync trace:  ").append(expected.trace()).append('\n')
                    .append("  async trace: ").append(actual.trace()).append('\n');
        }
        if (actual.thrown() != null) {
            StringWriter stackTrace = new StringWriter();
            actual.thrown().printStackTrace(new PrintWriter(stackTrace));
            text.append("  async twin's exception:\n").append(stackTrace);
        }
        return text.toString();
    }
}
