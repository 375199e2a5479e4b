// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.samples.Python.print;
import static io.jasyncio.samples.Python.repr;
import static io.jasyncio.samples.Python.str;
import static io.jasyncio.streams.Streams.openConnection;
import static io.jasyncio.streams.Streams.startServer;

import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;
import io.jasyncio.streams.Connection;
import io.jasyncio.streams.IncompleteReadException;
import io.jasyncio.streams.StreamReader;
import io.jasyncio.streams.StreamWriter;
import io.jasyncio.transports.Server;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

// Port of conformance/43_streams_echo.py.
// Echo server + client over loopback TCP streams: start_server callback
// runs as a new task per connection; readline() returns a line including
// b"\n", and b"" at EOF; readexactly(n); write() is buffered and drain()
// applies flow control; write_eof()/close()/wait_closed().
// Python's `async with server:` is try/finally with close() and waitClosed().

/** An echo server and its client on one loop: lines, exact reads, a half-close and the end of the stream. */
public final class StreamsEcho {
    private static final List<String> log = new ArrayList<>();

    private StreamsEcho() {
    }

    @Async
    static Coroutine<Void> handle(StreamReader reader, StreamWriter writer) throws IOException {
        boolean peerIsLocal = ((InetSocketAddress) writer.getPeerAddress()).getAddress().getHostAddress().equals("127.0.0.1");
        log.add("server: connection (local=" + str(peerIsLocal) + ")");
        while (true) {
            byte[] line = await(reader.readline());
            if (line.length == 0) {                // EOF
                log.add("server: EOF");
                break;
            }
            log.add("server: got " + repr(line));
            writer.write(upper(line));
            await(writer.drain());
        }
        writer.close();
        await(writer.waitClosed());
        return result(null);
    }

    @Async
    static Coroutine<Void> main() throws IOException {
        Server server = await(startServer(StreamsEcho::handle, "127.0.0.1", 0));
        int port = ((InetSocketAddress) server.getBoundAddresses().get(0)).getPort();
        try {
            Connection connection = await(openConnection("127.0.0.1", port));
            StreamReader reader = connection.reader();
            StreamWriter writer = connection.writer();
            for (byte[] msg : List.of(bytes("hello\n"), bytes("world\n"))) {
                writer.write(msg);
                await(writer.drain());
                print("client: echo", await(reader.readline()));
            }
            // two lines in one write: readline splits them
            writer.write(bytes("one\ntwo\n"));
            await(writer.drain());
            print("client:", await(reader.readline()), await(reader.readline()));
            // readexactly across a line boundary
            writer.write(bytes("abc\ndef\n"));
            print("client: readexactly(6) ->", await(reader.readexactly(6)));
            print("client: rest ->", await(reader.readline()));
            writer.writeEof();                     // half-close: server sees EOF
            print("client: after server closed, readline ->",
                    await(reader.readline()), "at_eof", reader.atEof());
            try {
                await(reader.readexactly(1));
            } catch (IncompleteReadException e) {
                print("client: IncompleteReadError partial", e.partial(),
                        "expected", e.expected());
            }
            writer.close();
            await(writer.waitClosed());
            print("client: closed; is_closing", writer.isClosing());
        } finally {
            server.close();
            await(server.waitClosed());
        }
        print(String.join("\n", log));
        return result(null);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Python's {@code bytes.upper()}: ASCII letters only. */
    private static byte[] upper(byte[] data) {
        byte[] upper = data.clone();
        for (int i = 0; i < upper.length; i++) {
            if (upper[i] >= 'a' && upper[i] <= 'z') {
                upper[i] -= 'a' - 'A';
            }
        }
        return upper;
    }

    /** Runs the program. */
    public static void main(String[] args) throws IOException {
        run(main());
    }
}
