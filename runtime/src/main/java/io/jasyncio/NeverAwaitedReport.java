// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Debug mode's "coroutine 'Owner.method' was never awaited", with where the coroutine was created.
 *
 * <p>Python warns about every coroutine that is destroyed without having run, and debug mode adds
 * where it was created. Here only coroutines created while tracking is on are watched, since watching
 * costs a stack walk and a {@link java.lang.ref.Cleaner} registration each: while a loop runs in
 * debug mode (as CPython tracks coroutine origins only then), or always when the system property
 * {@code jasyncio.debug} is {@code true}. The constructor of {@link Coroutine} checks {@link #tracking};
 * claiming a coroutine (awaiting it or wrapping it in a task) checks {@link #claimsWatched}. With
 * debug mode off, both are a read of a static field that is {@code false}.
 *
 * <p>The warning is logged through {@link System.Logger} {@code io.jasyncio} when the garbage
 * collector finds a watched coroutine unreachable and nothing ever claimed it.
 */
final class NeverAwaitedReport implements Runnable {
    private static final System.Logger LOGGER = System.getLogger("io.jasyncio");

    /** How many frames of the creation stack the warning shows, CPython's {@code DEBUG_STACK_DEPTH}. */
    private static final int STACK_DEPTH = 10;

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    /** Whether coroutines created now are watched: read by every coroutine's constructor. */
    static volatile boolean tracking = DebugMode.BY_DEFAULT;

    /**
     * Whether a watched coroutine may still be unclaimed, so that claims must be reported here: read
     * on every claim. Stays on after tracking ends until the last watched coroutine is claimed or gone.
     */
    static volatile boolean claimsWatched = DebugMode.BY_DEFAULT;

    /** How many loops are running in debug mode, each of which turns tracking on. Guarded by the class. */
    private static int debugLoopsRunning;

    /** The watched coroutines that nothing claimed yet, with their reports. Guarded by the class. */
    private static final Map<Coroutine<?>, NeverAwaitedReport> UNCLAIMED = new WeakHashMap<>();

    /** The coroutine's function name, as {@code Owner.method}. */
    private final String name;

    /** Where the coroutine was created, most recent call first. */
    private final List<StackTraceElement> createdAt;

    private volatile boolean claimed;

    private NeverAwaitedReport(String name, List<StackTraceElement> createdAt) {
        this.name = name;
        this.createdAt = createdAt;
    }

    /** Watches {@code coroutine}, which is being created; called from the constructor of {@link Coroutine}. */
    static void track(Coroutine<?> coroutine) {
        NeverAwaitedReport report = new NeverAwaitedReport(nameOf(coroutine), creationStack(coroutine));
        Cleaners.CLEANER.register(coroutine, report);
        synchronized (NeverAwaitedReport.class) {
            UNCLAIMED.put(coroutine, report);
            claimsWatched = true;
        }
    }

    /**
     * The coroutine's function name, asked while its constructor runs: the weaver's frames and the
     * runtime's coroutines answer with a constant, but a subclass whose name depends on its own
     * fields cannot answer yet, and is named after its class.
     */
    private static String nameOf(Coroutine<?> coroutine) {
        try {
            return coroutine.functionName();
        } catch (RuntimeException fieldsNotSetYet) {
            return coroutine.getClass().getSimpleName();
        }
    }

    /** Notes that {@code coroutine} was awaited or wrapped in a task, if it is watched. */
    static void claimed(Coroutine<?> coroutine) {
        synchronized (NeverAwaitedReport.class) {
            NeverAwaitedReport report = UNCLAIMED.remove(coroutine);
            if (report != null) {
                report.claimed = true;
            }
            claimsWatched = tracking || !UNCLAIMED.isEmpty();
        }
    }

    /** A loop in debug mode started running: coroutines created from now on are watched. */
    static synchronized void debugLoopStarted() {
        debugLoopsRunning++;
        tracking = true;
        claimsWatched = true;
    }

    /** A loop in debug mode stopped running. */
    static synchronized void debugLoopStopped() {
        debugLoopsRunning--;
        tracking = DebugMode.BY_DEFAULT || debugLoopsRunning > 0;
        claimsWatched = tracking || !UNCLAIMED.isEmpty();
    }

    /** Warns, unless the coroutine was claimed; run by the cleaner once the coroutine is unreachable. */
    @Override
    public void run() {
        if (!claimed) {
            LOGGER.log(Level.WARNING, message());
        }
    }

    /** The warning: Python's words, then the creation stack, most recent call last as Python prints it. */
    String message() {
        StringBuilder text = new StringBuilder("coroutine '").append(name).append("' was never awaited");
        if (!createdAt.isEmpty()) {
            text.append("\nCoroutine created at (most recent call last)");
            for (int i = createdAt.size() - 1; i >= 0; i--) {
                text.append("\n  at ").append(createdAt.get(i));
            }
        }
        return text.toString();
    }

    /**
     * The stack of the code that created {@code coroutine}: without the constructors of the coroutine
     * and the runtime's factories ({@code Asyncio.sleep}), and without the woven method that made the
     * frame, as Python's origin starts at the call of the coroutine function.
     */
    private static List<StackTraceElement> creationStack(Coroutine<?> coroutine) {
        String frameClass = coroutine.getClass().getName();
        List<StackWalker.StackFrame> callers = WALKER.walk(frames -> frames
                .dropWhile(NeverAwaitedReport::isRuntimeFrame)
                .limit(STACK_DEPTH + 1)
                .toList());
        // The weaver names frame classes Owner-method-Frame, with a number after it for overloads.
        boolean fromWovenFactory = !callers.isEmpty() && frameClass.startsWith(
                callers.get(0).getClassName() + "-" + callers.get(0).getMethodName() + "-Frame");
        return callers.stream()
                .skip(fromWovenFactory ? 1 : 0)
                .limit(STACK_DEPTH)
                .map(StackWalker.StackFrame::toStackTraceElement)
                .toList();
    }

    private static boolean isRuntimeFrame(StackWalker.StackFrame frame) {
        Class<?> owner = frame.getDeclaringClass();
        return owner == NeverAwaitedReport.class || owner == Asyncio.class
                || frame.getMethodName().equals("<init>") && Coroutine.class.isAssignableFrom(owner);
    }
}
