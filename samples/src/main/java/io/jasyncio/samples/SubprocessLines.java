// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

// README:subprocess
import static io.jasyncio.Asyncio.*;
import static io.jasyncio.subprocess.Redirect.PIPE;
import static io.jasyncio.subprocess.Subprocesses.createSubprocessExec;

import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;
import io.jasyncio.subprocess.Subprocess;
import io.jasyncio.subprocess.SubprocessOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Runs a Python child that prints a line every 0.3 s, and prints each line as it arrives, while the
 * child still runs, then the child's return code: asyncio's
 * {@code create_subprocess_exec(..., stdout=PIPE)} with {@code readline()} and {@code wait()}.
 */
public final class SubprocessLines {
    /** The child: three lines, each flushed as it is printed and followed by a pause. */
    static final String CHILD = String.join("\n",
            "import time",
            "for i in range(1, 4):",
            "    print(f'tick {i}', flush=True)",
            "    time.sleep(0.3)");

    private SubprocessLines() {
    }

    @Async
    static Coroutine<Void> main() throws IOException {
        Subprocess child = await(createSubprocessExec(SubprocessOptions.DEFAULTS.withStdout(PIPE), "python3", "-c", CHILD));
        byte[] line;
        while ((line = await(child.stdout().readline())).length > 0) {
            String text = new String(line, StandardCharsets.UTF_8).strip();
            System.out.println("read '" + text + "' while the child " + (child.returncode() == null ? "runs" : "has exited"));
        }
        System.out.println("the child exited with " + await(child.await()));
        return result(null);
    }

    public static void main(String[] args) throws IOException {
        run(main());
    }
}
// README:end
