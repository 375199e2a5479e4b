// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar jasyncio-agent.jar pstree PID} on the task-tree sample running in a JVM of its own:
 * the tree of its tasks, each under the frame where its awaiter waits, with the line where it waits.
 */
class TaskTreeSampleTest {
    private static final Path SOURCE = Path.of("src/main/java/io/jasyncio/samples/TaskTree.java");

    @TempDir
    Path scratch;

    /** The line of the sample's source that contains {@code code}. */
    private static int lineOf(String code) throws IOException {
        List<String> lines = Files.readAllLines(SOURCE, UTF_8);
        for (int index = 0; index < lines.size(); index++) {
            if (lines.get(index).contains(code)) {
                return index + 1;
            }
        }
        throw new AssertionError("no " + code + " in " + SOURCE);
    }

    @Test
    void pstreeShowsTheAlbumsAndTracksOfTheRunningSample() throws Exception {
        Path errors = scratch.resolve("task-tree.stderr");
        Process sample = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Samples.class.getName(), "task-tree")
                .redirectError(errors.toFile()).start();
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(sample.getInputStream(), UTF_8));
            String pidLine = output.readLine();
            assertTrue(pidLine != null && pidLine.startsWith("PID: "), String.valueOf(pidLine));
            String pid = pidLine.substring("PID: ".length());
            String expected = String.join("\n",
                    "Loop on thread main (id N):", // the main thread's id differs from one JDK to another
                    "└── (T) Task-1",
                    "    └──  TaskTree.main TaskTree.java:" + lineOfMain(),
                    "        └──  Asyncio.taskGroup Unknown Source",
                    "            ├── (T) Sundowning",
                    "            │   └──  " + albumLine(),
                    "            │       └──  Asyncio.taskGroup Unknown Source",
                    "            │           ├── (T) TNDNBTG",
                    "            │           │   └──  " + trackLine(),
                    "            │           │       └──  Sleep.sleep Unknown Source",
                    "            │           └── (T) Levitate",
                    "            │               └──  " + trackLine(),
                    "            │                   └──  Sleep.sleep Unknown Source",
                    "            └── (T) TMBTE",
                    "                └──  " + albumLine(),
                    "                    └──  Asyncio.taskGroup Unknown Source",
                    "                        ├── (T) DYWTYLM",
                    "                        │   └──  " + trackLine(),
                    "                        │       └──  Sleep.sleep Unknown Source",
                    "                        └── (T) Aqua Regia",
                    "                            └──  " + trackLine(),
                    "                                └──  Sleep.sleep Unknown Source",
                    "");
            String tree = "";
            for (int attempt = 0; attempt < 20 && !tree.equals(expected); attempt++) {
                // the first attempts may come before every track has started
                tree = inspect("pstree", pid).replaceFirst("^Loop on thread main \\(id \\d+\\):", "Loop on thread main (id N):");
                if (!tree.equals(expected)) {
                    Thread.sleep(250);
                }
            }
            assertEquals(expected, tree);
            String table = inspect("ps", pid);
            assertEquals(9, table.lines().count(), table); // a heading, a rule, seven tasks
            assertTrue(table.lines().skip(2).allMatch(row -> row.startsWith("main ")), table);
        } finally {
            sample.destroyForcibly().waitFor();
        }
        String warnings = Files.readString(errors, UTF_8);
        if (Runtime.version().feature() >= 21) {
            // What a user sees on the inspected JVM's standard error unless it runs with -XX:+EnableDynamicAgentLoading
            assertTrue(warnings.startsWith("WARNING: A Java agent has been loaded dynamically ("), warnings);
        } else {
            assertEquals("", warnings);
        }
    }

    private static int lineOfMain() throws IOException {
        return lineOf("group.createTask(playAlbum(\"Sundowning\"") - 1;
    }

    private static String albumLine() throws IOException {
        return "TaskTree.playAlbum TaskTree.java:" + (lineOf("group.createTask(playTrack(track), track);") - 2);
    }

    private static String trackLine() throws IOException {
        return "TaskTree.playTrack TaskTree.java:" + lineOf("await(sleep(3600));");
    }

    /** Runs {@code java -jar jasyncio-agent.jar COMMAND PID} and returns what it printed; it must succeed. */
    private String inspect(String command, String pid) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("jasyncio.agent.jar"), command, pid));
        Path out = scratch.resolve(command + ".out");
        Path err = scratch.resolve(command + ".err");
        Process tool = new ProcessBuilder(arguments).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(tool.waitFor(60, TimeUnit.SECONDS), "the tool hung");
        assertEquals(0, tool.exitValue(), Files.readString(err, UTF_8));
        return Files.readString(out, UTF_8);
    }
}
