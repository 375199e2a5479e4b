// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.streams;

import io.jasyncio.Coroutine;
import io.jasyncio.Future;
import io.jasyncio.internal.HandWrittenCoroutine;
import io.jasyncio.internal.LoopBinding;
import io.jasyncio.internal.StreamBuffer;
import io.jasyncio.transports.ReadTransport;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The reading end of a connection, asyncio's {@code StreamReader}: a buffer that the connection
 * fills, and coroutines that take lines, separated chunks or counted bytes from it.
 *
 * <p>Every read is all or nothing: it takes bytes from the buffer only when it returns them, or
 * when it throws an exception that carries them ({@link IncompleteReadException#partial()}). A read
 * cancelled while it waits has taken nothing, and the reader can be used again; so has a read that
 * threw {@link LimitOverrunException}. Only {@link #readline()} drops data on an over-long line, as
 * asyncio's does. One task reads at a time: a second read while one waits throws
 * {@link IllegalStateException}.
 *
 * <p>The buffer is bounded by the {@linkplain #getLimit() limit} (64 KiB by default): a separator
 * must come within {@code limit} bytes, and the connection stops reading from the socket while the
 * buffer holds more than {@code 2 * limit} bytes, and reads again once it holds {@code limit} or
 * less, or when a read needs more. The peer then waits in its {@code drain()}.
 *
 * <p>Once the connection fails, every read throws its exception (for a reset connection, the
 * {@link java.net.SocketException} that Java reported). Loop thread only.
 */
public final class StreamReader {
    /** The default limit, asyncio's {@code _DEFAULT_LIMIT}: 64 KiB. */
    public static final int DEFAULT_LIMIT = 64 * 1024;

    private static final byte[] NEWLINE = {'\n'};
    private static final byte[] NO_BYTES = new byte[0];

    /** The longest a separated chunk may be, and half the buffer size at which reading pauses, in bytes. */
    private final int limit;

    private final StreamBuffer buffer = new StreamBuffer();

    /** Whether the end of the stream was fed: no more data will come. */
    private boolean eof;

    /** The exception of a failed connection, thrown by every read from then on. */
    private Throwable exception;

    /** The future of the read that waits for data; at most one. */
    private Future<Void> waiter;

    /** The connection that fills the buffer, asked to pause and resume; {@code null} for a reader fed by hand. */
    private ReadTransport transport;

    /** Whether this reader asked the transport to stop reading. */
    private boolean paused;

    private final LoopBinding loop = new LoopBinding(this);

    /** A reader with the default limit of 64 KiB, fed by {@link #feedData} and {@link #feedEof}. */
    public StreamReader() {
        this(DEFAULT_LIMIT);
    }

    /** A reader whose separated chunks are at most {@code limit} bytes. */
    public StreamReader(int limit) {
        this.limit = checkLimit(limit);
    }

    /** Returns {@code limit} if it is positive; {@link IllegalArgumentException} otherwise, as asyncio's {@code ValueError}. */
    static int checkLimit(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("Limit cannot be <= 0: " + limit);
        }
        return limit;
    }

    /** The limit in bytes, asyncio's {@code _limit}. */
    public int getLimit() {
        return limit;
    }

    // ---------------------------------------------------------------------------------------------
    // Feeding

    /** Appends {@code data} to the buffer and wakes the waiting read, asyncio's {@code feed_data}. */
    public void feedData(byte[] data) {
        checkNotEof();
        if (data.length > 0) {
            buffer.append(data, 0, data.length);
            dataFed();
        }
    }

    /** Appends the remaining bytes of {@code data}, which it consumes, and wakes the waiting read, as {@link #feedData(byte[])}. */
    public void feedData(ByteBuffer data) {
        checkNotEof();
        if (data.hasRemaining()) {
            buffer.append(data);
            dataFed();
        }
    }

    private void checkNotEof() {
        if (eof) {
            throw new IllegalStateException("feedData after feedEof");
        }
    }

    private void dataFed() {
        wakeUpWaiter();
        if (transport != null && !paused && buffer.size() > 2L * limit) {
            paused = true;
            transport.pauseReading();
        }
    }

    /** Marks the end of the stream and wakes the waiting read, asyncio's {@code feed_eof}. Idempotent. */
    public void feedEof() {
        eof = true;
        wakeUpWaiter();
    }

    /** Fails every read from now on with {@code failure}, the waiting one included, asyncio's {@code set_exception}. */
    public void setException(Throwable failure) {
        exception = failure;
        Future<Void> waiting = waiter;
        if (waiting != null) {
            waiter = null;
            if (!waiting.cancelled()) {
                waiting.setException(failure);
            }
        }
    }

    /** The exception set by {@link #setException}, or {@code null}. */
    public Throwable exception() {
        return exception;
    }

    /** Whether the end of the stream was fed and the buffer is empty, asyncio's {@code at_eof}. */
    public boolean atEof() {
        return eof && buffer.isEmpty();
    }

    /**
     * Connects the reader to the transport that fills it, which it pauses and resumes as its buffer
     * fills and drains, asyncio's {@code set_transport}; {@link IllegalStateException} if it has one.
     */
    public void setTransport(ReadTransport filler) {
        if (transport != null) {
            throw new IllegalStateException("Transport already set");
        }
        transport = filler;
    }

    private void wakeUpWaiter() {
        Future<Void> waiting = waiter;
        if (waiting != null) {
            waiter = null;
            if (!waiting.cancelled()) {
                waiting.setResult(null);
            }
        }
    }

    /** Lets the transport read again once the buffer is down to the limit, asyncio's {@code _maybe_resume_transport}. */
    private void resumeTransportIfDrained() {
        if (paused && buffer.size() <= limit) {
            paused = false;
            transport.resumeReading();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Reading

    /**
     * A coroutine that returns at most {@code n} bytes as soon as any are buffered, asyncio's
     * {@code read(n)}: an empty array at the end of the stream; {@code n == 0} returns an empty array
     * at once; {@code n < 0} reads to the end, as {@link #read()}.
     */
    public Coroutine<byte[]> read(int n) throws IOException {
        return n < 0 ? read() : new ReadSome(n);
    }

    /**
     * A coroutine that waits for the end of the stream and returns every byte until then, asyncio's
     * {@code read()}. Unlike asyncio's, which takes the data block by block, it takes it all at the
     * end, so that a cancelled {@code read()} leaves it all in the reader.
     */
    public Coroutine<byte[]> read() throws IOException {
        return new ReadAll();
    }

    /**
     * A coroutine that returns the next line, {@code '\n'} included, asyncio's {@code readline()}. At
     * the end of the stream it returns the partial line, an empty array once nothing is left. A line
     * longer than the limit is dropped (or, if its end has not come yet, the whole buffer is), and
     * {@link IllegalArgumentException}, Python's {@code ValueError}, is thrown with the
     * {@link LimitOverrunException} as its cause.
     */
    public Coroutine<byte[]> readline() throws IOException {
        return new ReadLine();
    }

    /** A coroutine that returns the data up to and including the next {@code '\n'}; see {@link #readuntil(byte[])}. */
    public Coroutine<byte[]> readuntil() throws IOException {
        return new ReadUntil(NEWLINE);
    }

    /**
     * A coroutine that returns the data up to and including the next {@code separator}, asyncio's
     * {@code readuntil(separator)}. If the stream ends first it throws
     * {@link IncompleteReadException} with the rest of the data (taken from the reader) and no expected
     * count; if the separator is not within the limit it throws {@link LimitOverrunException}, and the
     * data stays in the reader. An empty separator is refused ({@link IllegalArgumentException}).
     */
    public Coroutine<byte[]> readuntil(byte[] separator) throws IOException {
        if (separator.length == 0) {
            throw new IllegalArgumentException("Separator should be at least one-byte string");
        }
        return new ReadUntil(separator.clone());
    }

    /**
     * A coroutine that returns exactly {@code n} bytes, asyncio's {@code readexactly(n)}; if the
     * stream ends first it throws {@link IncompleteReadException} with the bytes that were left (taken
     * from the reader) and {@code n} as the expected count. {@code n == 0} returns an empty array.
     */
    public Coroutine<byte[]> readexactly(int n) throws IOException {
        if (n < 0) {
            throw new IllegalArgumentException("readexactly size can not be less than zero");
        }
        return new ReadExactly(n);
    }

    /**
     * A read that waits for data until it can complete, asyncio's loops around
     * {@code _wait_for_data}. It fails at once if the connection failed; then, each time it runs, it
     * either completes from the buffer or waits for more data.
     */
    private abstract class Read extends HandWrittenCoroutine<byte[]> {
        private static final int DATA_ARRIVED = 1;

        /** The future this read waits on, to tell it from a later read's. */
        private Future<Void> myWaiter;

        /** Completes from the buffer (returns the bytes, or throws), or returns {@code null} to wait for more. */
        abstract byte[] attempt();

        @Override
        protected final Object step(int label) {
            if (label == START) {
                if (exception != null) {
                    throw rethrow(exception);
                }
            } else if (label == DATA_ARRIVED) {
                try {
                    awaited();
                } finally {
                    if (waiter == myWaiter) { // cancelled: the next read may wait (woken, it was cleared already)
                        waiter = null;
                    }
                    myWaiter = null;
                }
            } else {
                throw badLabel(label);
            }
            byte[] data = attempt();
            if (data != null) {
                return finish(data);
            }
            myWaiter = waitForData();
            return await(DATA_ARRIVED, myWaiter);
        }

        /** The future that the next data, the end of the stream or a failure completes, asyncio's {@code _wait_for_data}. */
        private Future<Void> waitForData() {
            if (waiter != null) {
                throw new IllegalStateException(
                        functionName() + "() called while another coroutine is already waiting for incoming data");
            }
            if (eof) {
                throw new IllegalStateException("waiting for data after the end of the stream");
            }
            if (paused) { // the data this read needs may be beyond 2 * limit: waiting while paused would never end
                paused = false;
                transport.resumeReading();
            }
            waiter = loop.runningLoop().createFuture();
            return waiter;
        }
    }

    /** {@code read(n)}: takes at most {@code n} bytes once any are there. */
    private final class ReadSome extends Read {
        private final int n;

        ReadSome(int n) {
            this.n = n;
        }

        @Override
        byte[] attempt() {
            if (n == 0) {
                return NO_BYTES;
            }
            if (buffer.isEmpty() && !eof) {
                return null;
            }
            return take(Math.min(n, buffer.size()));
        }

        @Override
        protected String functionName() {
            return "read";
        }
    }

    /** {@code read()}: takes everything once the stream has ended. */
    private final class ReadAll extends Read {
        @Override
        byte[] attempt() {
            return eof ? take(buffer.size()) : null;
        }

        @Override
        protected String functionName() {
            return "read";
        }
    }

    /** {@code readexactly(n)}. */
    private final class ReadExactly extends Read {
        private final int n;

        ReadExactly(int n) {
            this.n = n;
        }

        @Override
        byte[] attempt() {
            if (buffer.size() >= n) {
                return take(n);
            }
            if (eof) {
                throw new IncompleteReadException(take(buffer.size()), n);
            }
            return null;
        }

        @Override
        protected String functionName() {
            return "readexactly";
        }
    }

    /** {@code readuntil(separator)}. */
    private class ReadUntil extends Read {
        private final byte[] separator;

        /** Where the search for the separator goes on: the bytes before it were searched already. */
        private int offset;

        ReadUntil(byte[] separator) {
            this.separator = separator;
        }

        @Override
        byte[] attempt() {
            int found = -1;
            if (buffer.size() - offset >= separator.length) {
                found = buffer.indexOf(separator, offset);
                if (found < 0) {
                    offset = buffer.size() + 1 - separator.length;
                    if (offset > limit) {
                        throw new LimitOverrunException("Separator is not found, and chunk exceed the limit", offset);
                    }
                }
            }
            if (found < 0) {
                if (eof) {
                    throw new IncompleteReadException(take(buffer.size()), null);
                }
                return null;
            }
            if (found > limit) {
                throw new LimitOverrunException("Separator is found, but chunk is longer than limit", found);
            }
            return take(found + separator.length);
        }

        /** Drops an over-long line as {@code readline()} does: up to its separator if it is there, else everything. */
        final void dropOverrun(LimitOverrunException overrun) {
            if (buffer.startsWith(separator, overrun.consumed())) {
                buffer.discard(overrun.consumed() + separator.length);
            } else {
                buffer.clear();
            }
            resumeTransportIfDrained();
        }

        @Override
        protected String functionName() {
            return "readuntil";
        }
    }

    /** {@code readline()}: {@code readuntil('\n')}, with the partial line at the end and over-long lines dropped. */
    private final class ReadLine extends ReadUntil {
        ReadLine() {
            super(NEWLINE);
        }

        @Override
        byte[] attempt() {
            try {
                return super.attempt();
            } catch (IncompleteReadException ended) {
                return ended.partial();
            } catch (LimitOverrunException overrun) {
                dropOverrun(overrun);
                throw new IllegalArgumentException(overrun.getMessage(), overrun);
            }
        }

        @Override
        protected String functionName() {
            return "readline";
        }
    }

    /** Takes {@code count} bytes and lets the transport read again if the buffer drained. */
    private byte[] take(int count) {
        byte[] data = count == 0 ? NO_BYTES : buffer.take(count);
        resumeTransportIfDrained();
        return data;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("StreamReader[");
        text.append(buffer.size()).append(" bytes");
        if (eof) {
            text.append(" eof");
        }
        if (limit != DEFAULT_LIMIT) {
            text.append(" limit=").append(limit);
        }
        if (waiter != null) {
            text.append(" waiter=").append(waiter);
        }
        if (exception != null) {
            text.append(" exception=").append(exception);
        }
        if (transport != null) {
            text.append(" transport=").append(transport);
        }
        if (paused) {
            text.append(" paused");
        }
        return text.append(']').toString();
    }
}
