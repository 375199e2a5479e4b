// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.junit;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * How an async test runs: on virtual or real time, with or without a timeout, with which
 * {@link LeakCheck}s. Immutable: each method returns a changed copy, as in
 * {@code TestOptions.defaults().timeout(5).skip(LeakCheck.OPEN_CHANNELS)}.
 */
public final class TestOptions {
    private static final TestOptions DEFAULTS = new TestOptions(true, 0, EnumSet.noneOf(LeakCheck.class));

    private final boolean virtualTime;

    /** In seconds of loop time; 0 for none. */
    private final double timeoutSeconds;

    private final Set<LeakCheck> skipped;

    private TestOptions(boolean virtualTime, double timeoutSeconds, Set<LeakCheck> skipped) {
        this.virtualTime = virtualTime;
        this.timeoutSeconds = timeoutSeconds;
        this.skipped = skipped;
    }

    /** Virtual time, no timeout, every check: what {@link AsyncTest} does unless told otherwise. */
    public static TestOptions defaults() {
        return DEFAULTS;
    }

    /** These options on the system's clock: sleeps take real time. */
    public TestOptions realTime() {
        return new TestOptions(false, timeoutSeconds, skipped);
    }

    /** These options with a timeout of {@code seconds} of loop time; 0 for none, negative values refused. */
    public TestOptions timeout(double seconds) {
        if (!(seconds >= 0)) {
            throw new IllegalArgumentException("timeout < 0: " + seconds);
        }
        return new TestOptions(virtualTime, seconds, skipped);
    }

    /** These options without {@code checks}. */
    public TestOptions skip(LeakCheck... checks) {
        Set<LeakCheck> fewer = EnumSet.noneOf(LeakCheck.class);
        fewer.addAll(skipped);
        fewer.addAll(Arrays.asList(checks));
        return new TestOptions(virtualTime, timeoutSeconds, fewer);
    }

    /** Whether the loop runs on virtual time (a {@link io.jasyncio.FakeClock}). */
    public boolean virtualTime() {
        return virtualTime;
    }

    /** The timeout in seconds of loop time, 0 for none. */
    public double timeoutSeconds() {
        return timeoutSeconds;
    }

    /** Whether {@code check} runs. */
    public boolean checks(LeakCheck check) {
        return !skipped.contains(check);
    }

    @Override
    public String toString() {
        return "TestOptions[" + (virtualTime ? "virtual" : "real") + " time, timeout=" + timeoutSeconds
                + (skipped.isEmpty() ? "" : ", skipping " + skipped) + "]";
    }
}
