// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.jfr;

/**
 * What the watchdog saw of one loop, and the event of its callback that blocks. The loop's state at
 * a look is its phase and, while it runs callbacks, the entry it runs; a callback is slow when the
 * same state has lasted the threshold since the look that first saw it, so that a watchdog that
 * could not run for a while never takes a fast callback for a slow one. The event's start is taken
 * at the look before that one and its end at the look that sees another state, so that its duration
 * is never shorter than the callback's. The watchdog's thread only, under its lock.
 */
final class LoopWatch {
    /** The most frames of the sampled stack written into an event. */
    private static final int MAX_FRAMES = 128;

    private final WatchedLoop loop;

    /** The loop's phase at the last look. */
    private int phase;

    /** The entry the loop ran at the last look, or {@code null} (waiting, between entries, not running). */
    private Object entry;

    /** An event begun just before the last look read the loop: the start of a state that the next look finds new. */
    private SlowCallbackEvent begunAtLastLook;

    /** An event begun at a look whose state the next look found unchanged, to begin again instead of a new one. */
    private SlowCallbackEvent spare;

    /** The event begun before the current state started (at the look before the one that first saw it), or {@code null} if unknown. */
    private SlowCallbackEvent stateEvent;

    /** When the look that first saw the current state read the loop, in {@link System#nanoTime()}: the state has lasted at least since. */
    private long stateSeenNanos;

    /** Whether {@link #stateEvent} was found slow and holds the sampled stack, to be written when the state ends. */
    private boolean blocking;

    LoopWatch(WatchedLoop loop) {
        this.loop = loop;
    }

    /** Looks at the loop once: starts timing a new state, or samples the stack of a callback that has run for {@code thresholdNanos}. */
    void look(long thresholdNanos) {
        SlowCallbackEvent begun = spare != null ? spare : new SlowCallbackEvent();
        spare = null;
        begun.begin();
        long now = System.nanoTime();
        Thread thread = loop.thread();
        int currentPhase = loop.phase();
        Object currentEntry = thread == null || (currentPhase & 1) != 0 ? null : loop.runningEntry();
        if (currentPhase != phase || currentEntry != entry) {
            finishBlocking();
            phase = currentPhase;
            entry = currentEntry;
            stateEvent = begunAtLastLook;
            stateSeenNanos = now;
        } else {
            spare = begunAtLastLook;
            if (entry != null && stateEvent != null && !blocking && now - stateSeenNanos >= thresholdNanos) {
                sample(thread);
            }
        }
        begunAtLastLook = begun;
    }

    /** Takes the loop thread's stack while the callback runs, and fills the event. */
    private void sample(Thread thread) {
        StackTraceElement[] stack = thread.getStackTrace();
        boolean stillRunning = loop.phase() == phase && loop.runningEntry() == entry;
        stateEvent.task = loop.taskName(entry);
        stateEvent.callback = loop.describe(entry);
        stateEvent.loopThread = thread;
        stateEvent.blockedStack = stillRunning ? format(loop.clean(stack)) : "(the callback returned while its stack was sampled)";
        blocking = true;
    }

    /** Writes the event of the callback found blocking, which has just returned. */
    private void finishBlocking() {
        if (blocking) {
            write(stateEvent, true);
            blocking = false;
        }
    }

    /**
     * Writes the event of the callback found blocking that still runs, as a recording chunk ends, with
     * {@code finished} false; the rest of its run goes into a new event, begun now.
     */
    void writeInProgress() {
        if (blocking) {
            SlowCallbackEvent rest = new SlowCallbackEvent();
            rest.begin();
            rest.task = stateEvent.task;
            rest.callback = stateEvent.callback;
            rest.loopThread = stateEvent.loopThread;
            rest.blockedStack = stateEvent.blockedStack;
            write(stateEvent, false);
            stateEvent = rest;
        }
    }

    private static void write(SlowCallbackEvent event, boolean finished) {
        event.end();
        event.finished = finished;
        if (event.shouldCommit()) {
            event.commit();
        }
    }

    /**
     * The frames one a line, innermost first, as an exception's trace writes them but without
     * {@code at} and without the class loader's and module's names ({@code app//},
     * {@code java.base@17/}) that the frames of a thread's stack carry.
     */
    private static String format(StackTraceElement[] stack) {
        StringBuilder text = new StringBuilder();
        for (int index = 0; index < stack.length && index < MAX_FRAMES; index++) {
            if (index > 0) {
                text.append('\n');
            }
            StackTraceElement frame = stack[index];
            text.append(new StackTraceElement(frame.getClassName(), frame.getMethodName(), frame.getFileName(), frame.getLineNumber()));
        }
        if (stack.length > MAX_FRAMES) {
            text.append("\n... ").append(stack.length - MAX_FRAMES).append(" more");
        }
        return text.toString();
    }
}
