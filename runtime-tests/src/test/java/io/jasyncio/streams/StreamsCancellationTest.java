// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.streams;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.Asyncio.waitFor;
import static io.jasyncio.streams.Streams.openConnection;
import static io.jasyncio.streams.Streams.startServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.CancelledError;
import io.jasyncio.Clock;
import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.FakeClock;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.TimeoutException;
import io.jasyncio.annotations.Async;
import io.jasyncio.locks.Event;
import io.jasyncio.transports.Server;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Cancelling a task at a stream's await leaves the stream usable, and a cancelled connect leaves no socket. */
@Timeout(60)
class StreamsCancellationTest extends StreamsTestSupport {
    private final Event go = new Event();

    /** Waits for {@link #go}, then echoes everything to the end of the stream. */
    @Async
    Coroutine<Void> echoWhenTold(StreamReader reader, StreamWriter writer) throws IOException {
        await(go.await());
        byte[] data;
        while ((data = await(reader.read(65536))).length > 0) {
            writer.write(data);
            await(writer.drain());
        }
        writer.close();
        return result(null);
    }

    @Async
    Coroutine<String> readAfterACancelledRead() throws IOException {
        Server server = await(startServer(this::echoWhenTold, "127.0.0.1", 0));
        Connection connection = await(openConnection("127.0.0.1", portOf(server)));
        go.set();
        connection.writer().write(bytes("half"));
        try {
            await(waitFor(connection.reader().readline(), 0.05)); // the line has not ended: it times out
            throw new AssertionError("the line has not ended");
        } catch (TimeoutException expected) {
            // the readline was cancelled while it waited
        }
        connection.writer().write(bytes(" a line\n"));
        String line = text(await(connection.reader().readline()));
        await(closeBoth(connection, server));
        return result(line);
    }

    @Test
    void aReadCancelledWhileItWaitsTakesNothingAndTheNextReadGetsItAll() throws Exception {
        runTest(Clock.system(), loop -> assertEquals("half a line\n", loop.runUntilComplete(readAfterACancelledRead())));
    }

    @Async
    Coroutine<Long> drainCancelledWhilePaused() throws IOException {
        Server server = await(startServer(this::echoWhenTold, "127.0.0.1", 0));
        Connection connection = await(openConnection("127.0.0.1", portOf(server)));
        StreamWriter writer = connection.writer();
        byte[] chunk = new byte[64 * 1024];
        long sent = 0;
        while (writer.getWriteBufferSize() <= writer.getWriteBufferHighWater()) { // the server reads nothing yet
            writer.write(chunk);
            sent += chunk.length;
            assertTrue(sent < 1L << 30, "no back-pressure after 1 GiB");
        }
        Task<Void> draining = createTask(writer.drain());
        await(sleep(0.01));
        assertFalse(draining.done(), "drain() waits while the buffer is above the high-water mark");
        draining.cancel();
        try {
            await(draining);
        } catch (CancelledError expected) {
            // the drain was cancelled; the data stays buffered and is still sent
        }
        go.set();
        writer.writeEof();
        long echoed = await(connection.reader().read()).length;
        writer.close();
        await(writer.waitClosed());
        server.close();
        await(server.waitClosed());
        assertEquals(sent, echoed, "every byte written came back");
        return result(echoed);
    }

    @Test
    void aDrainCancelledWhileItWaitsLeavesTheDataToBeSent() throws Exception {
        runTest(Clock.system(), loop -> assertTrue(loop.runUntilComplete(drainCancelledWhilePaused()) > 0));
    }

    @Async
    Coroutine<Void> cancelConnectsAtEveryStep() throws IOException {
        Server server = await(startServer((reader, writer) -> {
            writer.close();
            return null;
        }, "127.0.0.1", 0));
        for (int iterations = 0; iterations < 4; iterations++) {
            Task<Connection> connecting = createTask(openConnection("127.0.0.1", portOf(server)));
            for (int i = 0; i < iterations; i++) {
                await(sleep(0));
            }
            connecting.cancel();
            try {
                Connection connected = await(connecting);
                connected.writer().close(); // it was done before the cancellation came
                await(connected.writer().waitClosed());
            } catch (CancelledError expected) {
                // cancelled while it connected: it closed its socket
            }
        }
        await(sleep(0.05)); // the server closes the connections it accepted meanwhile
        server.close();
        await(server.waitClosed());
        return result(null);
    }

    @Test
    void aConnectCancelledAtAnyStepLeavesNoSocketOpen() throws Exception {
        runTest(Clock.system(), loop -> loop.runUntilComplete(cancelConnectsAtEveryStep()));
    }

    @Async
    Coroutine<Void> cancelAWaitClosed() throws IOException {
        Server server = await(startServer((reader, writer) -> {
            writer.close();
            return null;
        }, "127.0.0.1", 0));
        Connection connection = await(openConnection("127.0.0.1", portOf(server)));
        Future<Void> firstWait = connection.writer().waitClosed();
        firstWait.cancel();
        assertEquals(0, await(connection.reader().read()).length, "the server closed its end");
        connection.writer().close();
        await(connection.writer().waitClosed()); // unaffected by the cancelled wait
        server.close();
        await(server.waitClosed());
        return result(null);
    }

    @Test
    void cancellingAWaitClosedDoesNotAffectTheConnection() throws Exception {
        runTest(Clock.system(), loop -> loop.runUntilComplete(cancelAWaitClosed()));
    }

    @Test
    void theStreamsRefuseALoopWithoutASelector() {
        EventLoop plain = new EventLoop(new FakeClock());
        try {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> plain.runUntilComplete(openConnection("127.0.0.1", 1)));
            assertTrue(refused.getMessage().contains("need a SelectorEventLoop"), refused.getMessage());
        } finally {
            plain.close();
        }
    }
}
