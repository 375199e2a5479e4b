// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
/**
 * Streams over TCP and Unix domain sockets, asyncio's {@code asyncio.streams}:
 * {@link io.jasyncio.streams.Streams#openConnection} returns a
 * {@link io.jasyncio.streams.StreamReader} and a {@link io.jasyncio.streams.StreamWriter}, and
 * {@link io.jasyncio.streams.Streams#startServer} hands each connection's pair to a coroutine of its
 * own, with CPython 3.11's semantics (and a few of 3.12's and 3.13's where they fix a flaw: see
 * {@link io.jasyncio.transports.Server}).
 *
 * <p>Errors reach the awaiting code as Java reports them: a reset connection is
 * {@link java.net.SocketException} "Connection reset" (Python's {@code ConnectionResetError}), a
 * write to a closed connection an {@link java.io.IOException} such as "Broken pipe"
 * ({@code BrokenPipeError}), a refused connection {@link java.net.ConnectException}
 * ({@code ConnectionRefusedError}). Where asyncio raises {@code ConnectionResetError('Connection
 * lost')} itself, {@code drain()} throws {@link java.net.SocketException} "Connection lost". Every
 * method whose coroutine or future can fail with an {@link java.io.IOException} declares
 * {@code throws IOException}, though the call itself throws nothing: {@code await} declares no
 * checked exception, so it is the call inside {@code await(reader.readline())} that lets javac accept
 * {@code catch (IOException e)} or {@code catch (ConnectException e)} around it. Python's
 * {@code IncompleteReadError} and {@code LimitOverrunError} are unchecked
 * ({@link io.jasyncio.streams.IncompleteReadException}, {@link io.jasyncio.streams.LimitOverrunException}).
 *
 * <p>Cancelling a task at any await of a stream leaves the stream usable: a read takes data only when
 * it returns it, a {@code drain()} leaves the data buffered and still sent, and an
 * {@code openConnection} closes the socket it opened. Streams belong to their loop's thread.
 */
package io.jasyncio.streams;
