// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.subprocess;

import static io.jasyncio.Asyncio.gather;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.Coroutine;
import io.jasyncio.internal.HandWrittenCoroutine;
import io.jasyncio.streams.StreamReader;
import io.jasyncio.streams.StreamWriter;
import java.io.IOException;
import java.net.SocketException;
import java.util.List;

/**
 * The coroutine of {@link Subprocess#communicate(byte[])}, asyncio's {@code Process.communicate}:
 * it gathers feeding stdin, reading stdout and reading stderr, so that a child that fills one pipe
 * while the parent waits on another never deadlocks, then waits for the child's exit. Cancelled, the
 * gather cancels the three, and the child runs on.
 */
final class Communicate extends HandWrittenCoroutine<Subprocess.Output> {
    private static final int GATHERED = 1;
    private static final int EXITED = 2;

    private final Subprocess process;
    private final ProcessTransport transport;
    private final byte[] input;

    private List<byte[]> outputs;

    Communicate(Subprocess process, ProcessTransport transport, byte[] input) {
        super("Process.communicate");
        this.process = process;
        this.transport = transport;
        this.input = input == null ? null : input.clone();
    }

    @Override
    protected Object step(int label) {
        switch (label) {
            case START:
                Coroutine<byte[]> stdin = input != null ? new FeedStdin(process.stdin(), input) : result(null);
                Coroutine<byte[]> stdout = readStream(process.stdout(), 1);
                Coroutine<byte[]> stderr = readStream(process.stderr(), 2);
                return await(GATHERED, gather(List.of(stdin, stdout, stderr)));
            case GATHERED:
                outputs = awaited();
                return await(EXITED, process.await());
            case EXITED:
                awaited();
                return finish(new Subprocess.Output(outputs.get(1), outputs.get(2)));
            default:
                throw badLabel(label);
        }
    }

    private Coroutine<byte[]> readStream(StreamReader stream, int fd) {
        return stream == null ? result(null) : new ReadStream(stream, transport, fd);
    }

    /** asyncio's {@code _feed_stdin}: writes, drains (a child that stopped reading is no error), closes. */
    private static final class FeedStdin extends HandWrittenCoroutine<byte[]> {
        private static final int DRAINED = 1;

        private final StreamWriter stdin;
        private final byte[] input;

        FeedStdin(StreamWriter stdin, byte[] input) {
            super("Process._feed_stdin");
            this.stdin = stdin;
            this.input = input;
        }

        @Override
        protected Object step(int label) {
            switch (label) {
                case START:
                    stdin.write(input);
                    try {
                        return await(DRAINED, stdin.drain());
                    } catch (IOException cannotHappen) {
                        throw rethrow(cannotHappen); // drain() declares what its coroutine throws; the call throws nothing
                    }
                case DRAINED:
                    try {
                        awaited();
                    } catch (RuntimeException | Error notIo) {
                        throw notIo;
                    } catch (Exception failure) {
                        if (!isPipeBroken(failure)) {
                            throw rethrow(failure);
                        }
                    }
                    stdin.close();
                    return finish(null);
                default:
                    throw badLabel(label);
            }
        }

        /** Python's {@code BrokenPipeError} or {@code ConnectionResetError}, which {@code communicate} ignores. */
        private static boolean isPipeBroken(Exception failure) {
            return failure instanceof SocketException
                    || failure instanceof IOException && "Broken pipe".equals(failure.getMessage());
        }
    }

    /** asyncio's {@code _read_stream}: reads the stream to its end, then closes its pipe. */
    private static final class ReadStream extends HandWrittenCoroutine<byte[]> {
        private static final int READ = 1;

        private final StreamReader stream;
        private final ProcessTransport transport;
        private final int fd;

        ReadStream(StreamReader stream, ProcessTransport transport, int fd) {
            super("Process._read_stream");
            this.stream = stream;
            this.transport = transport;
            this.fd = fd;
        }

        @Override
        protected Object step(int label) {
            switch (label) {
                case START:
                    try {
                        return await(READ, stream.read());
                    } catch (IOException cannotHappen) {
                        throw rethrow(cannotHappen); // read() declares what its coroutine throws; the call throws nothing
                    }
                case READ:
                    byte[] output = awaited();
                    transport.getPipeTransport(fd).close();
                    return finish(output);
                default:
                    throw badLabel(label);
            }
        }
    }
}
