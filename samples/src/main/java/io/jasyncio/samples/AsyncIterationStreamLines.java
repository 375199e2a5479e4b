// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.samples.Python.print;
import static io.jasyncio.samples.Python.repr;
import static java.nio.charset.StandardCharsets.US_ASCII;

import io.jasyncio.Coroutine;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import io.jasyncio.streams.StreamReader;
import java.io.IOException;
import java.util.List;

// Port of conformance/65_async_iteration_stream_lines.py.
// async for over a StreamReader yields its lines (readline() until b''):
// the loop waits while no whole line is buffered, a last line without a
// newline comes out at EOF, and a reader that fails makes the loop raise.

/** Iterating over a stream's lines, Python's {@code async for line in reader}. */
public final class AsyncIterationStreamLines {
    private AsyncIterationStreamLines() {
    }

    @Async
    static Coroutine<Void> feeder(StreamReader reader, List<String> chunks) {
        for (String chunk : chunks) {
            await(sleep(0));
            byte[] bytes = chunk.getBytes(US_ASCII);
            print("feed", bytes);
            reader.feedData(bytes);
        }
        await(sleep(0));
        print("feed EOF");
        reader.feedEof();
        return result(null);
    }

    @Async
    static Coroutine<Void> main() throws IOException {
        StreamReader reader = new StreamReader();
        Task<Void> task = createTask(feeder(reader, List.of("alpha\nbe", "ta\n", "\ngam", "ma")));
        int count = 0;
        for (var lines = reader.lines(); await(lines.hasNext()); ) {
            byte[] line = lines.next();
            count += 1;
            print("line", count, line);
        }
        print("lines:", count);
        await(task);

        StreamReader failing = new StreamReader();
        failing.feedData("first\n".getBytes(US_ASCII));
        failing.setException(new ValueError("connection lost"));
        try {
            for (var lines = failing.lines(); await(lines.hasNext()); ) {
                print("never", lines.next());
            }
        } catch (ValueError e) {
            print("async for raised", repr(e));
        }
        return result(null);
    }

    /** Runs the program. */
    public static void main(String[] args) throws IOException {
        run(main());
    }
}
