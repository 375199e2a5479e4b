// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.internal;

import io.jasyncio.EventLoop;

/**
 * The event loop that a synchronisation primitive belongs to, asyncio's {@code _LoopBoundMixin}:
 * the primitive binds to the running loop the first time it needs one (to make a waiter future),
 * and using it from another loop afterwards fails. Loop thread only. Not API.
 */
public final class LoopBinding {
    /** The primitive, named in the error. */
    private final Object owner;

    /** The loop the owner is bound to; {@code null} until it first needs one. */
    private EventLoop loop;

    /** A binding for {@code owner}, not bound to any loop yet. */
    public LoopBinding(Object owner) {
        this.owner = owner;
    }

    /**
     * The running loop, to which the owner is bound from now on; {@link IllegalStateException} if no
     * loop is running or if the owner is bound to another loop.
     */
    public EventLoop runningLoop() {
        EventLoop running = EventLoop.getRunningLoop();
        if (loop == null) {
            loop = running;
        } else if (running != loop) {
            throw new IllegalStateException(owner + " is bound to a different event loop");
        }
        return running;
    }
}
