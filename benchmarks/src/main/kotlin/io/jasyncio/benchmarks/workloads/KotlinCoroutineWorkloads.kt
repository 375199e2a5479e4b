// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.benchmarks.workloads

import io.jasyncio.benchmarks.BuildSettings
import java.io.EOFException
import java.net.InetSocketAddress
import java.net.SocketAddress
import java.net.StandardSocketOptions
import java.nio.ByteBuffer
import java.nio.channels.AsynchronousChannelGroup
import java.nio.channels.AsynchronousServerSocketChannel
import java.nio.channels.AsynchronousSocketChannel
import java.nio.channels.CompletionHandler
import kotlin.coroutines.resume
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.EmptyCoroutineContext
import kotlin.coroutines.resumeWithException
import kotlinx.coroutines.CancellableContinuation
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.suspendCancellableCoroutine
import kotlinx.coroutines.yield

/**
 * The workloads on Kotlin coroutines in `runBlocking`, whose event loop runs every coroutine on the
 * calling thread, as jasyncio's loop does: `yield()` is the switch, `delay` the sleep, `async` the
 * task and `awaitAll` the gather.
 *
 * Echo uses NIO's `AsynchronousSocketChannel` (kotlinx.coroutines has no sockets, and Ktor is left
 * out) in a channel group of one thread: that thread waits for the sockets and resumes the coroutine
 * suspended in `suspendCancellableCoroutine`, which `runBlocking`'s loop then runs on its own thread.
 * Echo on every core runs the same coroutines on `Dispatchers.Default` (a thread per processor),
 * with a channel group of a thread per processor.
 */
class KotlinCoroutineWorkloads : Workloads {
    /**
     * The sockets' channel group: one thread for the process, idle in the other workloads.
     */
    private val channels = channelGroup(1)

    /** Echo-cores' channel group: a thread per processor, made on first use. */
    private val channelsOnEveryCore by lazy { channelGroup(Runtime.getRuntime().availableProcessors()) }

    override fun description(): String =
        "Kotlin ${KotlinVersion.CURRENT}, kotlinx.coroutines ${BuildSettings.get("kotlinx.coroutines.version")}, " +
            "runBlocking; echo: AsynchronousSocketChannel on a one-thread AsynchronousChannelGroup; " +
            "echo-cores: runBlocking(Dispatchers.Default), a thread a processor in the group"

    override fun yields(tasks: Int, depth: Int, switches: Int): Long = runBlocking {
        List(tasks) { async { nest(depth, switches) } }.awaitAll().sumOf { it.toLong() }
    }

    override fun spawn(tasks: Int): Long = runBlocking {
        List(tasks) { i -> async { i } }.awaitAll().sumOf { it.toLong() }
    }

    override fun sleepers(tasks: Int, seconds: Double, allParked: Runnable): Long = runBlocking {
        val millis = (seconds * 1000).toLong()
        val all = List(tasks) { async { delay(millis); 1 } }
        yield() // one turn of the loop, in which every task runs up to its delay
        allParked.run()
        all.awaitAll().sumOf { it.toLong() }
    }

    override fun echo(connections: Int, roundTrips: Int, messageBytes: Int, connecting: Runnable, allEchoed: Runnable): Long =
        echo(EmptyCoroutineContext, channels, connections, roundTrips, messageBytes, connecting, allEchoed)

    override fun echoOnEveryCore(processors: Int, connections: Int, roundTrips: Int, messageBytes: Int, connecting: Runnable,
        allEchoed: Runnable): Long =
        echo(Dispatchers.Default, channelsOnEveryCore, connections, roundTrips, messageBytes, connecting, allEchoed)

    /** Echo in `runBlocking(context)`: on its own loop with an empty context, on `Dispatchers.Default`'s threads with that. */
    private fun echo(context: CoroutineContext, channels: AsynchronousChannelGroup, connections: Int, roundTrips: Int,
        messageBytes: Int, connecting: Runnable, allEchoed: Runnable): Long =
        runBlocking(context) {
            val message = EchoMessage.of(messageBytes)
            AsynchronousServerSocketChannel.open(channels).use { server ->
                server.bind(InetSocketAddress(LOOPBACK, 0), connections)
                val address = server.localAddress
                val serving = launch { acceptAndEcho(server, connections, roundTrips, messageBytes) }
                connecting.run()
                val echoed = List(connections) { async { talk(channels, address, message, roundTrips) } }
                    .awaitAll().sumOf { it.toLong() }
                allEchoed.run()
                serving.join()
                echoed
            }
        }

    /** Accepts `connections` connections, each echoed by a coroutine of its own, and returns once all are closed. */
    private suspend fun acceptAndEcho(server: AsynchronousServerSocketChannel, connections: Int, roundTrips: Int, messageBytes: Int) =
        coroutineScope {
            repeat(connections) {
                val accepted = completion<AsynchronousSocketChannel> { server.accept(null, it) }
                launch { echoBack(accepted, roundTrips, messageBytes) }
            }
        }

    /** The server's coroutine for a connection: echoes `roundTrips` messages, then closes. */
    private suspend fun echoBack(channel: AsynchronousSocketChannel, roundTrips: Int, messageBytes: Int) = channel.use {
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true)
        val message = ByteBuffer.allocate(messageBytes)
        repeat(roundTrips) {
            message.clear()
            channel.readFully(message)
            channel.writeFully(message.flip())
        }
    }

    /** A client: connects, sends `message` and reads its echo `roundTrips` times, closes; returns the bytes echoed. */
    private suspend fun talk(channels: AsynchronousChannelGroup, address: SocketAddress, message: ByteArray, roundTrips: Int): Int =
        AsynchronousSocketChannel.open(channels).use { channel ->
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true)
            completion<Void?> { channel.connect(address, null, it) }
            val echo = ByteBuffer.allocate(message.size)
            var echoed = 0
            repeat(roundTrips) {
                channel.writeFully(ByteBuffer.wrap(message))
                echo.clear()
                channel.readFully(echo)
                EchoMessage.check(message, echo.array())
                echoed += echo.position()
            }
            echoed
        }

    /** Reads until `buffer` is full; [EOFException] if the peer closes first. */
    private suspend fun AsynchronousSocketChannel.readFully(buffer: ByteBuffer) {
        while (buffer.hasRemaining()) {
            if (completion<Int> { read(buffer, null, it) } < 0) {
                throw EOFException("${buffer.position()} bytes read on a total of ${buffer.capacity()} expected bytes")
            }
        }
    }

    /** Writes what remains in `buffer`. */
    private suspend fun AsynchronousSocketChannel.writeFully(buffer: ByteBuffer) {
        while (buffer.hasRemaining()) {
            completion<Int> { write(buffer, null, it) }
        }
    }

    /** Suspends until the channel operation that `start` starts, with the handler it is given, completes; returns its result. */
    private suspend fun <T> completion(start: (CompletionHandler<T, Nothing?>) -> Unit): T =
        suspendCancellableCoroutine { continuation -> start(ResumingHandler(continuation)) }

    /** Resumes a coroutine with the result or the failure of a channel operation, on the channel group's thread. */
    private class ResumingHandler<T>(private val continuation: CancellableContinuation<T>) : CompletionHandler<T, Nothing?> {
        override fun completed(result: T, attachment: Nothing?) = continuation.resume(result)

        override fun failed(failure: Throwable, attachment: Nothing?) = continuation.resumeWithException(failure)
    }

    /** Awaits `depth` nested calls of itself (not tail calls, so each keeps its frame); the innermost switches. */
    private suspend fun nest(depth: Int, switches: Int): Int {
        if (depth == 0) {
            repeat(switches) { yield() }
            return 0
        }
        return nest(depth - 1, switches) + 1
    }

    companion object {
        private const val LOOPBACK = "127.0.0.1"

        /**
         * A channel group of `threads` threads. Daemons, so that a failed workload ends the process
         * instead of leaving it waiting for them.
         */
        private fun channelGroup(threads: Int): AsynchronousChannelGroup =
            AsynchronousChannelGroup.withFixedThreadPool(threads) { runnable ->
                Thread(runnable, "echo-channels").apply { isDaemon = true }
            }

        /** Runs one workload, as [WorkloadRunner.run] describes. */
        @JvmStatic
        fun main(args: Array<String>) = WorkloadRunner.run(KotlinCoroutineWorkloads(), args)
    }
}
