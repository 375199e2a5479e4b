// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.currentTask;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.annotations.Async;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Where a task waits ({@code getStack}, {@code printStack}) and how it shows itself ({@code toString}). */
class TaskIntrospectionTest extends LoopTestSupport {
    private static final String OWNER = TaskIntrospectionTest.class.getName();

    private static final String OUTER = SourceLines.frame(TaskIntrospectionTest.class, "outer", "outer awaits inner");

    private static final String INNER = SourceLines.frame(TaskIntrospectionTest.class, "inner", "inner sleeps");

    @Async
    Coroutine<String> outer() {
        return result(await(inner())); // <- outer awaits inner
    }

    @Async
    Coroutine<String> inner() {
        await(sleep(10)); // <- inner sleeps
        return result("inner");
    }

    private static List<String> frames(Task<?> task) {
        return task.getStack().stream().map(StackTraceElement::toString).toList();
    }

    @Test
    void stackOfASuspendedTaskIsItsChainOfAwaitsInnermostFirst() throws Exception {
        runTest(loop -> {
            Task<String> task = loop.createTask(outer());
            assertEquals(List.of(OUTER), frames(task), "not started: its coroutine at its first line");
            runOnce(loop);
            assertEquals(List.of("io.jasyncio.Sleep.sleep(Unknown Source)", INNER, OUTER), frames(task));
            assertEquals(List.of("io.jasyncio.Sleep.sleep(Unknown Source)"),
                    task.getStack(1).stream().map(StackTraceElement::toString).toList(), "the innermost frames");
            task.cancel();
            runOnce(loop);
            assertEquals(List.of(), frames(task), "cancelled: no stack");
            assertEquals("No stack for " + task + "\n", printStack(task));
        });
    }

    @Test
    void stackOfALambdaNamesItsSyntheticMethod() throws Exception {
        runTest(loop -> {
            Supplier<Coroutine<String>> lambda = () -> result(await(sleep(1, "slept")));
            Task<String> task = loop.createTask(lambda.get());
            runOnce(loop);
            String frame = frames(task).get(1);
            assertTrue(frame.startsWith(OWNER + ".lambda$"), frame);
            loop.runUntilComplete(task);
        });
    }

    @Async
    Coroutine<String> fails() {
        await(sleep(0));
        throw new IllegalStateException("failed");
    }

    @Test
    void stackOfAFailedTaskIsTheStackTraceOfItsException() throws Exception {
        runTest(loop -> {
            Task<String> task = loop.createTask(fails());
            runIterations(loop, 2);
            assertEquals(List.of(task.exception().getStackTrace()), task.getStack());
            assertTrue(frames(task).get(0).startsWith(OWNER + ".fails("), frames(task).get(0));
            String printed = printStack(task);
            assertTrue(printed.startsWith("Traceback for " + task + " (most recent call first):\n\tat " + OWNER + ".fails("),
                    printed);
            assertTrue(printed.endsWith("\njava.lang.IllegalStateException: failed\n"), printed);
        });
    }

    @Test
    void printStackWritesTheChainUnderALineThatNamesTheTask() throws Exception {
        runTest(loop -> {
            Task<String> task = loop.createTask(outer(), "worker");
            runOnce(loop);
            assertEquals("Stack for " + task + " (most recent call first):\n"
                    + "\tat io.jasyncio.Sleep.sleep(Unknown Source)\n"
                    + "\tat " + INNER + "\n"
                    + "\tat " + OUTER + "\n", printStack(task));
            task.cancel();
            runOnce(loop);
        });
    }

    private static String printStack(Task<?> task) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        task.printStack(Integer.MAX_VALUE, new PrintStream(bytes, true, UTF_8));
        return bytes.toString(UTF_8).replace(System.lineSeparator(), "\n");
    }

    @Async
    Coroutine<List<String>> ownStack() {
        return result(currentTask().getStack().stream().map(StackTraceElement::getMethodName).toList());
    }

    @Test
    void stackOfTheRunningTaskIsTheThreadsStack() throws Exception {
        List<String> methods = runMain(ownStack());
        assertEquals("ownStack", methods.get(0));
    }

    @Test
    void toStringShowsStateNameCoroutineAndWhatItAwaits() throws Exception {
        runTest(loop -> {
            Task<String> task = loop.createTask(outer(), "worker");
            assertEquals("Task[pending name=worker coro=TaskIntrospectionTest.outer]", task.toString());
            runOnce(loop);
            assertEquals("Task[pending name=worker coro=TaskIntrospectionTest.outer awaiting=sleep]", task.toString());
            task.cancel();
            assertTrue(task.toString().startsWith("Task[cancelling name=worker "), task.toString());
            runOnce(loop);
            assertEquals("Task[cancelled name=worker coro=TaskIntrospectionTest.outer]", task.toString());
            Task<String> finished = loop.createTask(sleep(0, "value"), "sleeper");
            loop.runUntilComplete(finished);
            assertEquals("Task[finished result=value name=sleeper coro=sleep]", finished.toString());
        });
    }
}
