// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.streams;

import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of a protocol that a {@link StreamWriter}'s {@code drain()} and {@code waitClosed()} wait
 * on, asyncio's {@code streams.FlowControlMixin}: the transport's {@code pauseWriting} and
 * {@code resumeWriting} decide whether {@code drain()} waits, and {@code connectionLost} wakes the
 * waiting drains. {@link StreamProtocol} is one; a protocol of another kind of transport (a
 * subprocess's pipes) extends it to put a {@link StreamWriter} over that transport. Loop thread only.
 */
public abstract class FlowControl {
    /** The loop whose futures the drains wait on. */
    protected final EventLoop loop;

    /** Whether the transport asked to stop writing: its buffer is above the high-water mark. */
    private boolean writingPaused;

    /** Whether the connection is lost. */
    private boolean connectionLost;

    /** The futures of the tasks waiting in {@code drain()}, one each, so that cancelling one cancels no other. */
    private final List<Future<Void>> drainWaiters = new ArrayList<>();

    /** Flow control on {@code loop}. */
    protected FlowControl(EventLoop loop) {
        this.loop = loop;
    }

    /** The transport's buffer went above its high-water mark: {@code drain()} waits from now on, asyncio's {@code pause_writing}. */
    public void pauseWriting() {
        writingPaused = true;
    }

    /** The transport's buffer drained to its low-water mark: the waiting drains return, asyncio's {@code resume_writing}. */
    public void resumeWriting() {
        writingPaused = false;
        for (Future<Void> waiter : drainWaiters) {
            if (!waiter.done()) {
                waiter.setResult(null);
            }
        }
    }

    /**
     * The connection is lost, cleanly if {@code failure} is {@code null}, asyncio's
     * {@code connection_lost}: the waiting drains return, or throw {@code failure}, and every later
     * drain throws.
     */
    public void connectionLost(Exception failure) {
        connectionLost = true;
        if (!writingPaused) {
            return;
        }
        for (Future<Void> waiter : drainWaiters) {
            if (waiter.done()) {
                continue;
            }
            if (failure == null) {
                waiter.setResult(null);
            } else {
                waiter.setException(failure);
            }
        }
    }

    /**
     * The future that {@link StreamWriter#waitClosed()} waits on, asyncio's {@code _get_close_waiter}:
     * done once the writer's transport is closed, failed with what broke it, if anything did.
     */
    protected abstract Future<Void> closeWaiter();

    boolean writingPaused() {
        return writingPaused;
    }

    boolean isConnectionLost() {
        return connectionLost;
    }

    /** A new future for a task that waits in {@code drain()}; it removes it with {@link #removeDrainWaiter}. */
    Future<Void> addDrainWaiter() {
        Future<Void> waiter = loop.createFuture();
        drainWaiters.add(waiter);
        return waiter;
    }

    void removeDrainWaiter(Future<Void> waiter) {
        drainWaiters.remove(waiter);
    }
}
