// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.streams;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.streams.Streams.openConnection;
import static io.jasyncio.streams.Streams.startServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Clock;
import io.jasyncio.Coroutine;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import io.jasyncio.locks.Event;
import io.jasyncio.transports.Server;
import io.jasyncio.transports.WriteFlowControl;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A writer faster than its reader: {@code drain()} holds the writer back, so that its buffer never
 * grows past the high-water mark by more than one write, and the reader's buffer stays near its
 * limit: memory stays bounded however much is sent.
 */
@Timeout(60)
class BackPressureTest extends StreamsTestSupport {
    private static final int CHUNK = 16 * 1024;

    /** The reader's limit: reading from the socket pauses above twice this many buffered bytes. */
    private static final int READER_LIMIT = 8 * 1024;

    /** Set once the writer has met back-pressure: the reader starts reading then, slowly. */
    private final Event writerHeldBack = new Event();

    private long bytesRead;

    /** Reads nothing until the writer is held back, then reads in small bites with pauses, to the end. */
    @Async
    Coroutine<Void> slowReader(StreamReader reader, StreamWriter writer) throws IOException {
        await(writerHeldBack.await());
        byte[] bite;
        int bites = 0;
        while ((bite = await(reader.read(4096))).length > 0) {
            bytesRead += bite.length;
            if (++bites % 64 == 0) {
                await(sleep(0.001));
            }
        }
        writer.close();
        await(writer.waitClosed());
        return result(null);
    }

    /**
     * Writes chunks with {@code drain()} after each until it has sent {@code afterHeldBack} bytes
     * beyond the point where a drain first had to wait, and returns the largest write buffer seen.
     */
    @Async
    Coroutine<Integer> fastWriter(StreamWriter writer, long afterHeldBack) throws IOException {
        byte[] chunk = new byte[CHUNK];
        int largestBuffer = 0;
        long sentSinceHeldBack = -1;
        for (long sent = 0; sentSinceHeldBack < afterHeldBack; sent += CHUNK) {
            assertTrue(sent < 1L << 30, "no back-pressure after 1 GiB");
            writer.write(chunk);
            largestBuffer = Math.max(largestBuffer, writer.getWriteBufferSize());
            if (writer.getWriteBufferSize() > writer.getWriteBufferHighWater() && !writerHeldBack.isSet()) {
                writerHeldBack.set();
                sentSinceHeldBack = 0;
            }
            await(writer.drain());
            if (sentSinceHeldBack >= 0) {
                sentSinceHeldBack += CHUNK;
            }
        }
        return result(largestBuffer);
    }

    @Async
    Coroutine<Integer> writeMuchToASlowReader(long afterHeldBack) throws IOException {
        Server server = await(startServer(this::slowReader, "127.0.0.1", 0, READER_LIMIT, Streams.DEFAULT_BACKLOG));
        Connection connection = await(openConnection("127.0.0.1", portOf(server)));
        Task<Integer> writing = createTask(fastWriter(connection.writer(), afterHeldBack));
        int largestBuffer = await(writing);
        assertTrue(connection.writer().getWriteBufferSize() <= connection.writer().getWriteBufferLowWater(),
                "a drain returns at the low-water mark");
        connection.writer().writeEof();
        assertEquals(0, await(connection.reader().read()).length, "the server closes once it read everything");
        await(closeBoth(connection, server));
        return result(largestBuffer);
    }

    @Test
    void theWriteBufferStaysUnderTheHighWaterMarkPlusOneWrite() throws Exception {
        long afterHeldBack = 32L << 20;
        int[] largestBuffer = new int[1];
        runTest(Clock.system(), loop -> largestBuffer[0] = loop.runUntilComplete(writeMuchToASlowReader(afterHeldBack)));
        assertTrue(largestBuffer[0] > WriteFlowControl.DEFAULT_HIGH_WATER, "back-pressure engaged: " + largestBuffer[0]);
        assertTrue(largestBuffer[0] <= WriteFlowControl.DEFAULT_HIGH_WATER + CHUNK, "largest write buffer: " + largestBuffer[0]);
        assertTrue(bytesRead >= afterHeldBack, "read " + bytesRead);
    }
}
