// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.streams;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.gather;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.streams.Streams.openConnection;
import static io.jasyncio.streams.Streams.startServer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.Clock;
import io.jasyncio.Coroutine;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import io.jasyncio.transports.Server;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A thousand clients, each sending a thousand random lines with checksums to an echo server on the
 * same loop: every byte comes back, in order, and everything runs on the loop's one thread. The
 * counts can be changed with {@code -Djasyncio.echo.clients=N -Djasyncio.echo.messages=M}.
 */
@Timeout(120)
class ManyClientsEchoTest extends StreamsTestSupport {
    private static final int CLIENTS = Integer.getInteger("jasyncio.echo.clients", 1000);
    private static final int MESSAGES = Integer.getInteger("jasyncio.echo.messages", 1000);

    /** The threads that ran the server's handlers and the clients: only the loop's. */
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    /** Echoes every line until the end of the stream, then closes. */
    @Async
    Coroutine<Void> echo(StreamReader reader, StreamWriter writer) throws IOException {
        threads.add(Thread.currentThread());
        byte[] line;
        while ((line = await(reader.readline())).length > 0) {
            writer.write(line);
            await(writer.drain());
        }
        writer.close();
        await(writer.waitClosed());
        return result(null);
    }

    /**
     * Line {@code index} of client {@code client}: 1 to 100 random printable bytes, a space, the
     * CRC-32 of those bytes in 8 hex digits, and a newline; the same for the same arguments.
     */
    static byte[] message(int client, int index) {
        SplittableRandom random = new SplittableRandom(client * 1_000_003L + index);
        int length = 1 + random.nextInt(100);
        byte[] line = new byte[length + 10];
        for (int i = 0; i < length; i++) {
            line[i] = (byte) (33 + random.nextInt(94));
        }
        line[length] = ' ';
        writeChecksum(line, length, line, length + 1);
        line[length + 9] = '\n';
        return line;
    }

    /** Writes the CRC-32 of the first {@code length} bytes of {@code data} as 8 hex digits into {@code target} at {@code at}. */
    private static void writeChecksum(byte[] data, int length, byte[] target, int at) {
        CRC32 crc = new CRC32();
        crc.update(data, 0, length);
        long value = crc.getValue();
        for (int digit = 7; digit >= 0; digit--) {
            target[at + digit] = (byte) Character.forDigit((int) (value & 0xF), 16);
            value >>>= 4;
        }
    }

    /** Checks that {@code line} carries the checksum of its payload. */
    static void checkChecksum(byte[] line) {
        int length = line.length - 10;
        byte[] expected = new byte[8];
        writeChecksum(line, length, expected, 0);
        assertArrayEquals(expected, Arrays.copyOfRange(line, length + 1, length + 9), () -> "checksum of " + text(line));
    }

    @Async
    Coroutine<Void> send(StreamWriter writer, int client) throws IOException {
        for (int i = 0; i < MESSAGES; i++) {
            writer.write(message(client, i));
            await(writer.drain());
        }
        writer.writeEof();
        return result(null);
    }

    /** Sends the client's lines from a task of its own while it reads the echoes; returns how many bytes came back. */
    @Async
    Coroutine<Long> client(int port, int client) throws IOException {
        threads.add(Thread.currentThread());
        Connection connection = await(openConnection("127.0.0.1", port));
        Task<Void> sending = createTask(send(connection.writer(), client));
        long received = 0;
        for (int i = 0; i < MESSAGES; i++) {
            byte[] line = await(connection.reader().readline());
            checkChecksum(line);
            int index = i;
            assertArrayEquals(message(client, i), line, () -> "client " + client + ", line " + index);
            received += line.length;
        }
        assertEquals(0, await(connection.reader().readline()).length, "the server closed after the last echo");
        await(sending);
        connection.writer().close();
        await(connection.writer().waitClosed());
        return result(received);
    }

    @Async
    Coroutine<Long> echoForAll() throws IOException {
        Server server = await(startServer(this::echo, "127.0.0.1", 0, StreamReader.DEFAULT_LIMIT, 1024));
        List<Coroutine<Long>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            clients.add(client(portOf(server), c));
        }
        long received = 0;
        for (long bytes : await(gather(clients))) {
            received += bytes;
        }
        server.close();
        await(server.waitClosed());
        return result(received);
    }

    @Test
    void everyByteOfEveryClientComesBackOnTheLoopThread() throws Exception {
        long expected = 0;
        for (int c = 0; c < CLIENTS; c++) {
            for (int i = 0; i < MESSAGES; i++) {
                expected += message(c, i).length;
            }
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long cpuStart = cpu.getCurrentThreadCpuTime();
        long[] received = new long[1];
        runTest(Clock.system(), loop -> received[0] = loop.runUntilComplete(echoForAll()));
        System.out.printf(Locale.ROOT, "%d clients x %d messages: %d bytes each way in %.2f s, %.2f s of CPU on the loop's thread%n",
                CLIENTS, MESSAGES, expected, (System.nanoTime() - start) / 1e9, (cpu.getCurrentThreadCpuTime() - cpuStart) / 1e9);
        assertEquals(expected, received[0]);
        assertEquals(Set.of(Thread.currentThread()), threads, "the loop stays on one thread");
    }
}
