# SPDX-License-Identifier: Apache-2.0
# Copyright jasyncio contributors
"""The workloads on CPython's asyncio, measured as WorkloadRunner.java measures the JVM systems.

Usage: python3 asyncio_workloads.py yields|spawn|sleepers|echo|echo-cores key=value...; the keys, the rounds and
the output lines (about, round, metric) are those of WorkloadRunner. CPython has no figure for the
live heap, so heap_bytes_per_task is the growth of the resident set after gc.collect(), from before
the round to the moment every task sleeps. Echo uses asyncio's streams, as Workloads.echo describes;
echo-cores runs it in a process per core, as a Python server uses every core: each process has a
server on one shared port (SO_REUSEPORT; the kernel spreads connections) and its share of the clients.
"""

import asyncio
import gc
import multiprocessing
import os
import platform
import socket
import sys
import time


LOOPBACK = "127.0.0.1"

# What the measured rounds leave for the last metric line.
measurement = {"processor_wait_share": float("nan")}


async def nest(depth, switches):
    """Awaits depth nested calls of itself; the innermost one switches `switches` times."""
    if depth == 0:
        for _ in range(switches):
            await asyncio.sleep(0)
        return 0
    return await nest(depth - 1, switches) + 1


async def identity(value):
    return value


async def sleeper(seconds):
    await asyncio.sleep(seconds)
    return 1


async def start_and_gather(tasks, body):
    every = [asyncio.create_task(body(i)) for i in range(tasks)]
    return sum(await asyncio.gather(*every))


async def sleep_and_gather(tasks, seconds, all_parked):
    every = [asyncio.create_task(sleeper(seconds)) for _ in range(tasks)]
    everyone = asyncio.gather(*every)
    await asyncio.sleep(0)  # one iteration, in which every task runs up to its sleep
    all_parked()
    return sum(await everyone)


def echo_message(message_bytes):
    """The message of EchoMessage.java: the letters a to z over and over."""
    return bytes(ord("a") + i % 26 for i in range(message_bytes))


async def echo_back(reader, writer, round_trips, message_bytes):
    """The server's task for a connection: echoes round_trips messages, then closes."""
    for _ in range(round_trips):
        writer.write(await reader.readexactly(message_bytes))
        await writer.drain()
    writer.close()
    await writer.wait_closed()


async def talk(port, message, round_trips):
    """A client: connects, sends message and reads its echo round_trips times, closes; returns the bytes echoed."""
    reader, writer = await asyncio.open_connection(LOOPBACK, port)
    echoed = 0
    for _ in range(round_trips):
        writer.write(message)
        await writer.drain()
        echo = await reader.readexactly(len(message))
        if echo != message:
            raise RuntimeError(f"echo {echo!r} differs from the message {message!r}")
        echoed += len(echo)
    writer.close()
    await writer.wait_closed()
    return echoed


async def serve_and_talk(connections, round_trips, message_bytes, connecting, all_echoed, port=0, **server_options):
    """Starts the echo server, gathers the clients, then closes the server."""
    server = await asyncio.start_server(
        lambda reader, writer: echo_back(reader, writer, round_trips, message_bytes), LOOPBACK, port, **server_options)
    async with server:
        port = server.sockets[0].getsockname()[1]
        message = echo_message(message_bytes)
        await connecting()
        clients = [asyncio.create_task(talk(port, message, round_trips)) for _ in range(connections)]
        echoed = sum(await asyncio.gather(*clients))
        await all_echoed(echoed)
    return echoed


def now_awaitable(record):
    """An awaitable callback that calls record() at once, for serve_and_talk in one process."""
    async def call(*ignored):
        record()
    return call


# How long a process of echo-cores waits for the others at a barrier before it gives up.
BARRIER_SECONDS = 300


def serve_and_talk_in_process(port, connections, round_trips, message_bytes, servers_up, talked, echoed_by_process):
    """One process of echo-cores: a server on the shared port and `connections` clients, between the barriers."""
    async def wait(barrier):
        # in a thread, so that this process's server keeps serving the other processes' clients meanwhile
        await asyncio.get_running_loop().run_in_executor(None, barrier.wait, BARRIER_SECONDS)

    async def talked_then_wait(echoed):
        echoed_by_process.put(echoed)
        await wait(talked)  # every process's clients are done before any server closes

    asyncio.run(serve_and_talk(connections, round_trips, message_bytes, lambda: wait(servers_up), talked_then_wait,
                               port=port, reuse_port=True))


def echo_on_every_core(processors, connections, round_trips, message_bytes, connecting, all_echoed):
    """Echo in a process per core, each with a server on one port and an equal share of the clients."""
    with socket.socket() as port_holder:  # bound, never listening: keeps the port for the servers, takes no connections
        port_holder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        port_holder.bind((LOOPBACK, 0))
        port = port_holder.getsockname()[1]
        processes = multiprocessing.get_context("fork")
        servers_up, talked = processes.Barrier(processors + 1), processes.Barrier(processors + 1)
        echoed_by_process = processes.Queue()
        workers = [processes.Process(target=serve_and_talk_in_process, args=(
            port, connections // processors + (index < connections % processors), round_trips, message_bytes,
            servers_up, talked, echoed_by_process)) for index in range(processors)]
        for worker in workers:
            worker.start()
        servers_up.wait(BARRIER_SECONDS)
        connecting()
        echoed = sum(echoed_by_process.get(timeout=BARRIER_SECONDS) for _ in workers)
        all_echoed()
        talked.wait(BARRIER_SECONDS)
        for worker in workers:
            worker.join()
            if worker.exitcode != 0:
                raise RuntimeError(f"an echo-cores process ended with exit code {worker.exitcode}")
    return echoed


def yields(tasks, depth, switches):
    return asyncio.run(start_and_gather(tasks, lambda i: nest(depth, switches)))


def spawn(tasks):
    return asyncio.run(start_and_gather(tasks, identity))


def sleepers(tasks, seconds, all_parked):
    return asyncio.run(sleep_and_gather(tasks, seconds, all_parked))


def echo(connections, round_trips, message_bytes, connecting, all_echoed):
    return asyncio.run(serve_and_talk(connections, round_trips, message_bytes, now_awaitable(connecting),
                                      now_awaitable(all_echoed)))


def status_bytes(field):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field):
                return int(line[len(field):].replace("kB", "").strip()) * 1024
    raise RuntimeError("no " + field + " in /proc/self/status")


def resident_after_gc():
    gc.collect()
    return status_bytes("VmRSS:")


def processor_wait_totals():
    """The threads' nanoseconds on a processor and ready but waiting for one, as ProcessorWait.java reads them."""
    running = waiting = 0
    for thread in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{thread}/schedstat") as schedstat:
                fields = schedstat.read().split()
        except OSError:
            continue
        running += int(fields[0])
        waiting += int(fields[1])
    return running, waiting


def processor_wait_share(before, after):
    running, waiting = after[0] - before[0], after[1] - before[1]
    return max(0, waiting) / (running + waiting) if running + waiting > 0 else float("nan")


def check(workload, checksum, expected):
    if checksum != expected:
        raise RuntimeError(f"{workload}: checksum {checksum}, expected {expected}")


def print_round(kind, index, nanos):
    print(f"round {kind} {index} {nanos / 1e9:.3f}", flush=True)


def print_metric(name, value):
    print(f"metric {name} {value:.6g}", flush=True)


def measure_rounds(settings, one_round, warmup, collect_before_each):
    """Runs `warmup` rounds, then the measured ones; returns the fastest of the measured."""
    for i in range(warmup):
        if collect_before_each:
            gc.collect()
        print_round("warmup", i, one_round())
    best = None
    before = processor_wait_totals()
    for i in range(int(settings["rounds"])):
        if collect_before_each:
            gc.collect()
        elapsed = one_round()
        print_round("measure", i, elapsed)
        best = elapsed if best is None else min(best, elapsed)
    measurement["processor_wait_share"] = processor_wait_share(before, processor_wait_totals())
    return best


def timed(function, *args):
    start = time.perf_counter_ns()
    result = function(*args)
    return time.perf_counter_ns() - start, result


def measure_yields(settings):
    tasks, depth = int(settings["tasks"]), int(settings["depth"])
    target_nanos = int(settings["target-ms"]) * 1_000_000

    def time_yields(switches):
        elapsed, checksum = timed(yields, tasks, depth, switches)
        check("yields", checksum, tasks * depth)
        return elapsed

    def scaled(switches, elapsed):
        return max(1, switches * target_nanos // max(1, elapsed))

    switches, calibration = 1, 0
    while (elapsed := time_yields(switches)) < target_nanos // 8:
        print_round("calibrate", calibration, elapsed)
        calibration += 1
        switches *= 2
    for i in range(int(settings["warmup"])):
        switches = scaled(switches, elapsed)
        elapsed = time_yields(switches)
        print_round("warmup", i, elapsed)
    switches = scaled(switches, elapsed)
    best = measure_rounds(settings, lambda: time_yields(switches), 0, False)
    print_metric("ns_per_switch", best / (tasks * switches))


def measure_spawn(settings):
    tasks = int(settings["tasks"])

    def one_round():
        elapsed, checksum = timed(spawn, tasks)
        check("spawn", checksum, tasks * (tasks - 1) // 2)
        return elapsed

    print_metric("ns_per_task", measure_rounds(settings, one_round, int(settings["warmup"]), True) / tasks)


def measure_sleepers(settings):
    tasks, seconds = int(settings["tasks"]), float(settings["seconds"])
    resident_before = resident_after_gc()
    while_parked = []
    elapsed, checksum = timed(sleepers, tasks, seconds, lambda: while_parked.append(resident_after_gc()))
    print_round("memory", 0, elapsed)
    check("sleepers", checksum, tasks)

    def one_round():
        round_elapsed, round_checksum = timed(sleepers, tasks, seconds, lambda: None)
        check("sleepers", round_checksum, tasks)
        return round_elapsed

    best = measure_rounds(settings, one_round, int(settings["warmup"]), True)
    print_metric("wall_seconds", best / 1e9)
    print_metric("heap_bytes_per_task", (while_parked[0] - resident_before) / tasks)
    print_metric("rss_bytes_per_task", (status_bytes("VmHWM:") - resident_before) / tasks)


def measure_echo(settings, on_every_core=False):
    processors = os.cpu_count()
    connections = (int(settings["connections-per-core"]) * processors if on_every_core
                   else int(settings["connections"]))
    round_trips, message_bytes = int(settings["round-trips"]), int(settings["message-bytes"])
    run_echo = (lambda *args: echo_on_every_core(processors, *args)) if on_every_core else echo

    def one_round():
        connecting_and_all_echoed = []
        checksum = run_echo(connections, round_trips, message_bytes,
                            lambda: connecting_and_all_echoed.append(time.perf_counter_ns()),
                            lambda: connecting_and_all_echoed.append(time.perf_counter_ns()))
        check("echo", checksum, connections * round_trips * message_bytes)
        if len(connecting_and_all_echoed) != 2:
            raise RuntimeError("echo did not run both connecting and all_echoed")
        return connecting_and_all_echoed[1] - connecting_and_all_echoed[0]

    best = measure_rounds(settings, one_round, int(settings["warmup"]), True)
    print_metric("round_trips_per_second", connections * round_trips / (best / 1e9))


def main(argv):
    workload = argv[0]
    settings = dict(setting.split("=", 1) for setting in argv[1:])
    loop = asyncio.new_event_loop()
    print(f"about CPython {platform.python_version()} asyncio, {type(loop).__name__}", flush=True)
    loop.close()
    measure = {"yields": measure_yields, "spawn": measure_spawn, "sleepers": measure_sleepers, "echo": measure_echo,
               "echo-cores": lambda settings: measure_echo(settings, on_every_core=True)}
    measure[workload](settings)
    print_metric("processor_wait_share", measurement["processor_wait_share"])


if __name__ == "__main__":
    main(sys.argv[1:])
