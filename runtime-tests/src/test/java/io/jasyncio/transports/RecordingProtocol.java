// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.transports;

import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A protocol that records each call it receives, one line each, as {@code peer.py}'s CPython
 * protocols do, and reacts as the scenario says; {@link #done()} completes at
 * {@code connectionLost}. {@link Plain} is a {@link Protocol}, {@link Buffered} a
 * {@link BufferedProtocol} with a 100-byte buffer.
 */
abstract class RecordingProtocol implements BaseProtocol<Transport> {
    /** What the flow and abort scenarios write at once: far more than the kernel's buffers take. */
    static final int BIG = 32 * 1024 * 1024;

    final String scenario;
    final List<String> trace = new ArrayList<>();
    private final EventLoop loop;
    private final Future<Void> done;
    Transport transport;

    RecordingProtocol(String scenario) {
        this.scenario = scenario;
        this.loop = EventLoop.getRunningLoop();
        this.done = loop.createFuture();
    }

    /** A recording protocol of {@code kind} ({@code plain} or {@code buffered}) for {@code scenario}. */
    static RecordingProtocol of(String kind, String scenario) {
        return kind.equals("plain") ? new Plain(scenario) : new Buffered(scenario);
    }

    /** The protocol itself, to hand to a transport. */
    BaseProtocol<Transport> protocol() {
        return this;
    }

    Future<Void> done() {
        return done;
    }

    @Override
    public void connectionMade(Transport transport) {
        this.transport = transport;
        trace.add("connection_made");
        trace.add("peername host=" + host("peername"));
        trace.add("sockname host=" + host("sockname"));
        trace.add("socket present=" + python(transport.getExtraInfo("socket") != null));
        trace.add("unknown extra=" + transport.getExtraInfo("no such name", "default"));
        if (scenario.equals("pause-reading")) {
            transport.pauseReading();
            trace.add("is_reading=" + python(transport.isReading()));
            loop.callLater(0.2, this::resume);
        } else if (scenario.equals("flow")) {
            transport.write(new byte[BIG]);
            trace.add("buffered after write=" + python(transport.getWriteBufferSize() > 0));
        }
    }

    private String host(String name) {
        return ((InetSocketAddress) transport.getExtraInfo(name)).getAddress().getHostAddress();
    }

    private void resume() {
        trace.add("resume_reading");
        transport.resumeReading();
        trace.add("is_reading=" + python(transport.isReading()));
    }

    void data(byte[] data) {
        trace.add("data " + bytesRepr(data));
        String text = new String(data, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (scenario.equals("lockstep") && text.equals("hello\n")) {
            transport.writelines(List.of("pi".getBytes(), "ng\n".getBytes()));
        } else if (scenario.equals("pause-reading")) {
            transport.close();
        } else if (scenario.equals("serve") && text.equals("ping\n")) {
            transport.write("pong\n".getBytes());
        } else if (scenario.equals("abort") && text.equals("hello\n")) {
            transport.write(new byte[BIG]);
            trace.add("buffered before abort=" + python(transport.getWriteBufferSize() > 0));
            transport.abort();
            trace.add("is_closing=" + python(transport.isClosing()));
        }
    }

    /** As both kinds' {@code eofReceived}. */
    public boolean eofReceived() {
        trace.add("eof_received");
        if (scenario.equals("serve")) {
            transport.write("bye\n".getBytes());
            transport.close();
            trace.add("is_closing=" + python(transport.isClosing()));
            return true;
        }
        return false;
    }

    @Override
    public void connectionLost(Exception failure) {
        trace.add("connection_lost " + (failure == null ? "None" : failure.toString()));
        done.setResult(null);
    }

    @Override
    public void pauseWriting() {
        trace.add("pause_writing");
    }

    @Override
    public void resumeWriting() {
        trace.add("resume_writing at or below low="
                + python(transport.getWriteBufferSize() <= transport.getWriteBufferLimits().low()));
        if (scenario.equals("flow")) {
            transport.writeEof();
            trace.add("can_write_eof=" + python(transport.canWriteEof()));
        }
    }

    private static String python(boolean value) {
        return value ? "True" : "False";
    }

    /** {@code data} as Python's {@code repr} of {@code bytes} prints it, for printable ASCII and newlines. */
    static String bytesRepr(byte[] data) {
        StringBuilder text = new StringBuilder("b'");
        for (byte b : data) {
            if (b == '\n') {
                text.append("\\n");
            } else if (b >= 32 && b < 127 && b != '\'' && b != '\\') {
                text.append((char) b);
            } else {
                text.append(String.format("\\x%02x", b & 0xff));
            }
        }
        return text.append('\'').toString();
    }

    /** The recorder as a {@link Protocol}. */
    static final class Plain extends RecordingProtocol implements Protocol {
        Plain(String scenario) {
            super(scenario);
        }

        @Override
        public void dataReceived(byte[] data) {
            data(data);
        }
    }

    /** The recorder as a {@link BufferedProtocol}, with a buffer of 100 bytes as {@code peer.py}'s. */
    static final class Buffered extends RecordingProtocol implements BufferedProtocol {
        private final ByteBuffer buffer = ByteBuffer.allocate(100);

        Buffered(String scenario) {
            super(scenario);
        }

        @Override
        public ByteBuffer getBuffer(int sizeHint) {
            trace.add("get_buffer " + sizeHint);
            return buffer.clear();
        }

        @Override
        public void bufferUpdated(int byteCount) {
            data(Arrays.copyOfRange(buffer.array(), buffer.position(), buffer.position() + byteCount));
        }
    }
}
