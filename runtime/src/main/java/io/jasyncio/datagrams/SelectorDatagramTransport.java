// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.datagrams;

import io.jasyncio.Future;
import io.jasyncio.SelectorEventLoop;
import io.jasyncio.transports.BaseProtocol;
import io.jasyncio.transports.DatagramProtocol;
import io.jasyncio.transports.DatagramTransport;
import io.jasyncio.transports.WriteFlowControl;
import io.jasyncio.transports.WriteTransport.WriteBufferLimits;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A UDP socket driven by the selector, asyncio's {@code _SelectorDatagramTransport}: each datagram
 * that arrives goes to the protocol's {@code datagramReceived}, and {@link #sendto} sends at once
 * when nothing is buffered, buffering otherwise.
 *
 * <p>Reading: a readable socket is read until it has no datagram left, or for at most
 * {@link #MAX_DATAGRAMS_PER_READ} datagrams, whichever comes first. asyncio reads one datagram per
 * readiness; reading a few more saves a select per datagram under load, and the bound keeps a flood
 * from holding the loop: the selector is level-triggered, so what is left is found ready in the next
 * iteration, after the other callbacks and due timers have had their turn.
 *
 * <p>Errors: a send or receive that fails with an {@link IOException} (an ICMP port-unreachable
 * reported on a connected socket as {@link java.net.PortUnreachableException}, a closed socket) goes
 * to the protocol's {@code errorReceived}, and the endpoint stays open, as in asyncio; anything else
 * is reported to the loop's exception handler and aborts the endpoint.
 *
 * <p>Closing: {@link #close()} stops reading, sends what is buffered, then closes the socket and
 * calls {@code connectionLost(null)} in a later iteration; {@link #abort()} drops the buffer first.
 * Loop thread only.
 */
final class SelectorDatagramTransport implements DatagramTransport {
    private static final System.Logger LOG = System.getLogger(SelectorDatagramTransport.class.getName());

    /** The most datagrams one readiness of the socket delivers; see the class comment. */
    static final int MAX_DATAGRAMS_PER_READ = 32;

    /** After how many sends to a lost connected endpoint a warning is logged, asyncio's {@code LOG_THRESHOLD_FOR_CONNLOST_WRITES}. */
    private static final int LOST_SENDS_BEFORE_WARNING = 5;

    /**
     * The receive buffer of the thread's loop, as large as the largest UDP datagram: a direct buffer,
     * so the JDK copies nothing more, one per loop rather than one per endpoint. No callback holds it
     * across another.
     */
    private static final ThreadLocal<ByteBuffer> SCRATCH = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(64 * 1024));

    private final SelectorEventLoop loop;
    private final DatagramChannel channel;
    private DatagramProtocol protocol;

    /** The address the socket is connected to, asyncio's {@code _address}; {@code null} when it is not connected. */
    private final SocketAddress remoteAddress;

    /** The address the socket is bound to. */
    private final SocketAddress localAddress;

    /** The datagrams that the socket did not take yet, in order. */
    private final ArrayDeque<Pending> buffer = new ArrayDeque<>();

    /** How many bytes the datagrams in {@link #buffer} hold. */
    private int bufferSize;

    /** The marks of {@link #buffer} at which the protocol is told to pause and to resume writing. */
    private final WriteFlowControl flowControl;

    /** Whether {@link #close()} or {@link #abort()} began closing: no more reading. */
    private boolean closing;

    /**
     * asyncio's {@code _conn_lost}: 0 while the endpoint is open, then 1 once {@code connectionLost} is
     * scheduled, counting up with each datagram sent in vain after that.
     */
    private int connectionLost;

    private final Runnable readReady = this::readReady;
    private final Runnable writeReady = this::writeReady;

    /** A datagram waiting to be sent: a copy of its bytes, and where to ({@code null} when connected). */
    private record Pending(byte[] data, SocketAddress address) {}

    /**
     * Drives {@code channel}, non-blocking, bound, and connected to {@code remoteAddress} unless that is
     * {@code null}. As in asyncio, in the next iteration the protocol learns of the endpoint, then the
     * socket is watched for datagrams, then {@code made} is completed.
     */
    SelectorDatagramTransport(SelectorEventLoop loop, DatagramChannel channel, DatagramProtocol protocol,
            SocketAddress remoteAddress, Future<Void> made) throws IOException {
        this.loop = loop;
        this.channel = channel;
        this.protocol = protocol;
        this.flowControl = new WriteFlowControl(loop, this);
        this.remoteAddress = remoteAddress;
        this.localAddress = channel.getLocalAddress();
        loop.callSoon(() -> this.protocol.connectionMade(this));
        loop.callSoon(() -> {
            if (!closing) {
                loop.addReader(channel, readReady);
            }
        });
        loop.callSoon(() -> {
            if (!made.done()) {
                made.setResult(null);
            }
        });
    }

    // ---------------------------------------------------------------------------------------------
    // Receiving

    /** Delivers the datagrams waiting in the socket, at most {@link #MAX_DATAGRAMS_PER_READ}, asyncio's {@code _read_ready}. */
    private void readReady() {
        ByteBuffer scratch = SCRATCH.get();
        for (int i = 0; i < MAX_DATAGRAMS_PER_READ && connectionLost == 0 && !closing; i++) {
            SocketAddress source;
            scratch.clear();
            try {
                source = channel.receive(scratch);
            } catch (IOException failure) {
                protocol.errorReceived(failure);
                return;
            } catch (RuntimeException failure) {
                fatalError(failure, "Fatal read error on datagram transport");
                return;
            }
            if (source == null) {
                return; // nothing left: the selector tells when more arrives
            }
            byte[] data = new byte[scratch.flip().remaining()];
            scratch.get(data);
            protocol.datagramReceived(data, source);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Sending

    @Override
    public void sendto(byte[] data, SocketAddress address) {
        if (data.length == 0) {
            return; // as asyncio 3.11, which sends no empty datagram
        }
        SocketAddress target = address;
        if (remoteAddress != null) {
            if (address != null && !address.equals(remoteAddress)) {
                throw new IllegalArgumentException("Invalid address: must be null or " + remoteAddress);
            }
            target = remoteAddress;
        } else if (address == null) {
            throw new IllegalArgumentException("Invalid address: the endpoint is not connected, so sendto needs one");
        }
        if (connectionLost > 0 && remoteAddress != null) {
            if (connectionLost++ >= LOST_SENDS_BEFORE_WARNING) {
                LOG.log(Level.WARNING, "socket.send() raised exception.");
            }
            return;
        }
        if (buffer.isEmpty()) {
            try {
                if (send(ByteBuffer.wrap(data), target)) {
                    return;
                }
                loop.addWriter(channel, writeReady);
            } catch (IOException failure) {
                protocol.errorReceived(failure);
                return;
            } catch (RuntimeException failure) {
                fatalError(failure, "Fatal write error on datagram transport");
                return;
            }
        }
        buffer.add(new Pending(data.clone(), target));
        bufferSize += data.length;
        flowControl.maybePauseProtocol(bufferSize);
    }

    /** Sends one datagram to {@code target}; false if the socket has no room for it now. */
    private boolean send(ByteBuffer datagram, SocketAddress target) throws IOException {
        int sent = remoteAddress != null ? channel.write(datagram) : channel.send(datagram, target);
        return sent > 0;
    }

    /** Sends the buffered datagrams while the socket takes them, asyncio's {@code _sendto_ready}. */
    private void writeReady() {
        while (!buffer.isEmpty()) {
            Pending next = buffer.peek();
            try {
                if (!send(ByteBuffer.wrap(next.data()), next.address())) {
                    break; // try again when the socket is writable
                }
            } catch (IOException failure) {
                dequeue();
                protocol.errorReceived(failure);
                return;
            } catch (RuntimeException failure) {
                dequeue();
                fatalError(failure, "Fatal write error on datagram transport");
                return;
            }
            dequeue();
        }
        flowControl.maybeResumeProtocol(bufferSize); // the protocol may send more here
        if (buffer.isEmpty()) {
            loop.removeWriter(channel);
            if (closing) {
                callConnectionLost(null);
            }
        }
    }

    private void dequeue() {
        bufferSize -= buffer.remove().data().length;
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

    // ---------------------------------------------------------------------------------------------
    // Closing

    @Override
    public boolean isClosing() {
        return closing;
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        loop.removeReader(channel);
        if (buffer.isEmpty()) {
            connectionLost++;
            loop.removeWriter(channel);
            loop.callSoon(() -> callConnectionLost(null));
        }
    }

    @Override
    public void abort() {
        forceClose(null);
    }

    /** Drops the buffer and closes, telling the protocol {@code failure} later, asyncio's {@code _force_close}. */
    private void forceClose(Exception failure) {
        if (connectionLost > 0) {
            return;
        }
        if (!buffer.isEmpty()) {
            buffer.clear();
            bufferSize = 0;
            loop.removeWriter(channel);
        }
        if (!closing) {
            closing = true;
            loop.removeReader(channel);
        }
        connectionLost++;
        loop.callSoon(() -> callConnectionLost(failure));
    }

    /** Reports a failure that is not an I/O error, a bug, and aborts, asyncio's {@code _fatal_error}. */
    private void fatalError(RuntimeException failure, String message) {
        reportToLoop(message, failure);
        forceClose(failure);
    }

    private void reportToLoop(String message, Throwable failure) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("message", message);
        context.put("exception", failure);
        context.put("transport", this);
        context.put("protocol", protocol);
        loop.callExceptionHandler(context);
    }

    /** Tells the protocol the endpoint is gone, then closes the socket, asyncio's {@code _call_connection_lost}. */
    private void callConnectionLost(Exception failure) {
        try {
            protocol.connectionLost(failure);
        } finally {
            try {
                loop.closeChannel(channel);
            } catch (IOException ignored) {
                // the descriptor is released whatever close() reports, and nobody is left to tell
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Introspection

    @Override
    public Object getExtraInfo(String name, Object defaultValue) {
        Object value = switch (name) {
            case "peername" -> remoteAddress;
            case "sockname" -> localAddress;
            case "socket" -> channel;
            default -> null;
        };
        return value != null ? value : defaultValue;
    }

    @Override
    public void setProtocol(BaseProtocol<?> protocol) {
        if (!(protocol instanceof DatagramProtocol datagramProtocol)) {
            throw new IllegalArgumentException("a datagram transport needs a DatagramProtocol, not " + protocol);
        }
        this.protocol = datagramProtocol;
    }

    @Override
    public DatagramProtocol getProtocol() {
        return protocol;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("SelectorDatagramTransport[");
        text.append(connectionLost > 0 ? "closed" : closing ? "closing" : "open");
        text.append(" local=").append(localAddress);
        if (remoteAddress != null) {
            text.append(" remote=").append(remoteAddress);
        }
        if (bufferSize > 0) {
            text.append(" buffered=").append(bufferSize);
        }
        return text.append(']').toString();
    }
}
