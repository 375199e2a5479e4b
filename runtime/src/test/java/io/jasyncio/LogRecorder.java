// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records what the runtime logs through {@link System.Logger} {@code io.jasyncio}, which the JDK
 * sends to {@code java.util.logging}, instead of printing it: open it in a try-with-resources block.
 * Shared with runtime-tests through the test jar.
 */
public final class LogRecorder extends Handler implements AutoCloseable {
    private final Logger logger = Logger.getLogger("io.jasyncio");
    private final boolean usedParentHandlers = logger.getUseParentHandlers();
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    /** Starts recording, and stops the records from reaching the console meanwhile. */
    public LogRecorder() {
        logger.addHandler(this);
        logger.setUseParentHandlers(false);
    }

    /**
     * What was logged so far that starts with {@code prefix}, as {@code LEVEL: message}, the stack
     * trace left out. Tests look only at what they cause: the cleaner's thread may meanwhile report
     * failures that other tests dropped.
     */
    List<String> lines(String prefix) {
        return records.stream().map(LogRecorder::line).filter(line -> line.startsWith(prefix)).toList();
    }

    /** What was logged so far whose {@link #lines line} starts with {@code prefix}. */
    List<LogRecord> records(String prefix) {
        return records.stream().filter(record -> line(record).startsWith(prefix)).toList();
    }

    /** What was logged so far whose message contains {@code text}, with level and thrown exception. */
    public List<LogRecord> about(String text) {
        return records.stream().filter(record -> record.getMessage().contains(text)).toList();
    }

    private static String line(LogRecord record) {
        return record.getLevel() + ": " + record.getMessage();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    /** Stops recording. */
    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setUseParentHandlers(usedParentHandlers);
    }
}
