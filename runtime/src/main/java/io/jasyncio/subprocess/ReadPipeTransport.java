// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.subprocess;

import io.jasyncio.EventLoop;
import io.jasyncio.transports.Protocol;
import io.jasyncio.transports.ReadTransport;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reading end of a pipe from a child, asyncio's {@code _UnixReadPipeTransport}, over the JDK's
 * blocking stream: each read is one job on a {@link PipeThreads} thread, and the chunk it got comes
 * back to the loop, which passes it to the protocol and starts the next read unless reading is paused
 * or closing. So at most one read of the pipe is in flight, and a paused pipe is not read at all:
 * the child then blocks on the full pipe, as under asyncio. A chunk that arrives after
 * {@link #pauseReading()} waits in the transport until {@link #resumeReading()}.
 *
 * <p>At the end of the stream the protocol's {@code eofReceived()} and then {@code connectionLost(null)}
 * are called in later iterations; {@link #close()} calls only the latter. A read that fails is
 * reported to the loop's exception handler, as asyncio reports a fatal read error, and ends the
 * pipe with that exception. Loop thread only, but for the blocking read.
 */
final class ReadPipeTransport extends PipeTransport<InputStream> implements ReadTransport {
    /** The most one read takes, in bytes: a Linux pipe's whole capacity. */
    private static final int CHUNK = 64 * 1024;

    /** What the pipe is, for {@code toString()}: "stdout" or "stderr". */
    private final String name;

    /** The array each read fills; one read is in flight at a time, so one array serves them all. */
    private final byte[] readBuffer = new byte[CHUNK];

    /** Whether a read is in flight on a pipe thread. */
    private boolean reading;

    private boolean paused;

    /** Whether the end was read, {@link #close()} was called, or the read failed: no more reading. */
    private boolean closing;

    /** A chunk read after {@link #pauseReading()}, passed on at {@link #resumeReading()}. */
    private byte[] held;

    /**
     * Reads {@code pipe} for {@code protocol}, from the next iteration on.
     */
    ReadPipeTransport(EventLoop loop, InputStream pipe, String name, PipeProtocol protocol) {
        super(loop, pipe, protocol);
        this.name = name;
        loop.callSoon(this::readNext);
    }

    /** Starts one read on a pipe thread if reading is allowed and none is in flight. */
    private void readNext() {
        if (reading || !isReading()) {
            return;
        }
        reading = true;
        PipeThreads.run(this::blockingRead);
    }

    /** On a pipe thread: one blocking read, whose outcome goes to the loop. */
    private void blockingRead() {
        byte[] data = null;
        IOException failure = null;
        try {
            int count = pipe.read(readBuffer);
            data = count < 0 ? null : Arrays.copyOf(readBuffer, count);
        } catch (IOException readFailed) {
            failure = readFailed;
        }
        byte[] chunk = data;
        IOException error = failure;
        try {
            loop.callSoonThreadsafe(() -> readDone(chunk, error));
        } catch (IllegalStateException loopClosed) {
            closeQuietly(); // nobody will read it any more
        }
    }

    /** On the loop: a read ended with {@code data}, the end of the stream ({@code null}), or {@code failure}. */
    private void readDone(byte[] data, IOException failure) {
        reading = false;
        if (closing) {
            return; // closed meanwhile: whatever the read got is dropped, as a closed descriptor reads nothing
        }
        if (failure != null) {
            fatalError(failure);
        } else if (data == null) {
            closing = true;
            loop.callSoon(this::eofReceived);
            loop.callSoon(() -> connectionLost(null));
        } else if (paused) {
            held = data;
        } else {
            dataReceived(data);
            readNext();
        }
    }

    private void dataReceived(byte[] data) {
        if (protocol instanceof Protocol streamProtocol) {
            streamProtocol.dataReceived(data);
        }
    }

    private void eofReceived() {
        if (protocol instanceof Protocol streamProtocol) {
            streamProtocol.eofReceived();
        }
    }

    @Override
    public boolean isReading() {
        return !paused && !closing;
    }

    @Override
    public void pauseReading() {
        if (closing || paused) {
            return;
        }
        paused = true;
    }

    @Override
    public void resumeReading() {
        if (closing || !paused) {
            return;
        }
        paused = false;
        // in a later iteration, as asyncio's reader fires: the reader that resumes may be about to wait for data
        loop.callSoon(() -> {
            byte[] chunk = held;
            held = null;
            if (chunk != null && !closing) {
                dataReceived(chunk);
            }
            readNext();
        });
    }

    @Override
    public boolean isClosing() {
        return closing;
    }

    /** Stops reading and closes the pipe, asyncio's {@code close()}: the protocol's {@code connectionLost(null)} comes in a later iteration. */
    @Override
    public void close() {
        if (!closing) {
            closeWith(null);
        }
    }

    private void fatalError(IOException failure) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("message", "Fatal read error on pipe transport");
        context.put("exception", failure);
        context.put("transport", this);
        context.put("protocol", protocol);
        loop.callExceptionHandler(context);
        closeWith(failure);
    }

    private void closeWith(Exception failure) {
        closing = true;
        held = null;
        loop.callSoon(() -> connectionLost(failure));
    }

    /** Tells the protocol, then closes the pipe, asyncio's {@code _call_connection_lost}. */
    private void connectionLost(Exception failure) {
        try {
            protocol.connectionLost(failure);
        } finally {
            // Never blocks, though a read may be in flight: the JDK's process stream closes under a lock
            // that only its reaper takes, to drain what is left without blocking when the child exits.
            closeQuietly();
        }
    }

    @Override
    public String toString() {
        return "ReadPipeTransport[" + name + (closing ? " closed" : paused ? " paused" : " open")
                + (reading ? " reading" : "") + "]";
    }
}
