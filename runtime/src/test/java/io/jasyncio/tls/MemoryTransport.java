// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.tls;

import io.jasyncio.EventLoop;
import io.jasyncio.transports.BaseProtocol;
import io.jasyncio.transports.BufferedProtocol;
import io.jasyncio.transports.Protocol;
import io.jasyncio.transports.Transport;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One end of a stream connection in memory, for tests of protocols over a transport without sockets,
 * modelled on a socket: what one end writes goes into the peer's {@linkplain #KERNEL_BUFFER kernel
 * buffer} while it has room, and waits in this end's write buffer otherwise, with asyncio's marks
 * for pausing and resuming the protocol's writing. The peer's protocol receives it in later
 * iterations, at most {@link #READ_SIZE} bytes a read, unless the peer paused reading. Closing sends
 * what is buffered, then the end of the stream, as a FIN would; aborting drops the write buffer (not
 * what the kernel has) and sends the end of the stream. Loop thread only.
 */
final class MemoryTransport implements Transport {
    /** How many bytes one read delivers at most. */
    static final int READ_SIZE = 64 * 1024;

    /** How many bytes a kernel buffer holds that the receiving end has not read. */
    static final int KERNEL_BUFFER = 128 * 1024;

    private final EventLoop loop;
    private final String name;
    private MemoryTransport peer;
    private BaseProtocol<?> protocol;

    /** What the peer wrote and this end has not read yet: the kernel's buffer. */
    private final ArrayDeque<ByteBuffer> inbox = new ArrayDeque<>();
    private int inboxSize;

    /** What this end wrote that did not fit in the peer's kernel buffer: the write buffer. */
    private final ArrayDeque<ByteBuffer> outbox = new ArrayDeque<>();
    private int outboxSize;

    /** Whether the peer's end of the stream follows what is in the inbox. */
    private boolean eofInbound;

    private boolean readingPaused;
    private boolean deliveryScheduled;
    private boolean closing;
    private boolean lost;
    private boolean writingPaused;
    private int highWater = 64 * 1024;
    private int lowWater = 16 * 1024;

    /** Every call this end made on its protocol's flow control, for tests to check. */
    final List<String> events = new ArrayList<>();

    private MemoryTransport(EventLoop loop, String name) {
        this.loop = loop;
        this.name = name;
    }

    /** Two connected ends, {@code client} and {@code server}, whose protocols are made in the next iteration. */
    static MemoryTransport[] pair(EventLoop loop, BaseProtocol<?> client, BaseProtocol<?> server) {
        MemoryTransport a = new MemoryTransport(loop, "client");
        MemoryTransport b = new MemoryTransport(loop, "server");
        a.peer = b;
        b.peer = a;
        a.protocol = client;
        b.protocol = server;
        loop.callSoon(() -> a.made());
        loop.callSoon(() -> b.made());
        return new MemoryTransport[] {a, b};
    }

    @SuppressWarnings("unchecked")
    private void made() {
        ((BaseProtocol<Transport>) protocol).connectionMade(this);
    }

    // ---------------------------------------------------------------------------------------------
    // Reading

    private void scheduleDelivery() {
        if (!deliveryScheduled && !readingPaused && !lost && (inboxSize > 0 || eofInbound)) {
            deliveryScheduled = true;
            loop.callSoon(this::deliver);
        }
    }

    private void deliver() {
        deliveryScheduled = false;
        if (readingPaused || lost) {
            return;
        }
        if (inboxSize > 0) {
            int count = Math.min(READ_SIZE, inboxSize);
            byte[] data = take(count);
            if (protocol instanceof BufferedProtocol buffered) {
                int offset = 0;
                while (offset < count) {
                    ByteBuffer buffer = buffered.getBuffer(count - offset);
                    int chunk = Math.min(buffer.remaining(), count - offset);
                    buffer.duplicate().put(data, offset, chunk);
                    offset += chunk;
                    buffered.bufferUpdated(chunk);
                }
            } else if (protocol instanceof Protocol streaming) {
                streaming.dataReceived(data);
            }
            peer.pump();
        } else if (eofInbound) {
            eofInbound = false;
            boolean keepOpen = protocol instanceof BufferedProtocol buffered ? buffered.eofReceived()
                    : ((Protocol) protocol).eofReceived();
            if (!keepOpen) {
                close();
            }
            return;
        }
        scheduleDelivery();
    }

    private byte[] take(int count) {
        byte[] data = new byte[count];
        int offset = 0;
        while (offset < count) {
            ByteBuffer head = inbox.peek();
            int chunk = Math.min(head.remaining(), count - offset);
            head.get(data, offset, chunk);
            offset += chunk;
            if (!head.hasRemaining()) {
                inbox.poll();
            }
        }
        inboxSize -= count;
        return data;
    }

    @Override
    public boolean isReading() {
        return !readingPaused && !closing;
    }

    @Override
    public void pauseReading() {
        if (!readingPaused) {
            events.add("pauseReading");
        }
        readingPaused = true;
    }

    @Override
    public void resumeReading() {
        if (readingPaused) {
            events.add("resumeReading");
        }
        readingPaused = false;
        scheduleDelivery();
    }

    // ---------------------------------------------------------------------------------------------
    // Writing

    @Override
    public void write(byte[] data, int offset, int length) {
        write(ByteBuffer.wrap(data, offset, length));
    }

    @Override
    public void write(ByteBuffer data) {
        if (closing || data.remaining() == 0) {
            data.position(data.limit());
            return;
        }
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data).flip();
        outbox.add(copy);
        outboxSize += copy.remaining();
        pump();
    }

    /** Moves what waits in the write buffer into the peer's kernel buffer as far as it has room. */
    private void pump() {
        if (peer.lost) {
            outbox.clear(); // as a reset would
            outboxSize = 0;
        }
        ByteBuffer head;
        while ((head = outbox.peek()) != null && !peer.lost && peer.inboxSize < KERNEL_BUFFER) {
            int count = Math.min(head.remaining(), KERNEL_BUFFER - peer.inboxSize);
            ByteBuffer chunk = head.slice().limit(count);
            head.position(head.position() + count);
            if (!head.hasRemaining()) {
                outbox.poll();
            }
            outboxSize -= count;
            peer.inbox.add(chunk);
            peer.inboxSize += count;
        }
        peer.scheduleDelivery();
        controlWriting();
    }

    private void controlWriting() {
        if (lost) {
            return;
        }
        int size = getWriteBufferSize();
        if (size > highWater && !writingPaused) {
            writingPaused = true;
            events.add("pauseWriting");
            protocol.pauseWriting();
        } else if (size <= lowWater && writingPaused) {
            writingPaused = false;
            events.add("resumeWriting");
            protocol.resumeWriting();
        }
        if (closing && size == 0 && !lost) {
            finishClosing();
        }
    }

    @Override
    public void writeEof() {
        throw new UnsupportedOperationException("not in memory");
    }

    @Override
    public boolean canWriteEof() {
        return false;
    }

    @Override
    public int getWriteBufferSize() {
        return outboxSize;
    }

    @Override
    public void setWriteBufferLimits(int high, int low) {
        highWater = high;
        lowWater = low;
    }

    @Override
    public WriteBufferLimits getWriteBufferLimits() {
        return new WriteBufferLimits(lowWater, highWater);
    }

    // ---------------------------------------------------------------------------------------------
    // Closing

    @Override
    public boolean isClosing() {
        return closing;
    }

    /** Stops reading, and once the peer has read what was written, sends it the end of the stream and is lost. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        if (getWriteBufferSize() == 0) {
            finishClosing();
        }
    }

    private void finishClosing() {
        lost = true;
        if (!peer.lost) {
            peer.eofInbound = true;
            peer.scheduleDelivery();
        }
        loop.callSoon(() -> protocol.connectionLost(null));
    }

    /** Drops the write buffer, sends the end of the stream after what the kernel has, and is lost. */
    @Override
    public void abort() {
        if (lost) {
            return;
        }
        closing = true;
        outbox.clear();
        outboxSize = 0;
        finishClosing();
    }

    @Override
    public Object getExtraInfo(String name, Object defaultValue) {
        return "peername".equals(name) ? "memory:" + peer.name : defaultValue;
    }

    @Override
    public void setProtocol(BaseProtocol<?> protocol) {
        this.protocol = protocol;
    }

    @Override
    public BaseProtocol<?> getProtocol() {
        return protocol;
    }

    /** Whether the connection is lost at this end. */
    boolean lost() {
        return lost;
    }

    @Override
    public String toString() {
        return "MemoryTransport[" + name + (lost ? " lost" : closing ? " closing" : "") + "]";
    }
}
