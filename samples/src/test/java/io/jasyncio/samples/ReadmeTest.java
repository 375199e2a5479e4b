// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's examples are samples as they are, and hello-world prints what the README says it prints. */
class ReadmeTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void readmeShowsTheHelloWorldSampleAsItIs() throws IOException {
        assertReadmeShows("hello-world", "HelloWorld.java");
    }

    @Test
    void readmeShowsTheEveryCoreSampleAsItIs() throws IOException {
        assertReadmeShows("every-core", "EchoEveryCore.java");
    }

    @Test
    void readmeShowsTheTlsLinesOfTheEchoSamplesAsTheyAre() throws IOException {
        assertReadmeShows("tls-server", "EchoServer.java");
        assertReadmeShows("tls-client", "EchoClient.java");
    }

    @Test
    void readmeShowsTheProtocolsSampleAsItIsAndWhatItPrints(@TempDir Path scratch) throws Exception {
        assertReadmeShows("protocols", "ProtocolEcho.java");
        SampleProcess echo = SampleProcess.run("protocol-echo", scratch);
        assertEquals(codeBlockAfter("<!-- README:protocols-output -->") + "\n", echo.stdoutText());
        assertEquals(0, echo.exitStatus(), echo.stderr());
    }

    /**
     * The subprocess sample reads each of its Python child's lines while the child runs (the child
     * pauses 0.3 s after each), so the lines come one by one as printed, not all at the child's exit.
     */
    @Test
    void readmeShowsTheSubprocessSampleAsItIsAndWhatItPrints(@TempDir Path scratch) throws Exception {
        assertReadmeShows("subprocess", "SubprocessLines.java");
        SampleProcess sample = SampleProcess.run("subprocess", scratch);
        assertEquals(codeBlockAfter("<!-- README:subprocess-output -->") + "\n", sample.stdoutText(), sample.stderr());
        assertEquals(0, sample.exitStatus(), sample.stderr());
        assertEquals("", sample.stderr());
    }

    /**
     * The README's block marked {@code name} is the sample's code between its {@code // README:}
     * markers, less the indentation its lines share.
     */
    private static void assertReadmeShows(String name, String sampleFile) throws IOException {
        String sample = Files.readString(ROOT.resolve("samples/src/main/java/io/jasyncio/samples/" + sampleFile));
        String start = "// README:" + name + "\n";
        String between = sample.substring(sample.indexOf(start) + start.length(), sample.indexOf("// README:end"));
        assertEquals(between.stripIndent().strip(), codeBlockAfter("<!-- README:" + name + " "));
    }

    @Test
    void helloWorldPrintsWhatTheReadmeSays(@TempDir Path scratch) throws Exception {
        SampleProcess hello = SampleProcess.run("hello", scratch);
        assertEquals(codeBlockAfter("<!-- README:hello-world-output -->") + "\n", hello.stdoutText());
        assertEquals(0, hello.exitStatus(), hello.stderr());
    }

    /** The fenced code block that follows {@code marker} in the README. */
    private static String codeBlockAfter(String marker) throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        int fence = readme.indexOf("```", readme.indexOf(marker));
        int start = readme.indexOf('\n', fence) + 1;
        return readme.substring(start, readme.indexOf("```", start)).strip();
    }
}
