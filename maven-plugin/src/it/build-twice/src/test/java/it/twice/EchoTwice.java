// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package it.twice;

import static io.jasyncio.Asyncio.*;

import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;

/** A test class to weave; the project has no tests to run. */
class EchoTwice {
    @Async
    static Coroutine<String> twice(String text) {
        return result(await(Echo.echo(text)) + await(Echo.echo(text)));
    }
}
