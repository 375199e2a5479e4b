// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.subprocess;

/**
 * Where a child's stdin, stdout or stderr goes, asyncio's {@code subprocess.PIPE}, {@code DEVNULL},
 * {@code STDOUT} and {@code None} (inherited).
 */
public enum Redirect {
    /** A pipe to the parent: a {@code StreamWriter} for stdin, a {@code StreamReader} for stdout and stderr, asyncio's {@code PIPE}. */
    PIPE,

    /** The null device: stdin reads the end at once, output is dropped, asyncio's {@code DEVNULL}. */
    DEVNULL,

    /** The parent's own descriptor, asyncio's {@code None}: the default of {@code createSubprocessExec}. */
    INHERIT,

    /** For stderr only: wherever stdout goes, one stream with both, asyncio's {@code STDOUT}. */
    STDOUT
}
