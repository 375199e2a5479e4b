// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.datagrams;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.Asyncio.waitFor;
import static io.jasyncio.datagrams.Datagrams.createDatagramEndpoint;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jasyncio.Clock;
import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.LoopTestSupport;
import io.jasyncio.SelectorEventLoop;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import io.jasyncio.transports.DatagramProtocol;
import io.jasyncio.transports.DatagramTransport;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * UDP endpoints over loopback: the order of the protocol's callbacks, CPython 3.11's own
 * {@code create_datagram_endpoint} on the other end in both directions, an ICMP port-unreachable
 * reaching {@code errorReceived}, and a flood that does not stall the loop's other tasks.
 */
@Timeout(60)
class DatagramEndpointTest extends LoopTestSupport {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Override
    protected EventLoop newLoop(Clock clock) {
        return new SelectorEventLoop(clock);
    }

    /** Traces every callback as "NAME callback detail"; echoes upper-cased when asked to. */
    class Traced implements DatagramProtocol {
        final String name;
        final boolean echo;
        DatagramTransport transport;
        final Future<Void> lost;
        int received;
        int awaitedCount;
        Future<Void> enough;

        Traced(String name, boolean echo) {
            this.name = name;
            this.echo = echo;
            this.lost = EventLoop.getRunningLoop().createFuture();
        }

        @Override
        public void connectionMade(DatagramTransport transport) {
            this.transport = transport;
            trace(name + " made");
        }

        @Override
        public void datagramReceived(byte[] data, SocketAddress address) {
            String text = new String(data, UTF_8);
            trace(name + " received " + text);
            if (++received == awaitedCount) {
                enough.setResult(null);
            }
            if (echo) {
                transport.sendto(text.toUpperCase().getBytes(UTF_8), address);
            }
        }

        /** A future done once {@code count} datagrams have been received in all. */
        Future<Void> received(int count) {
            awaitedCount = count;
            enough = EventLoop.getRunningLoop().createFuture();
            if (received >= count) {
                enough.setResult(null);
            }
            return enough;
        }

        @Override
        public void errorReceived(Exception failure) {
            trace(name + " error " + failure.getClass().getSimpleName());
        }

        @Override
        public void connectionLost(Exception failure) {
            trace(name + " lost " + failure);
            lost.setResult(null);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    private static int port(DatagramTransport transport) {
        return ((InetSocketAddress) transport.getExtraInfo("sockname")).getPort();
    }

    // ---------------------------------------------------------------------------------------------
    // Order of callbacks

    @Async
    Coroutine<Void> pingPong() throws IOException {
        var server = await(createDatagramEndpoint(() -> new Traced("server", true), new InetSocketAddress(LOOPBACK, 0), null));
        trace("server endpoint returned");
        InetSocketAddress serverAddress = new InetSocketAddress(LOOPBACK, port(server.transport()));
        var client = await(createDatagramEndpoint(() -> new Traced("client", false), null, serverAddress));
        trace("client endpoint returned");
        DatagramTransport transport = client.transport();
        assertEquals(serverAddress, transport.getExtraInfo("peername"));
        assertEquals(null, server.transport().getExtraInfo("peername"));
        assertTrue(transport.getExtraInfo("socket") instanceof DatagramChannel);
        IllegalArgumentException elsewhere = assertThrows(IllegalArgumentException.class,
                () -> transport.sendto(bytes("x"), new InetSocketAddress(LOOPBACK, 9)));
        assertEquals("Invalid address: must be null or " + serverAddress, elsewhere.getMessage());
        assertThrows(IllegalArgumentException.class, () -> server.transport().sendto(bytes("where to?")));
        transport.sendto(bytes("ping"));
        transport.sendto(bytes(""), serverAddress); // as asyncio 3.11: no empty datagram is sent
        transport.sendto(bytes("pong?"), serverAddress);
        await(waitFor(client.protocol().received(2), 10));
        transport.close();
        assertTrue(transport.isClosing());
        trace("client closing");
        await(client.protocol().lost);
        assertFalse(((DatagramChannel) transport.getExtraInfo("socket")).isOpen());
        server.transport().abort();
        await(server.protocol().lost);
        return result(null);
    }

    @Test
    void callbacksComeInAsyncioOrder() throws Exception {
        runTest(Clock.system(), loop -> loop.runUntilComplete(pingPong()));
        assertTrace(
                "server made",
                "server endpoint returned",
                "client made",
                "client endpoint returned",
                "server received ping",
                "server received pong?",
                "client received PING",
                "client received PONG?",
                "client closing",
                "client lost null",
                "server lost null");
    }

    // ---------------------------------------------------------------------------------------------
    // CPython on the other end

    /** CPython 3.11's echo endpoint: prints its port, sends each datagram back upper-cased, ends when its input does. */
    private static final String PYTHON_ECHO = """
            import asyncio, sys
            class Echo(asyncio.DatagramProtocol):
                def connection_made(self, transport):
                    self.transport = transport
                def datagram_received(self, data, addr):
                    self.transport.sendto(data.upper(), addr)
            async def main():
                loop = asyncio.get_running_loop()
                transport, _ = await loop.create_datagram_endpoint(Echo, local_addr=('127.0.0.1', 0))
                print(transport.get_extra_info('sockname')[1], flush=True)
                await loop.run_in_executor(None, sys.stdin.read)
                transport.close()
            asyncio.run(main())
            """;

    /** CPython 3.11's client: sends three words to the port in its argument, prints each reply and whether it came from there. */
    private static final String PYTHON_CLIENT = """
            import asyncio, sys
            class Client(asyncio.DatagramProtocol):
                def __init__(self, done):
                    self.done, self.replies = done, 0
                def connection_made(self, transport):
                    self.transport = transport
                    for word in (b'alpha', b'beta', b'gamma'):
                        transport.sendto(word)
                def datagram_received(self, data, addr):
                    print(data.decode(), addr == self.transport.get_extra_info('peername'), flush=True)
                    self.replies += 1
                    if self.replies == 3:
                        self.done.set_result(None)
                def error_received(self, exc):
                    print('error', exc, flush=True)
            async def main():
                loop = asyncio.get_running_loop()
                done = loop.create_future()
                transport, _ = await loop.create_datagram_endpoint(lambda: Client(done), remote_addr=('127.0.0.1', int(sys.argv[1])))
                await asyncio.wait_for(done, 30)
                transport.close()
            asyncio.run(main())
            """;

    private static Process python(String script, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("python3", "-c", script));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    @Async
    Coroutine<Void> talkToPython(int port) throws IOException {
        var client = await(createDatagramEndpoint(() -> new Traced("client", false), null, new InetSocketAddress(LOOPBACK, port)));
        for (String word : List.of("one", "two", "three")) {
            client.transport().sendto(bytes(word));
        }
        await(waitFor(client.protocol().received(3), 10));
        client.transport().close();
        await(client.protocol().lost);
        return result(null);
    }

    @Test
    void cpythonsEndpointEchoesWhatJasyncioSends() throws Exception {
        Process echo = python(PYTHON_ECHO);
        try {
            int port = Integer.parseInt(new java.io.BufferedReader(new java.io.InputStreamReader(echo.getInputStream(), UTF_8)).readLine());
            runTest(Clock.system(), loop -> loop.runUntilComplete(talkToPython(port)));
        } finally {
            echo.getOutputStream().close();
            assertEquals(0, echo.waitFor());
        }
        assertTrace("client made", "client received ONE", "client received TWO", "client received THREE", "client lost null");
    }

    @Async
    Coroutine<String> serveCpython() throws IOException {
        var server = await(createDatagramEndpoint(() -> new Traced("server", true), new InetSocketAddress(LOOPBACK, 0), null));
        Process client = python(PYTHON_CLIENT, String.valueOf(port(server.transport())));
        String output = await(EventLoop.getRunningLoop().runInExecutor(null, () -> {
            String all = new String(client.getInputStream().readAllBytes(), UTF_8);
            client.waitFor();
            return all + "exit " + client.exitValue();
        }));
        server.transport().close();
        await(server.protocol().lost);
        return result(output);
    }

    @Test
    void jasyncioEchoesWhatCpythonsEndpointSends() throws Exception {
        List<String> output = new ArrayList<>();
        runTest(Clock.system(), loop -> output.add(loop.runUntilComplete(serveCpython())));
        assertEquals("ALPHA True\nBETA True\nGAMMA True\nexit 0", output.get(0));
        assertTrace("server made", "server received alpha", "server received beta", "server received gamma", "server lost null");
    }

    // ---------------------------------------------------------------------------------------------
    // ICMP errors

    @Async
    Coroutine<Void> sendToNobody(int deadPort) throws IOException {
        var client = await(createDatagramEndpoint(() -> new ErrorsAwaited("client"), null, new InetSocketAddress(LOOPBACK, deadPort)));
        ErrorsAwaited protocol = (ErrorsAwaited) client.protocol();
        for (int i = 1; i <= 2; i++) {
            client.transport().sendto(bytes("anyone there?"));
            Exception error = await(waitFor(protocol.nextError(), 10));
            assertTrue(error instanceof PortUnreachableException, "an ICMP port unreachable: " + error);
            assertFalse(client.transport().isClosing(), "the endpoint stays open");
        }
        client.transport().close();
        await(protocol.lost);
        return result(null);
    }

    /** Traces as {@link Traced}, and hands each error to whoever waits for the next. */
    final class ErrorsAwaited extends Traced {
        private Future<Exception> nextError;

        ErrorsAwaited(String name) {
            super(name, false);
        }

        Future<Exception> nextError() {
            nextError = EventLoop.getRunningLoop().createFuture();
            return nextError;
        }

        @Override
        public void errorReceived(Exception failure) {
            super.errorReceived(failure);
            nextError.setResult(failure);
        }
    }

    @Test
    void aLostPeersPortUnreachableReachesErrorReceivedAndTheEndpointStaysOpen() throws Exception {
        int deadPort;
        try (DatagramChannel gone = DatagramChannel.open()) {
            gone.bind(new InetSocketAddress(LOOPBACK, 0));
            deadPort = ((InetSocketAddress) gone.getLocalAddress()).getPort();
        }
        runTest(Clock.system(), loop -> loop.runUntilComplete(sendToNobody(deadPort)));
        assertTrace("client made", "client error PortUnreachableException", "client error PortUnreachableException",
                "client lost null");
    }

    // ---------------------------------------------------------------------------------------------
    // Load

    private static final int FLOOD = 100_000;

    /** How many datagrams the flooding client keeps in flight. */
    private static final int WINDOW = 64;

    /** Sends {@link #FLOOD} numbered datagrams to an echo, {@link #WINDOW} in flight, and checks each echo's number. */
    final class Flood implements DatagramProtocol {
        DatagramTransport transport;
        int sent;
        int echoed;
        int outOfOrder;
        final Future<Void> done = EventLoop.getRunningLoop().createFuture();
        final Future<Void> lost = EventLoop.getRunningLoop().createFuture();

        @Override
        public void connectionMade(DatagramTransport transport) {
            this.transport = transport;
            while (sent < WINDOW) {
                sendNext();
            }
        }

        private void sendNext() {
            transport.sendto(bytes(Integer.toString(sent++)));
        }

        @Override
        public void datagramReceived(byte[] data, SocketAddress address) {
            if (Integer.parseInt(new String(data, UTF_8)) != echoed) {
                outOfOrder++;
            }
            if (++echoed == FLOOD) {
                done.setResult(null);
            } else if (sent < FLOOD) {
                sendNext();
            }
        }

        @Override
        public void connectionLost(Exception failure) {
            lost.setResult(null);
        }
    }

    private int ticks;
    private boolean flooding = true;

    @Async
    Coroutine<Void> ticker() {
        while (flooding) {
            ticks++;
            await(sleep(0.001));
        }
        return result(null);
    }

    @Async
    Coroutine<Void> flood() throws IOException {
        var echo = await(createDatagramEndpoint(() -> new Traced("echo", true) {
            @Override
            public void datagramReceived(byte[] data, SocketAddress address) {
                transport.sendto(data, address); // untraced: a hundred thousand of them
            }
        }, new InetSocketAddress(LOOPBACK, 0), null));
        Task<Void> ticking = createTask(ticker());
        await(sleep(0)); // the ticker's first tick
        int ticksBefore = ticks;
        var client = await(createDatagramEndpoint(Flood::new, null, new InetSocketAddress(LOOPBACK, port(echo.transport()))));
        await(waitFor(client.protocol().done, 50));
        trace("ticked during the flood: " + (ticks > ticksBefore));
        trace("echoes out of order: " + client.protocol().outOfOrder);
        flooding = false;
        await(ticking);
        client.transport().close();
        echo.transport().close();
        await(client.protocol().lost);
        await(echo.protocol().lost);
        return result(null);
    }

    @Test
    void aHundredThousandDatagramsDoNotStallTheLoopsOtherTasks() throws Exception {
        runTest(Clock.system(), loop -> loop.runUntilComplete(flood()));
        assertTrace("echo made", "ticked during the flood: true", "echoes out of order: 0", "echo lost null");
    }

    // ---------------------------------------------------------------------------------------------
    // Flow control

    /**
     * An address on a local Ethernet subnet that no host answers for, if this machine has such a
     * subnet: datagrams to it wait in the kernel for address resolution, holding the socket's send
     * buffer, so that a socket with the smallest buffer soon takes no more, until the resolution
     * fails some seconds later and the kernel drops them.
     */
    private static InetSocketAddress silentNeighbour() throws IOException {
        for (NetworkInterface nic : java.util.Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback() || nic.isPointToPoint()) {
                continue;
            }
            for (InterfaceAddress address : nic.getInterfaceAddresses()) {
                if (address.getAddress() instanceof Inet4Address own && address.getNetworkPrefixLength() <= 24) {
                    byte[] candidate = own.getAddress();
                    candidate[3] = (byte) (candidate[3] == (byte) 77 ? 78 : 77);
                    return new InetSocketAddress(InetAddress.getByAddress(candidate), 9);
                }
            }
        }
        return null;
    }

    /** Traces as {@link Traced}, with the write buffer's size at each pause and resume. */
    final class FlowTraced extends Traced {
        boolean paused;
        Future<Void> resumed;

        FlowTraced() {
            super("client", false);
        }

        @Override
        public void pauseWriting() {
            paused = true;
            trace("client pauses writing with " + transport.getWriteBufferSize() + " bytes buffered");
        }

        @Override
        public void resumeWriting() {
            paused = false;
            // how many the socket takes once it drains is the kernel's business: at most the low mark are left
            trace("client resumes writing with " + (transport.getWriteBufferSize() <= 625 ? "at most 625" : "more")
                    + " bytes buffered");
            resumed.setResult(null);
        }
    }

    @Async
    Coroutine<Boolean> fillTheSendBuffer(InetSocketAddress neighbour) throws IOException {
        var client = await(createDatagramEndpoint(FlowTraced::new, null, neighbour));
        FlowTraced protocol = (FlowTraced) client.protocol();
        DatagramTransport transport = client.transport();
        ((DatagramChannel) transport.getExtraInfo("socket")).setOption(java.net.StandardSocketOptions.SO_SNDBUF, 1);
        transport.setWriteBufferLimits(2500, -1);
        assertEquals(new io.jasyncio.transports.WriteTransport.WriteBufferLimits(625, 2500), transport.getWriteBufferLimits());
        protocol.resumed = EventLoop.getRunningLoop().createFuture();
        byte[] datagram = new byte[1000];
        for (int i = 0; i < 20 && transport.getWriteBufferSize() == 0; i++) {
            transport.sendto(datagram);
        }
        boolean buffered = transport.getWriteBufferSize() > 0;
        if (buffered) {
            trace("buffered " + transport.getWriteBufferSize());
            while (!protocol.paused) {
                transport.sendto(datagram);
            }
            await(waitFor(protocol.resumed, 30)); // once resolution fails, the kernel drops the datagrams and frees the buffer
            transport.abort();
            trace("aborted with " + transport.getWriteBufferSize() + " bytes buffered");
        } else {
            transport.close();
        }
        await(protocol.lost);
        return result(buffered);
    }

    @Test
    void aFullSocketBuffersDatagramsAndPausesAndResumesTheProtocolAtItsMarks() throws Exception {
        InetSocketAddress neighbour = silentNeighbour();
        assumeTrue(neighbour != null, "needs a local Ethernet subnet");
        List<Boolean> buffered = new ArrayList<>();
        runTest(Clock.system(), loop -> buffered.add(loop.runUntilComplete(fillTheSendBuffer(neighbour))));
        assumeTrue(buffered.get(0), "the kernel took every datagram to " + neighbour + ": somebody answers there");
        assertTrace("client made", "buffered 1000", "client pauses writing with 3000 bytes buffered",
                "client resumes writing with at most 625 bytes buffered", "aborted with 0 bytes buffered", "client lost null");
    }
}
