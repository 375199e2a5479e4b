// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver.fuzz;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;

import io.jasyncio.Asyncio;
import io.jasyncio.Coroutine;
import io.jasyncio.Future;
import io.jasyncio.annotations.Async;
import io.jasyncio.weaver.fuzz.FuzzFailures.CheckedFailure;
import io.jasyncio.weaver.fuzz.FuzzFailures.StepLimitExceeded;

/**
 * What generated programs call: awaitables that suspend or not, each with its synchronous
 * equivalent, and the trace and fuel that an async twin and its sync twin share.
 *
 * <p>{@link WovenProgramClasses} loads this class woven, one copy per batch of programs, so the
 * trace and the fuel belong to the batch, whose programs run one at a time. Not thread-safe.
 */
public final class ProgramSupport {
    /** At most this many characters of trace are kept per run; the rest is dropped, by both twins alike. */
    private static final int TRACE_LIMIT = 4_000;

    /** Strings that generated programs store are cut to this many characters, so loops cannot grow them without bound. */
    private static final int CLIP_LENGTH = 24;

    /**
     * Loop iterations, notes and calls allowed in one run: far more than a generated program makes
     * (its loops run at most three times and nest at most twice, and fuel bounds its calls), so only
     * a twin that loops forever, as a miswoven loop counter would, reaches it.
     */
    private static final int STEP_LIMIT = 1_000_000;

    /** What the running twin noted, in order, separated by {@code ;}. */
    private static final StringBuilder TRACE = new StringBuilder();

    /** How many more generated method calls the running twin may make before they return at once. */
    private static int fuel;

    /** How many steps the running twin took. */
    private static int steps;

    private ProgramSupport() {
    }

    /** Starts a run: an empty trace and {@code calls} calls' worth of fuel. */
    public static void reset(int calls) {
        TRACE.setLength(0);
        fuel = calls;
        steps = 0;
    }

    /**
     * Counts a step: every loop iteration of a generated program begins with one. Throws
     * {@link StepLimitExceeded} past {@value #STEP_LIMIT} steps, and at every step after that.
     */
    public static void step() {
        if (++steps > STEP_LIMIT) {
            throw new StepLimitExceeded("more than " + STEP_LIMIT + " steps: does a loop run forever?");
        }
    }

    /** What the run noted so far. */
    public static String trace() {
        return TRACE.toString();
    }

    /** Appends {@code value} to the trace, up to its limit. */
    public static void note(Object value) {
        step();
        if (TRACE.length() < TRACE_LIMIT) {
            String text = String.valueOf(value);
            TRACE.append(text, 0, Math.min(text.length(), TRACE_LIMIT)).append(';');
        }
    }

    /** Takes one call's worth of fuel; whether there was none left, in which case the method returns at once. */
    public static boolean outOfFuel() {
        step();
        return --fuel < 0;
    }

    /** {@code text} cut to its first {@value #CLIP_LENGTH} characters. */
    public static String clip(String text) {
        return text.length() <= CLIP_LENGTH ? text : text.substring(0, CLIP_LENGTH);
    }

    // Awaitables. The synchronous twin of await(later(v)), await(now(v)) and await(done(v)) is v.

    /** Returns {@code value} after one loop iteration. */
    @Async
    public static <T> Coroutine<T> later(T value) {
        await(sleep(0));
        return result(value);
    }

    /** Returns {@code value} without suspending. */
    @Async
    public static <T> Coroutine<T> now(T value) {
        return result(value);
    }

    /** A future of the running loop that is done already with {@code value}. */
    public static <T> Future<T> done(T value) {
        Future<T> future = Asyncio.getRunningLoop().createFuture();
        future.setResult(value);
        return future;
    }

    /** After one loop iteration, throws {@code failure} if {@code fail}, else returns {@code value}. */
    @Async
    public static <T> Coroutine<T> laterOrFail(boolean fail, RuntimeException failure, T value) {
        await(sleep(0));
        if (fail) {
            throw failure;
        }
        return result(value);
    }

    /** A future that is done already: with the exception {@code failure} if {@code fail}, else with {@code value}. */
    public static <T> Future<T> doneOrFailed(boolean fail, RuntimeException failure, T value) {
        Future<T> future = Asyncio.getRunningLoop().createFuture();
        if (fail) {
            future.setException(failure);
        } else {
            future.setResult(value);
        }
        return future;
    }

    /** After one loop iteration, throws a {@link CheckedFailure} with {@code message} if {@code fail}, else returns {@code value}. */
    @Async
    public static <T> Coroutine<T> laterOrFailChecked(boolean fail, String message, T value) throws CheckedFailure {
        await(sleep(0));
        if (fail) {
            throw new CheckedFailure(message);
        }
        return result(value);
    }

    // Their synchronous equivalents.

    /** The synchronous twin of {@link #laterOrFail} and {@link #doneOrFailed}. */
    public static <T> T valueOrThrow(boolean fail, RuntimeException failure, T value) {
        if (fail) {
            throw failure;
        }
        return value;
    }

    /** The synchronous twin of {@link #laterOrFailChecked}. */
    public static <T> T valueOrThrowChecked(boolean fail, String message, T value) throws CheckedFailure {
        if (fail) {
            throw new CheckedFailure(message);
        }
        return value;
    }
}
