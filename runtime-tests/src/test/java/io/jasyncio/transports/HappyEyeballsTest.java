// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.transports;

import static io.jasyncio.Asyncio.waitFor;
import static io.jasyncio.transports.Transports.createConnection;
import static io.jasyncio.transports.Transports.createServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jasyncio.Clock;
import io.jasyncio.EventLoop;
import io.jasyncio.SocketsTestSupport;
import io.jasyncio.TimeoutException;
import io.jasyncio.names.Names;
import io.jasyncio.names.Resolver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * createConnection's happy eyeballs, asyncio's {@code happy_eyeballs_delay} and {@code interleave}:
 * host names resolved by a fixed resolver set on the loop. The machine's network reaches nothing
 * outside, and its non-routable addresses are answered by a proxy, so the address that never answers
 * is a listener on 127.0.0.2 whose accept queue is full: the kernel drops further handshakes there,
 * and a connect to it waits for minutes.
 */
@Timeout(60)
class HappyEyeballsTest extends SocketsTestSupport {
    private final List<AutoCloseable> stalled = new ArrayList<>();

    @AfterEach
    void closeTheStalledListener() throws Exception {
        for (AutoCloseable channel : stalled) {
            channel.close();
        }
    }

    /** A port on 127.0.0.2 that never completes a handshake: its listener's queue is full. */
    private int stalledPort() throws Exception {
        ServerSocketChannel listener = ServerSocketChannel.open();
        stalled.add(listener);
        listener.bind(new InetSocketAddress(ip("127.0.0.2"), 0), 1);
        SocketAddress address = listener.getLocalAddress();
        for (int i = 0; i < 6; i++) {
            SocketChannel filler = SocketChannel.open();
            stalled.add(filler);
            filler.configureBlocking(false);
            filler.connect(address);
        }
        Thread.sleep(200); // the queue fills as the fillers' handshakes complete
        return ((InetSocketAddress) address).getPort();
    }

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    private static void resolveDualTestAs(EventLoop loop, InetAddress... addresses) {
        Names.setResolver(loop, new Resolver() {
            @Override
            public List<InetAddress> lookup(String host) {
                return List.of(addresses);
            }

            @Override
            public String reverseLookup(InetAddress address) {
                return address.getHostAddress();
            }
        });
    }

    /** A protocol that does nothing: the test looks at the transport. */
    private static final class Quiet implements Protocol {
    }

    @Test
    void theNextAddressStartsAfterTheDelayWhileTheFirstStillWaits() throws Exception {
        int port = stalledPort();
        runTest(Clock.system(), loop -> {
            resolveDualTestAs(loop, ip("127.0.0.2"), ip("127.0.0.1"));
            Server server = loop.runUntilComplete(createServer(Quiet::new, "127.0.0.1", port));
            // One after another, the first address holds the connection up: no connection within half a second.
            assertThrows(TimeoutException.class, () -> loop.runUntilComplete(
                    waitFor(createConnection(Quiet::new, "dual.test", port), 0.5)));
            TransportAndProtocol<Transport, Quiet> made = loop.runUntilComplete(createConnection(Quiet::new, "dual.test", port,
                    ConnectionOptions.DEFAULTS.withHappyEyeballsDelay(0.05)));
            assertEquals(new InetSocketAddress(ip("127.0.0.1"), port), made.transport().getExtraInfo("peername"));
            made.transport().close();
            server.close();
            loop.runUntilComplete(server.waitClosed());
        });
    }

    @Test
    void aRaceCancelledWhileEveryAttemptWaitsLeavesNoSocketOpen() throws Exception {
        int port = stalledPort();
        runTest(Clock.system(), loop -> {
            resolveDualTestAs(loop, ip("127.0.0.2"), ip("127.0.0.2"), ip("127.0.0.2"));
            assertThrows(TimeoutException.class, () -> loop.runUntilComplete(waitFor(createConnection(Quiet::new,
                    "dual.test", port, ConnectionOptions.DEFAULTS.withHappyEyeballsDelay(0.01)), 0.3)));
        }); // the sockets of all three attempts are closed: SocketsTestSupport counts them
    }

    @Test
    void everyAddressRefusedThrowsTheFirstFailureWithTheOthersSuppressed() throws Exception {
        runTest(Clock.system(), loop -> {
            int closedPort;
            try (ServerSocketChannel listener = ServerSocketChannel.open()) {
                listener.bind(new InetSocketAddress(ip("127.0.0.1"), 0));
                closedPort = ((InetSocketAddress) listener.getLocalAddress()).getPort();
            }
            resolveDualTestAs(loop, ip("127.0.0.1"), ip("127.0.0.3"));
            ConnectException refused = assertThrows(ConnectException.class, () -> loop.runUntilComplete(createConnection(
                    Quiet::new, "dual.test", closedPort, ConnectionOptions.DEFAULTS.withHappyEyeballsDelay(10))));
            assertEquals(1, refused.getSuppressed().length, "the second address's failure");
        });
    }

    @Test
    void anIpv6LoopbackThatRefusesFallsBackToIpv4AndOneThatListensWins() throws Exception {
        assumeTrue(NetworkInterface.networkInterfaces().anyMatch(network -> network.inetAddresses()
                .anyMatch(address -> address instanceof Inet6Address && address.isLoopbackAddress())), "no IPv6 loopback here");
        runTest(Clock.system(), loop -> {
            resolveDualTestAs(loop, ip("::1"), ip("127.0.0.1"));
            Server v4 = loop.runUntilComplete(createServer(Quiet::new, "127.0.0.1", 0));
            int port = ((InetSocketAddress) v4.getBoundAddresses().get(0)).getPort();
            ConnectionOptions eyeballs = ConnectionOptions.DEFAULTS.withHappyEyeballsDelay(0.25);
            TransportAndProtocol<Transport, Quiet> made = loop.runUntilComplete(createConnection(Quiet::new, "dual.test", port, eyeballs));
            assertEquals(new InetSocketAddress(ip("127.0.0.1"), port), made.transport().getExtraInfo("peername"));
            made.transport().close();
            Server v6 = loop.runUntilComplete(createServer(Quiet::new, "::1", port));
            made = loop.runUntilComplete(createConnection(Quiet::new, "dual.test", port, eyeballs));
            assertEquals(new InetSocketAddress(ip("::1"), port), made.transport().getExtraInfo("peername"));
            made.transport().close();
            for (Server server : List.of(v4, v6)) {
                server.close();
                loop.runUntilComplete(server.waitClosed());
            }
        });
    }

    @Test
    void interleavingOrdersTheAddressesAsCPythonDoes() throws Exception {
        List<String> literals = List.of("::1", "::2", "::3", "10.0.0.1", "10.0.0.2", "fe80::1", "10.0.0.3");
        List<SocketAddress> addresses = new ArrayList<>();
        for (String literal : literals) {
            addresses.add(new InetSocketAddress(ip(literal), 80));
        }
        for (int count = 1; count <= 3; count++) {
            List<String> ours = new ArrayList<>();
            for (SocketAddress address : HappyEyeballs.interleave(addresses, count)) {
                ours.add(((InetSocketAddress) address).getAddress().getHostAddress());
            }
            assertEquals(cpythonInterleave(literals, count), ours, "first family count " + count);
        }
    }

    /** What CPython's {@code _interleave_addrinfos} makes of the addresses, as java.net writes them. */
    private static List<String> cpythonInterleave(List<String> literals, int count) throws Exception {
        String program = "import asyncio.base_events as b, socket, sys\n"
                + "infos = [(socket.AF_INET6 if ':' in a else socket.AF_INET, 1, 6, '', (a, 80)) for a in sys.argv[2:]]\n"
                + "for i in b._interleave_addrinfos(infos, int(sys.argv[1])):\n"
                + "    print(i[4][0])\n";
        List<String> command = new ArrayList<>(List.of("python3", "-c", program, String.valueOf(count)));
        command.addAll(literals);
        Process python;
        try {
            python = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException noPython) {
            assumeTrue(false, "python3 is needed for the comparison with CPython");
            return List.of();
        }
        List<String> lines = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8)).lines().toList();
        python.waitFor(30, TimeUnit.SECONDS);
        assertEquals(0, python.exitValue(), String.valueOf(lines));
        List<String> javaText = new ArrayList<>();
        for (String line : lines) {
            javaText.add(ip(line).getHostAddress());
        }
        return javaText;
    }
}
