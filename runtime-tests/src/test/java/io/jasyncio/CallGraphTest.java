// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.captureCallGraph;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.formatCallGraph;
import static io.jasyncio.Asyncio.futureAddToAwaitedBy;
import static io.jasyncio.Asyncio.futureDiscardFromAwaitedBy;
import static io.jasyncio.Asyncio.gather;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.Asyncio.taskGroup;
import static io.jasyncio.Asyncio.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.annotations.Async;
import io.jasyncio.graph.FutureCallGraph;
import io.jasyncio.graph.LoopTasks;
import io.jasyncio.graph.TaskListings;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Call graphs after asyncio 3.14's graph module: what a task waits on, with lines, and who awaits it,
 * shown for Python's documented example (a TaskGroup of albums, each a TaskGroup of tracks that sleep).
 */
class CallGraphTest extends LoopTestSupport {
    private static final String FILE = "CallGraphTest.java";

    @Async
    static Coroutine<Void> playTrack(String track) {
        await(sleep(3600)); // <- the track plays
        return result(null);
    }

    @Async
    static Coroutine<Void> playAlbum(String name, List<String> tracks) {
        await(taskGroup(tracksOf -> { // <- the album waits for its tracks
            for (String track : tracks) {
                tracksOf.createTask(playTrack(track), track);
            }
            return result(null);
        }));
        return result(null);
    }

    @Async
    static Coroutine<Void> albums() {
        await(taskGroup(albumsOf -> { // <- main waits for its albums
            albumsOf.createTask(playAlbum("Sundowning", List.of("TNDNBTG", "Levitate")), "Sundowning");
            albumsOf.createTask(playAlbum("TMBTE", List.of("DYWTYLM", "Aqua Regia")), "TMBTE");
            return result(null);
        }));
        return result(null);
    }

    private static int line(String marker) {
        return SourceLines.lineOf(CallGraphTest.class, marker);
    }

    /** The text with each id replaced by the name of its task, so that it compares whole. */
    private static String withNames(String text, EventLoop loop) {
        Map<String, String> names = loop.allTasks().stream()
                .collect(Collectors.toMap(FutureCallGraph::idOf, Task::getName, (first, second) -> first));
        for (Map.Entry<String, String> id : names.entrySet()) {
            text = text.replace(id.getKey(), "<" + id.getValue() + ">");
        }
        return text;
    }

    /** Runs the albums until every track sleeps, then gives the loop and its tasks by name to {@code check}. */
    private void withAlbumsPlaying(LoopBody check) throws Exception {
        runTest(loop -> {
            Task<Void> main = loop.createTask(albums(), "main");
            runIterations(loop, 4);
            check.run(loop);
            main.cancel();
            loop.runUntilComplete(sleep(0));
            runIterations(loop, 4);
        });
    }

    private static Task<?> task(EventLoop loop, String name) {
        return loop.allTasks().stream().filter(task -> task.getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aTrackIsAwaitedByItsAlbumWhichIsAwaitedByMain() throws Exception {
        withAlbumsPlaying(loop -> assertEquals(String.join("\n",
                "* Task(name='TNDNBTG', id=<TNDNBTG>)",
                "  + Call stack:",
                "  |   File 'Unknown Source', in async Sleep.sleep()",
                "  |   File '" + FILE + "', line " + line("the track plays") + ", in async CallGraphTest.playTrack()",
                "  + Awaited by:",
                "    * Task(name='Sundowning', id=<Sundowning>)",
                "      + Call stack:",
                "      |   File 'Unknown Source', in async Asyncio.taskGroup()",
                "      |   File '" + FILE + "', line " + line("the album waits for its tracks")
                        + ", in async CallGraphTest.playAlbum()",
                "      + Awaited by:",
                "        * Task(name='main', id=<main>)",
                "          + Call stack:",
                "          |   File 'Unknown Source', in async Asyncio.taskGroup()",
                "          |   File '" + FILE + "', line " + line("main waits for its albums")
                        + ", in async CallGraphTest.albums()"),
                withNames(formatCallGraph(task(loop, "TNDNBTG")), loop)));
    }

    @Test
    void pstreeShowsEachTaskUnderTheFrameWhereItsAwaiterWaits() throws Exception {
        withAlbumsPlaying(loop -> {
            List<FutureCallGraph> graphs = loop.allTasks().stream().map(Asyncio::captureCallGraph).toList();
            String album = "CallGraphTest.playAlbum " + FILE + ":" + line("the album waits for its tracks");
            String track = "CallGraphTest.playTrack " + FILE + ":" + line("the track plays");
            assertEquals(String.join("\n",
                    "Loop on thread loop (id 7):",
                    "└── (T) main",
                    "    └──  CallGraphTest.albums " + FILE + ":" + line("main waits for its albums"),
                    "        └──  Asyncio.taskGroup Unknown Source",
                    "            ├── (T) Sundowning",
                    "            │   └──  " + album,
                    "            │       └──  Asyncio.taskGroup Unknown Source",
                    "            │           ├── (T) TNDNBTG",
                    "            │           │   └──  " + track,
                    "            │           │       └──  Sleep.sleep Unknown Source",
                    "            │           └── (T) Levitate",
                    "            │               └──  " + track,
                    "            │                   └──  Sleep.sleep Unknown Source",
                    "            └── (T) TMBTE",
                    "                └──  " + album,
                    "                    └──  Asyncio.taskGroup Unknown Source",
                    "                        ├── (T) DYWTYLM",
                    "                        │   └──  " + track,
                    "                        │       └──  Sleep.sleep Unknown Source",
                    "                        └── (T) Aqua Regia",
                    "                            └──  " + track,
                    "                                └──  Sleep.sleep Unknown Source",
                    ""), TaskListings.tree(List.of(new LoopTasks("loop", 7, graphs, null))));
        });
    }

    @Test
    void psListsEveryTaskWithItsCoroutinesAndWhoAwaitsIt() throws Exception {
        withAlbumsPlaying(loop -> {
            List<FutureCallGraph> graphs = loop.allTasks().stream().map(Asyncio::captureCallGraph).toList();
            String table = TaskListings.table(List.of(new LoopTasks("loop", 7, graphs.subList(0, 2), null)));
            List<String> rows = table.lines().toList();
            for (String heading : List.of("task id", "task name", "coroutine chain", "awaited by")) {
                int column = rows.get(0).indexOf(heading);
                assertEquals(List.of(true, true), rows.subList(2, 4).stream() // the columns line up
                        .map(row -> row.length() <= column || row.charAt(column - 1) == ' ' && row.charAt(column) != ' ')
                        .toList(), table);
            }
            assertEquals(List.of(
                    "thread | task id | task name | coroutine chain | awaited by",
                    "-".repeat(rows.get(0).length()),
                    "loop | <main> | main | Asyncio.taskGroup -> CallGraphTest.albums",
                    "loop | <Sundowning> | Sundowning | Asyncio.taskGroup -> CallGraphTest.playAlbum | <main>"),
                    withNames(table, loop).lines().map(row -> row.replaceAll("  +", " | ")).toList());
        });
    }

    @Async
    static Coroutine<List<Object>> gatherer() {
        return result(await(gather(createTask(playTrack("gathered"), "gathered"))));
    }

    @Test
    void aGatheredTaskIsAwaitedByTheTaskThatGathers() throws Exception {
        runTest(loop -> {
            Task<List<Object>> gathering = loop.createTask(gatherer(), "gathering");
            runIterations(loop, 2);
            FutureCallGraph graph = captureCallGraph(task(loop, "gathered"));
            assertEquals(List.of(gathering), graph.awaitedBy().stream().map(FutureCallGraph::future).toList());
            gathering.cancel();
            runIterations(loop, 3);
        });
    }

    @Async
    static Coroutine<Void> waitsFor() {
        return result(await(waitFor(createTask(playTrack("timed"), "timed"), 7200)));
    }

    @Test
    void aTaskRunByWaitForIsAwaitedByTheWaitingTask() throws Exception {
        runTest(loop -> {
            Task<Void> waiting = loop.createTask(waitsFor(), "waiting");
            runIterations(loop, 2);
            assertEquals(List.of(waiting),
                    captureCallGraph(task(loop, "timed")).awaitedBy().stream().map(FutureCallGraph::future).toList());
            waiting.cancel();
            runIterations(loop, 4);
        });
    }

    @Test
    void futureAddToAwaitedByRecordsACustomCombinatorUntilDiscarded() throws Exception {
        runTest(loop -> {
            Future<String> inner = loop.createFuture();
            Future<String> combinator = loop.createFuture();
            futureAddToAwaitedBy(inner, combinator);
            assertEquals("* Future(id=<inner>)\n  + Awaited by:\n    * Future(id=<combinator>)",
                    formatCallGraph(inner).replace(FutureCallGraph.idOf(inner), "<inner>")
                            .replace(FutureCallGraph.idOf(combinator), "<combinator>"));
            futureDiscardFromAwaitedBy(inner, combinator);
            assertEquals("* Future(id=<inner>)", formatCallGraph(inner).replace(FutureCallGraph.idOf(inner), "<inner>"));
        });
    }

    @Async
    static Coroutine<String> printsItsGraph() {
        return result(captureCallGraph().format()); // <- the task captures its own graph
    }

    @Async
    static Coroutine<String> callsPrinter() {
        return result(await(printsItsGraph())); // <- the caller awaits the printer
    }

    @Test
    void theRunningTasksGraphIsItsThreadsStackFromTheCaptureDown() throws Exception {
        runTest(loop -> {
            Task<String> task = loop.createTask(callsPrinter(), "printer");
            assertEquals(String.join("\n",
                    "* Task(name='printer', id=" + FutureCallGraph.idOf(task) + ")",
                    "  + Call stack:",
                    "  |   File '" + FILE + "', line " + line("the task captures its own graph")
                            + ", in async CallGraphTest.printsItsGraph()",
                    "  |   File '" + FILE + "', line " + line("the caller awaits the printer")
                            + ", in async CallGraphTest.callsPrinter()"),
                    loop.runUntilComplete(task));
        });
    }
}
