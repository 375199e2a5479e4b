// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.streams;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.gather;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.streams.Streams.openConnection;
import static io.jasyncio.streams.Streams.startServer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.Clock;
import io.jasyncio.Coroutine;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import io.jasyncio.transports.Server;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Slowloris: peers that open connections and trickle a line one byte at a time, never ending it,
 * while ordinary clients talk to the same echo server on the same loop. The ordinary clients are
 * served in full meanwhile, the slow peers get nothing back while their lines go on, and each is
 * answered once its line ends. The
 * counts can be raised with {@code -Djasyncio.slowloris.peers=N -Djasyncio.slowloris.clients=M}.
 */
@Timeout(120)
class SlowPeersTest extends StreamsTestSupport {
    private static final int SLOW_PEERS = Integer.getInteger("jasyncio.slowloris.peers", 200);
    private static final int CLIENTS = Integer.getInteger("jasyncio.slowloris.clients", 20);
    private static final int ROUND_TRIPS = 50;

    /** How many handlers are running, and how many lines of slow peers they echoed. Loop thread only. */
    private int handlersRunning;
    private int slowLinesEchoed;

    /** Echoes every line until the end of the stream, then closes. */
    @Async
    Coroutine<Void> echo(StreamReader reader, StreamWriter writer) throws IOException {
        handlersRunning++;
        try {
            byte[] line;
            while ((line = await(reader.readline())).length > 0) {
                if (text(line).startsWith("GET")) {
                    slowLinesEchoed++;
                }
                writer.write(line);
                await(writer.drain());
            }
            writer.close();
        } finally {
            handlersRunning--;
        }
        return result(null);
    }

    /** Sends one more byte of a line that never ends on each slow connection, every few milliseconds. */
    @Async
    Coroutine<Void> trickle(List<Connection> slowPeers) {
        while (true) {
            for (Connection peer : slowPeers) {
                peer.writer().write(bytes("x"));
            }
            await(sleep(0.005));
        }
    }

    /** Makes {@link #ROUND_TRIPS} round trips and returns how many lines came back as sent. */
    @Async
    Coroutine<Integer> ordinaryClient(int port, int client) throws IOException {
        Connection connection = await(openConnection("127.0.0.1", port));
        int echoed = 0;
        for (int i = 0; i < ROUND_TRIPS; i++) {
            String line = "client " + client + " line " + i + "\n";
            connection.writer().write(bytes(line));
            if (text(await(connection.reader().readline())).equals(line)) {
                echoed++;
            }
        }
        connection.writer().close();
        await(connection.writer().waitClosed());
        return result(echoed);
    }

    @Async
    Coroutine<List<Integer>> ordinaryClientsAmidSlowPeers() throws IOException {
        Server server = await(startServer(this::echo, "127.0.0.1", 0));
        List<Connection> slowPeers = new ArrayList<>();
        for (int i = 0; i < SLOW_PEERS; i++) {
            Connection peer = await(openConnection("127.0.0.1", portOf(server)));
            peer.writer().write(bytes("GET / HTTP/1.1 "));
            slowPeers.add(peer);
        }
        Task<Void> trickling = createTask(trickle(slowPeers));
        List<Coroutine<Integer>> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(ordinaryClient(portOf(server), i));
        }
        List<Integer> outcome = new ArrayList<>(await(gather(clients)));
        outcome.add(slowLinesEchoed);
        outcome.add(Math.min(handlersRunning, SLOW_PEERS)); // the slow peers' handlers all still wait for their lines
        trickling.cancel();
        int slowPeersServed = 0;
        for (Connection peer : slowPeers) {
            peer.writer().write(bytes("\n")); // at last
        }
        for (Connection peer : slowPeers) {
            if (text(await(peer.reader().readline())).startsWith("GET / HTTP/1.1 x")) {
                slowPeersServed++;
            }
            peer.writer().close();
            await(peer.writer().waitClosed());
        }
        outcome.add(slowPeersServed);
        server.close();
        await(server.waitClosed());
        return result(outcome);
    }

    @Test
    void ordinaryClientsAreServedInFullWhileSlowPeersTrickleLinesThatNeverEnd() throws Exception {
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            expected.add(ROUND_TRIPS);
        }
        expected.add(0); // no line of a slow peer was echoed
        expected.add(SLOW_PEERS);
        expected.add(SLOW_PEERS); // each served once its line ends
        runTest(Clock.system(), loop -> assertEquals(expected, loop.runUntilComplete(ordinaryClientsAmidSlowPeers())));
    }
}
