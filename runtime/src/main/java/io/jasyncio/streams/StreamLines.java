// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.streams;

import io.jasyncio.AsyncIterator;
import io.jasyncio.Awaitable;
import io.jasyncio.internal.HandWrittenCoroutine;
import java.io.IOException;
import java.util.NoSuchElementException;

/**
 * {@link StreamReader#lines()}: the reader's lines as an async iterator, what {@code async for} over a
 * {@code StreamReader} gives in Python ({@code __anext__} is a {@code readline()} that stops at
 * {@code b''}). Loop thread only.
 */
final class StreamLines implements AsyncIterator<byte[]> {
    private final StreamReader reader;

    /** The line that the last {@code hasNext()} read, until {@link #next()} takes it. */
    private byte[] ready;

    StreamLines(StreamReader reader) {
        this.reader = reader;
    }

    @Override
    public Awaitable<Boolean> hasNext() {
        return new NextLine();
    }

    @Override
    public byte[] next() {
        byte[] line = ready;
        if (line == null) {
            throw new NoSuchElementException("no line read: await hasNext() first, and take each line once");
        }
        ready = null;
        return line;
    }

    /** Reads the next line unless one is ready: {@code true} with a line, {@code false} at the end of the stream. */
    private final class NextLine extends HandWrittenCoroutine<Boolean> {
        private static final int READ = 1;

        NextLine() {
            super("StreamReader.lines");
        }

        @Override
        protected Object step(int label) {
            switch (label) {
                case START:
                    if (ready != null) {
                        return finish(true);
                    }
                    try {
                        return await(READ, reader.readline());
                    } catch (IOException failure) {
                        throw rethrow(failure);
                    }
                case READ:
                    byte[] line = awaited();
                    if (line.length == 0) {
                        return finish(false);
                    }
                    ready = line;
                    return finish(true);
                default:
                    throw badLabel(label);
            }
        }
    }
}
