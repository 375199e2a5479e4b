// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.subprocess;

import io.jasyncio.EventLoop;
import io.jasyncio.transports.WriteFlowControl;
import io.jasyncio.transports.WriteTransport;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The writing end of a pipe to a child's stdin, asyncio's {@code _UnixWritePipeTransport}, over the
 * JDK's blocking stream: {@link #write} never blocks; it buffers, and one chunk at a time is written
 * and flushed by a job on a {@link PipeThreads} thread, whose completion comes back to the loop. The
 * buffer counts the bytes until their write returns, with asyncio's marks: above the high-water mark
 * (64 KiB) the protocol's {@code pauseWriting()} is called, and {@code resumeWriting()} once the
 * buffer is down to the low-water mark (a quarter of it); that is what makes {@code drain()} wait.
 *
 * <p>As for asyncio's pipes, {@link #writeEof()} and {@link #close()} are the same: the pipe closes
 * once the buffer is written, then the protocol's {@code connectionLost(null)} is called. Writes
 * after that are dropped, with a warning after the fifth. A write the child does not take (it
 * exited, or closed its stdin) fails with the JDK's {@link IOException} "Broken pipe", Python's
 * {@code BrokenPipeError}: the buffer is dropped and the protocol receives that exception, which is
 * not reported to the loop's exception handler, as asyncio does not report {@code OSError}s. Loop
 * thread only, but for the blocking write.
 */
final class WritePipeTransport extends PipeTransport<OutputStream> implements WriteTransport {
    /** The most one blocking write takes, in bytes: a Linux pipe's whole capacity. */
    private static final int CHUNK = 64 * 1024;

    /** After this many writes to a closed pipe, each one is logged, asyncio's {@code LOG_THRESHOLD_FOR_CONNLOST_WRITES}. */
    private static final int LOST_WRITES_BEFORE_WARNING = 5;

    private static final System.Logger LOGGER = System.getLogger("io.jasyncio");

    /** The chunks not yet handed to a pipe thread, oldest first. */
    private final ArrayDeque<byte[]> buffer = new ArrayDeque<>();

    /** The bytes buffered, the chunk in flight included: asyncio's {@code get_write_buffer_size()}. */
    private int bufferSize;

    /** Whether a write is in flight on a pipe thread. */
    private boolean writing;

    /** The marks, and the protocol's pausing and resuming as the buffer crosses them. */
    private final WriteFlowControl flowControl;

    /** Whether {@link #close()}, {@link #writeEof()}, {@link #abort()} or a failure began closing: no more writes are taken. */
    private boolean closing;

    /** Whether the connection is lost or about to be: {@link #connectionLost} is scheduled or ran. */
    private boolean lost;

    /** How many writes came after the pipe was lost or closing, asyncio's {@code _conn_lost}. */
    private int lostWrites;

    /** Writes {@code pipe} for {@code protocol}. */
    WritePipeTransport(EventLoop loop, OutputStream pipe, PipeProtocol protocol) {
        super(loop, pipe, protocol);
        this.flowControl = new WriteFlowControl(loop, this);
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + ", array " + data.length);
        }
        if (length == 0) {
            return;
        }
        if (closing || lost) {
            if (++lostWrites > LOST_WRITES_BEFORE_WARNING) {
                LOGGER.log(Level.WARNING, "pipe closed by peer or write(pipe, data) raised exception.");
            }
            return;
        }
        for (int from = offset; from < offset + length; from += CHUNK) {
            buffer.add(Arrays.copyOfRange(data, from, Math.min(offset + length, from + CHUNK)));
        }
        bufferSize += length;
        writeNext();
        flowControl.maybePauseProtocol(bufferSize);
    }

    @Override
    public void write(ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        write(bytes, 0, bytes.length);
    }

    /** Hands the oldest chunk to a pipe thread, unless one is in flight or none is buffered. */
    private void writeNext() {
        if (writing || buffer.isEmpty()) {
            return;
        }
        writing = true;
        byte[] chunk = buffer.poll();
        PipeThreads.run(() -> blockingWrite(chunk));
    }

    /** On a pipe thread: writes and flushes {@code chunk}, then tells the loop. */
    private void blockingWrite(byte[] chunk) {
        IOException failure = null;
        try {
            pipe.write(chunk);
            pipe.flush();
        } catch (IOException writeFailed) {
            // After the child exits, the JDK swaps the pipe for a stream that throws "Stream closed"; this
            // transport never closes the stream under a write, so that is the child's end closing too.
            failure = "Stream closed".equals(writeFailed.getMessage()) ? new IOException("Broken pipe", writeFailed) : writeFailed;
        }
        IOException error = failure;
        try {
            loop.callSoonThreadsafe(() -> writeDone(chunk.length, error));
        } catch (IllegalStateException loopClosed) {
            closeQuietly(); // nobody will write any more
        }
    }

    /** On the loop: a write of {@code length} bytes ended, with {@code failure} if it failed. */
    private void writeDone(int length, IOException failure) {
        writing = false;
        if (lost) {
            closeQuietly(); // aborted while the write was in flight: the pipe was left open for it
            return;
        }
        if (failure != null) {
            buffer.clear();
            bufferSize = 0;
            lostWrites++;
            closeWith(failure); // an OSError: asyncio logs it in debug mode only
            return;
        }
        bufferSize -= length;
        flowControl.maybeResumeProtocol(bufferSize);
        if (!buffer.isEmpty()) {
            writeNext();
        } else if (closing) {
            lost = true;
            connectionLost(null);
        }
    }

    @Override
    public int getWriteBufferSize() {
        return bufferSize;
    }

    @Override
    public void setWriteBufferLimits(int high, int low) {
        flowControl.setLimits(high, low, bufferSize);
    }

    @Override
    public WriteBufferLimits getWriteBufferLimits() {
        return flowControl.limits();
    }

    /** Closes the pipe once the buffer is written, asyncio's {@code write_eof()}: the child reads the end of its stdin. */
    @Override
    public void writeEof() {
        if (closing) {
            return;
        }
        closing = true;
        if (bufferSize == 0) {
            lost = true;
            loop.callSoon(() -> connectionLost(null));
        }
    }

    /** Whether {@link #writeEof()} is possible: always. */
    @Override
    public boolean canWriteEof() {
        return true;
    }

    @Override
    public boolean isClosing() {
        return closing;
    }

    /** Closes the pipe once the buffer is written, asyncio's {@code close()}: the same as {@link #writeEof()}. */
    @Override
    public void close() {
        writeEof();
    }

    @Override
    public void abort() {
        closeWith(null);
    }

    /**
     * The child exited, so its end of the pipe closed, asyncio's {@code _read_ready} of a write pipe:
     * an idle pipe closes, and one with data buffered fails with "Broken pipe" as its write in flight
     * does. asyncio sees the child's end close as it happens; the JDK cannot, and closes the pipe
     * itself when the child exits, so the process transport calls this then.
     */
    void peerClosed() {
        if (lost) {
            return;
        }
        if (bufferSize == 0) {
            closeWith(null);
        } // else a write is in flight, and fails with "Broken pipe" (or a grandchild reads it)
    }

    /** Closes at once, dropping the buffer, asyncio's {@code _close(exc)}. */
    private void closeWith(Exception failure) {
        if (lost) {
            return;
        }
        closing = true;
        lost = true;
        buffer.clear();
        bufferSize = 0;
        loop.callSoon(() -> connectionLost(failure));
    }

    /** Tells the protocol, then closes the pipe (unless a write is in flight, which closes it as it ends), asyncio's {@code _call_connection_lost}. */
    private void connectionLost(Exception failure) {
        try {
            protocol.connectionLost(failure);
        } finally {
            if (!writing) { // closing waits for the stream's lock, which a write in flight holds
                closeQuietly();
            }
        }
    }

    @Override
    public String toString() {
        return "WritePipeTransport[stdin " + (lost ? "closed" : closing ? "closing" : "open")
                + (bufferSize > 0 ? " buffered=" + bufferSize : "") + "]";
    }
}
