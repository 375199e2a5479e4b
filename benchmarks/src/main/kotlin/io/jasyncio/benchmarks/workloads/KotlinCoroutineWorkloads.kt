// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.benchmarks.workloads

import io.jasyncio.benchmarks.BuildSettings
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.yield

/**
 * The workloads on Kotlin coroutines in `runBlocking`, whose event loop runs every coroutine on the
 * calling thread, as jasyncio's loop does: `yield()` is the switch, `delay` the sleep, `async` the
 * task and `awaitAll` the gather.
 */
class KotlinCoroutineWorkloads : Workloads {
    override fun description(): String =
        "Kotlin ${KotlinVersion.CURRENT}, kotlinx.coroutines ${BuildSettings.get("kotlinx.coroutines.version")}, runBlocking"

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

    /** Awaits `depth` nested calls of itself (not tail calls, so each keeps its frame); the innermost switches. */
    private suspend fun nest(depth: Int, switches: Int): Int {
        if (depth == 0) {
            repeat(switches) { yield() }
            return 0
        }
        return nest(depth - 1, switches) + 1
    }

    companion object {
        /** Runs one workload, as [WorkloadRunner.run] describes. */
        @JvmStatic
        fun main(args: Array<String>) = WorkloadRunner.run(KotlinCoroutineWorkloads(), args)
    }
}
