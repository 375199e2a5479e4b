// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.benchmarks.driver;

import java.util.ArrayList;
import java.util.List;

/** One system in the comparison, jasyncio or a peer, and the command that starts its workload process. */
enum Contender {
    JASYNCIO("jasyncio", "jasyncio", true, Reach.EVERY_WORKLOAD, Runtime.DEFAULT_JDK, "JasyncioWorkloads",
            Launcher.WITH_AGENT),
    VIRTUAL_THREADS_1("vt-1", "virtual threads, 1 carrier", true, Reach.ONE_CORE_WORKLOADS, Runtime.JDK_25,
            "VirtualThreadWorkloads", "-Djdk.virtualThreadScheduler.parallelism=1"),
    VIRTUAL_THREADS_2("vt-2", "virtual threads, 2 carriers", true, Reach.EVERY_WORKLOAD, Runtime.JDK_25,
            "VirtualThreadWorkloads", "-Djdk.virtualThreadScheduler.parallelism=2"),
    KOTLIN("kotlin", "Kotlin coroutines", true, Reach.EVERY_WORKLOAD, Runtime.DEFAULT_JDK, "KotlinCoroutineWorkloads"),
    COMPLETABLE_FUTURE("cf", "CompletableFuture", true, Reach.ONE_CORE_WORKLOADS, Runtime.DEFAULT_JDK,
            "CompletableFutureWorkloads"),
    NETTY_1("netty-1", "Netty, 1 NIO thread", true, Reach.ONE_CORE_NETWORKING, Runtime.DEFAULT_JDK, "NettyWorkloads",
            "-Dbenchmarks.netty.transport=nio", "-Dbenchmarks.netty.threads=1"),
    NETTY_2("netty-2", "Netty, 2 NIO threads", true, Reach.NETWORKING, Runtime.DEFAULT_JDK, "NettyWorkloads",
            "-Dbenchmarks.netty.transport=nio", "-Dbenchmarks.netty.threads=2"),
    NETTY_EPOLL_1("netty-epoll-1", "Netty, 1 epoll thread", true, Reach.ONE_CORE_NETWORKING, Runtime.DEFAULT_JDK,
            "NettyWorkloads", "-Dbenchmarks.netty.transport=epoll", "-Dbenchmarks.netty.threads=1"),
    NETTY_EPOLL_2("netty-epoll-2", "Netty, 2 epoll threads", true, Reach.NETWORKING, Runtime.DEFAULT_JDK,
            "NettyWorkloads", "-Dbenchmarks.netty.transport=epoll", "-Dbenchmarks.netty.threads=2"),
    CPYTHON("cpython", "CPython asyncio", true, Reach.EVERY_WORKLOAD, Runtime.PYTHON, null),
    /** Not run by default: jasyncio on the JDK that runs the virtual threads, to tell the JDK's share from jasyncio's. */
    JASYNCIO_JDK_25("jasyncio-jdk25", "jasyncio on JDK 25", false, Reach.EVERY_WORKLOAD, Runtime.JDK_25,
            "JasyncioWorkloads", Launcher.WITH_AGENT);

    /** What runs a workload process. */
    enum Runtime {
        /** The JDK that runs the driver (17, the project's baseline). */
        DEFAULT_JDK,
        /** The Temurin 25 JDK, for virtual threads. */
        JDK_25,
        /** {@code python3}. */
        PYTHON
    }

    /** Which workloads a contender has a meaning for; the table says "n/a" for the others. */
    enum Reach {
        /** A system of tasks that can use every core: every workload. */
        EVERY_WORKLOAD(true, true),
        /** A system of tasks set to one thread (one carrier, a single-thread executor): all but echo-cores. */
        ONE_CORE_WORKLOADS(true, false),
        /** A network library without tasks of its own (Netty) with a thread per core: the workloads over sockets only. */
        NETWORKING(false, true),
        /** The same with one event-loop thread: echo only. */
        ONE_CORE_NETWORKING(false, false);

        final boolean tasks;
        final boolean everyCore;

        Reach(boolean tasks, boolean everyCore) {
            this.tasks = tasks;
            this.everyCore = everyCore;
        }
    }

    /** The JVM options that set how many threads a contender runs its tasks or channels on. */
    private static final List<String> THREAD_COUNT_OPTIONS =
            List.of("-Djdk.virtualThreadScheduler.parallelism=", "-Dbenchmarks.netty.threads=");

    final String id;
    final String title;
    final boolean runByDefault;
    private final Reach reach;
    final Runtime runtime;
    private final String mainClassSimpleName;
    private final List<String> jvmOptions;

    Contender(String id, String title, boolean runByDefault, Reach reach, Runtime runtime, String mainClassSimpleName,
            String... jvmOptions) {
        this.id = id;
        this.title = title;
        this.runByDefault = runByDefault;
        this.reach = reach;
        this.runtime = runtime;
        this.mainClassSimpleName = mainClassSimpleName;
        this.jvmOptions = List.of(jvmOptions);
    }

    /** Whether {@code workload} means something for this contender, so that the driver runs it. */
    boolean runs(Workload workload) {
        return (reach.tasks || workload.overSockets()) && (reach.everyCore || !workload.onEveryCore());
    }

    /** Whether a JIT compiler runs the workload, so that it needs warm-up rounds. */
    boolean compiles() {
        return runtime != Runtime.PYTHON;
    }

    /** The command that runs {@code workload} in a process of its own. */
    List<String> command(Launcher launcher, Workload workload, Workload.Size size) {
        List<String> command = new ArrayList<>(launcher.commandPrefix());
        if (runtime == Runtime.PYTHON) {
            command.add(launcher.python());
            command.add(launcher.pythonScript().toString());
        } else {
            command.add(launcher.java(runtime == Runtime.JDK_25));
            for (String option : jvmOptions) {
                command.add(option.equals(Launcher.WITH_AGENT) ? "-javaagent:" + launcher.agentJar()
                        : workload.onEveryCore() ? threadsOnEveryCore(option) : option);
            }
            command.addAll(launcher.jvmOptions());
            command.addAll(launcher.profilingOptions(id + "-" + workload.id));
            command.add("-cp");
            command.add(launcher.classPath());
            command.add("io.jasyncio.benchmarks.workloads." + mainClassSimpleName);
        }
        command.addAll(workload.arguments(size, compiles()));
        return command;
    }

    /**
     * {@code option}, or, if it sets a thread count (virtual threads' carriers, Netty's event loops),
     * the same option with one thread per processor: on a 2-core machine, what vt-2 and netty-2 have.
     */
    private static String threadsOnEveryCore(String option) {
        for (String threadCount : THREAD_COUNT_OPTIONS) {
            if (option.startsWith(threadCount)) {
                return threadCount + java.lang.Runtime.getRuntime().availableProcessors();
            }
        }
        return option;
    }

    static Contender byId(String id) {
        for (Contender contender : values()) {
            if (contender.id.equals(id)) {
                return contender;
            }
        }
        throw new IllegalArgumentException("unknown contender: " + id);
    }
}
