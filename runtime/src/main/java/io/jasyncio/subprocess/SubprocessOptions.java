// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.subprocess;

import io.jasyncio.streams.StreamReader;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The keyword arguments of asyncio's {@code create_subprocess_exec}, {@code create_subprocess_shell},
 * {@code loop.subprocess_exec} and {@code loop.subprocess_shell} beyond the program and its
 * arguments, as an immutable value: {@code SubprocessOptions.DEFAULTS.withStdout(PIPE).withStderr(STDOUT)}.
 */
public final class SubprocessOptions {
    /**
     * The defaults of {@code createSubprocessExec} and {@code createSubprocessShell}, as asyncio's
     * {@code stdin=None, stdout=None, stderr=None}: the child inherits the three, with a 64 KiB
     * reader limit, the parent's working directory and environment.
     */
    public static final SubprocessOptions DEFAULTS = new SubprocessOptions(Redirect.INHERIT, Redirect.INHERIT, Redirect.INHERIT);

    /** The defaults of the protocol-level {@code subprocessExec} and {@code subprocessShell}, asyncio's {@code stdin=PIPE, stdout=PIPE, stderr=PIPE}. */
    public static final SubprocessOptions PIPES = new SubprocessOptions(Redirect.PIPE, Redirect.PIPE, Redirect.PIPE);

    private Redirect stdin;
    private Redirect stdout;
    private Redirect stderr;
    private int limit = StreamReader.DEFAULT_LIMIT;
    private Path cwd;
    private Map<String, String> environment;

    private SubprocessOptions(Redirect stdin, Redirect stdout, Redirect stderr) {
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** A copy to change one option in, which no one else sees before it is returned. */
    private SubprocessOptions copy() {
        SubprocessOptions copy = new SubprocessOptions(stdin, stdout, stderr);
        copy.limit = limit;
        copy.cwd = cwd;
        copy.environment = environment;
        return copy;
    }

    /** Where the child's stdin comes from, asyncio's {@code stdin}. */
    public Redirect stdin() {
        return stdin;
    }

    /** Where the child's stdout goes, asyncio's {@code stdout}. */
    public Redirect stdout() {
        return stdout;
    }

    /** Where the child's stderr goes, asyncio's {@code stderr}. */
    public Redirect stderr() {
        return stderr;
    }

    /** The limit of the stdout and stderr {@code StreamReader}s in bytes, asyncio's {@code limit}. */
    public int limit() {
        return limit;
    }

    /** The child's working directory, asyncio's {@code cwd}; {@code null} for the parent's. */
    public Path cwd() {
        return cwd;
    }

    /** The child's whole environment, asyncio's {@code env}; {@code null} for a copy of the parent's. */
    public Map<String, String> environment() {
        return environment;
    }

    /** These options with the child's stdin from {@code stdin}: {@code PIPE}, {@code DEVNULL} or {@code INHERIT}. */
    public SubprocessOptions withStdin(Redirect stdin) {
        SubprocessOptions copy = copy();
        copy.stdin = notStdout("stdin", stdin);
        return copy;
    }

    /** These options with the child's stdout to {@code stdout}: {@code PIPE}, {@code DEVNULL} or {@code INHERIT}. */
    public SubprocessOptions withStdout(Redirect stdout) {
        SubprocessOptions copy = copy();
        copy.stdout = notStdout("stdout", stdout);
        return copy;
    }

    /** These options with the child's stderr to {@code stderr}; {@code STDOUT} merges it into stdout. */
    public SubprocessOptions withStderr(Redirect stderr) {
        SubprocessOptions copy = copy();
        copy.stderr = Objects.requireNonNull(stderr, "stderr");
        return copy;
    }

    private static Redirect notStdout(String stream, Redirect redirect) {
        if (Objects.requireNonNull(redirect, stream) == Redirect.STDOUT) {
            throw new IllegalArgumentException("STDOUT can only be used for stderr, not for " + stream);
        }
        return redirect;
    }

    /** These options with the reader {@code limit} in bytes. */
    public SubprocessOptions withLimit(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("Limit cannot be <= 0: " + limit);
        }
        SubprocessOptions copy = copy();
        copy.limit = limit;
        return copy;
    }

    /** These options with the child's working directory, asyncio's {@code cwd=}; {@code null} for the parent's. */
    public SubprocessOptions withCwd(Path cwd) {
        SubprocessOptions copy = copy();
        copy.cwd = cwd;
        return copy;
    }

    /**
     * These options with {@code environment} as the child's whole environment, asyncio's {@code env=}:
     * it replaces the parent's rather than adding to it; {@code null} for a copy of the parent's.
     */
    public SubprocessOptions withEnvironment(Map<String, String> environment) {
        SubprocessOptions copy = copy();
        copy.environment = environment == null ? null : Map.copyOf(environment);
        return copy;
    }

    /** The JDK's process builder for {@code command} with these options. */
    ProcessBuilder processBuilder(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectInput(switch (stdin) {
            case PIPE -> ProcessBuilder.Redirect.PIPE;
            case DEVNULL -> ProcessBuilder.Redirect.from(nullDevice());
            default -> ProcessBuilder.Redirect.INHERIT;
        });
        builder.redirectOutput(output(stdout));
        if (stderr == Redirect.STDOUT) {
            builder.redirectErrorStream(true);
        } else {
            builder.redirectError(output(stderr));
        }
        if (cwd != null) {
            builder.directory(cwd.toFile());
        }
        if (environment != null) {
            builder.environment().clear();
            builder.environment().putAll(environment);
        }
        return builder;
    }

    private static ProcessBuilder.Redirect output(Redirect redirect) {
        return switch (redirect) {
            case PIPE -> ProcessBuilder.Redirect.PIPE;
            case DEVNULL -> ProcessBuilder.Redirect.DISCARD;
            default -> ProcessBuilder.Redirect.INHERIT;
        };
    }

    private static File nullDevice() {
        return new File(File.separatorChar == '\\' ? "NUL" : "/dev/null");
    }

    @Override
    public String toString() {
        return "SubprocessOptions[stdin=" + stdin + " stdout=" + stdout + " stderr=" + stderr + " limit=" + limit
                + (cwd == null ? "" : " cwd=" + cwd) + (environment == null ? "" : " environment=" + environment.size() + " variables")
                + "]";
    }
}
