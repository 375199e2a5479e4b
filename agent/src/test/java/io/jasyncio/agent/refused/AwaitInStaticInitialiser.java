// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.agent.refused;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.sleep;

/** An await in a static initialiser, which cannot suspend. */
public class AwaitInStaticInitialiser {
    static {
        await(sleep(0)); // <- static initialiser
    }

    static void touch() {
    }
}
