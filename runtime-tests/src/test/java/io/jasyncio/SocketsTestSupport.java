// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of the tests over real sockets (streams, transports): loops are {@link SelectorEventLoop}s,
 * and each test must leave as many sockets open in the process as it found, counted by the kernel
 * ({@code /proc/self/fd}), so that a socket left open fails the test even if Java's channel object
 * is gone.
 */
public abstract class SocketsTestSupport extends LoopTestSupport {
    private static final Path OPEN_FILES = Path.of("/proc/self/fd");

    private long socketsBefore;

    @Override
    protected EventLoop newLoop(Clock clock) {
        return new SelectorEventLoop(clock);
    }

    @BeforeEach
    final void countSocketsBefore() throws IOException {
        assumeTrue(Files.isDirectory(OPEN_FILES), "counting open sockets needs /proc/self/fd (Linux)");
        openTheJdksPreCloseSocket();
        socketsBefore = openSockets();
    }

    /**
     * Makes the JDK open, once for the life of the JVM, the socket it duplicates over the descriptor
     * of a channel being closed (the "pre-close" of {@code sun.nio.ch}), so that this socket, which
     * is no leak, is counted before a test as well as after it.
     */
    private static void openTheJdksPreCloseSocket() throws IOException {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (SocketChannel client = SocketChannel.open(listener.getLocalAddress());
                    SocketChannel accepted = listener.accept()) {
                accepted.configureBlocking(false);
            }
        }
    }

    @AfterEach
    final void noSocketLeaked() {
        assertEquals(socketsBefore, openSockets(), "sockets open in the process after the test, versus before");
    }

    /** How many sockets the process has open, TCP and Unix domain alike. */
    protected static long openSockets() {
        try (Stream<Path> descriptors = Files.list(OPEN_FILES)) {
            return descriptors.filter(SocketsTestSupport::isSocket).count();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    private static boolean isSocket(Path descriptor) {
        try {
            return Files.readSymbolicLink(descriptor).toString().startsWith("socket:");
        } catch (IOException closedMeanwhile) {
            return false;
        }
    }
}
