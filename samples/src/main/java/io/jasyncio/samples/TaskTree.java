// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.run;
import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.Asyncio.taskGroup;

import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;
import java.util.List;

/**
 * Python 3.14's example for {@code python -m asyncio pstree}: a TaskGroup of albums, each a TaskGroup
 * of tracks that play (sleep) for an hour. It prints its process id, so that
 * {@code java -jar agent/target/jasyncio-agent.jar pstree PID} can show what every task waits on.
 */
public final class TaskTree {
    private TaskTree() {
    }

    @Async
    static Coroutine<Void> playTrack(String track) {
        await(sleep(3600));
        System.out.println("finished: " + track);
        return result(null);
    }

    @Async
    static Coroutine<Void> playAlbum(String name, List<String> tracks) {
        await(taskGroup(group -> {
            for (String track : tracks) {
                group.createTask(playTrack(track), track);
            }
            return result(null);
        }));
        return result(null);
    }

    @Async
    static Coroutine<Void> main() {
        await(taskGroup(group -> {
            group.createTask(playAlbum("Sundowning", List.of("TNDNBTG", "Levitate")), "Sundowning");
            group.createTask(playAlbum("TMBTE", List.of("DYWTYLM", "Aqua Regia")), "TMBTE");
            return result(null);
        }));
        return result(null);
    }

    /** Prints {@code PID: N}, then plays the albums for an hour. */
    public static void main(String[] args) {
        System.out.println("PID: " + ProcessHandle.current().pid());
        System.out.flush();
        run(main());
    }
}
