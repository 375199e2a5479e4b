// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.transports;

import io.jasyncio.EventLoop;
import io.jasyncio.transports.WriteTransport.WriteBufferLimits;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The write-buffer marks of a transport and the protocol calls they trigger, asyncio's
 * {@code transports._FlowControlMixin}: a transport reports its buffer's size after each write and
 * each flush, and this tells the protocol to pause writing once the size is above the high-water
 * mark, and to resume once it is down to the low-water mark, each exactly once per crossing. For the
 * implementations of transports (sockets, TLS, pipes, datagrams); loop thread only.
 */
public final class WriteFlowControl {
    /** The default high-water mark, asyncio's 64 KiB; the low-water mark is a quarter of the high one. */
    public static final int DEFAULT_HIGH_WATER = 64 * 1024;

    private final EventLoop loop;
    private final BaseTransport transport;

    /** Above this many buffered bytes, the protocol is told to pause writing. */
    private int highWater = DEFAULT_HIGH_WATER;

    /** At or below this many buffered bytes, a paused protocol is told to resume writing. */
    private int lowWater = DEFAULT_HIGH_WATER / 4;

    /** Whether the protocol was told to pause writing and not yet to resume. */
    private boolean protocolPaused;

    /** The marks of {@code transport}, whose protocol they pause and resume, on {@code loop}. */
    public WriteFlowControl(EventLoop loop, BaseTransport transport) {
        this.loop = loop;
        this.transport = transport;
    }

    /**
     * Tells the protocol to pause writing if {@code bufferSize} is above the high-water mark and it
     * is not paused yet, asyncio's {@code _maybe_pause_protocol}; a failing {@code pauseWriting} goes
     * to the loop's exception handler.
     */
    public void maybePauseProtocol(int bufferSize) {
        if (bufferSize <= highWater || protocolPaused) {
            return;
        }
        protocolPaused = true;
        BaseProtocol<?> protocol = transport.getProtocol();
        try {
            protocol.pauseWriting();
        } catch (RuntimeException failure) {
            report("protocol.pause_writing() failed", failure, protocol);
        }
    }

    /**
     * Tells a paused protocol to resume writing if {@code bufferSize} is down to the low-water mark,
     * asyncio's {@code _maybe_resume_protocol}; a failing {@code resumeWriting} goes to the loop's
     * exception handler.
     */
    public void maybeResumeProtocol(int bufferSize) {
        if (!protocolPaused || bufferSize > lowWater) {
            return;
        }
        protocolPaused = false;
        BaseProtocol<?> protocol = transport.getProtocol();
        try {
            protocol.resumeWriting();
        } catch (RuntimeException failure) {
            report("protocol.resume_writing() failed", failure, protocol);
        }
    }

    /** Whether the protocol is paused, told to pause and not yet to resume. */
    public boolean isProtocolPaused() {
        return protocolPaused;
    }

    /** The marks, asyncio's {@code get_write_buffer_limits()}. */
    public WriteBufferLimits limits() {
        return new WriteBufferLimits(lowWater, highWater);
    }

    /**
     * Sets the marks as asyncio's {@code _set_write_buffer_limits(high, low)}, a negative value
     * standing for Python's {@code None}: both negative is 64 KiB and 16 KiB, a negative {@code high}
     * is four times {@code low}, a negative {@code low} a quarter of {@code high}. Then pauses the
     * protocol if {@code bufferSize} is above the new high-water mark.
     * {@link IllegalArgumentException} unless {@code high >= low >= 0} after the defaults.
     */
    public void setLimits(int high, int low, int bufferSize) {
        if (high < 0) {
            high = low < 0 ? DEFAULT_HIGH_WATER : 4 * low;
        }
        if (low < 0) {
            low = high / 4;
        }
        if (!(high >= low && low >= 0)) {
            throw new IllegalArgumentException("high (" + high + ") must be >= low (" + low + ") must be >= 0");
        }
        highWater = high;
        lowWater = low;
        maybePauseProtocol(bufferSize);
    }

    private void report(String message, RuntimeException failure, BaseProtocol<?> protocol) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("message", message);
        context.put("exception", failure);
        context.put("transport", transport);
        context.put("protocol", protocol);
        loop.callExceptionHandler(context);
    }
}
