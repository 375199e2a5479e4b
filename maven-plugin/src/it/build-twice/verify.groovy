// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
// The first `mvn package` wove the classes and the test classes; the second found them woven and
// wrote nothing. build.log holds both builds, one after the other.
import java.util.zip.ZipFile

def builds = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert builds.size() == 2 : "expected two builds, found ${builds.size()}"
def (first, second) = builds
// The summary line of the goal weave (directory classes) or weave-tests (test-classes), as a regex.
def summary = { String directory, String wove, String skipped ->
    /jasyncio: wove \Q${wove}\E in .*\Q${'target' + File.separator + directory}\E; skipped \Q${skipped}\E/
}

assert first.contains('[INFO] jasyncio: wove it.twice.Echo.echo: 2 states')
assert first.contains('[INFO] jasyncio: wove it.twice.EchoTwice.twice: 3 states')
assert first =~ summary('classes', '1 class (1 method)', '0 already woven, 1 with nothing to weave')
assert first =~ summary('test-classes', '1 class (1 method)', '0 already woven, 0 with nothing to weave')

assert !second.contains('jasyncio: wove it.') : 'the second build wove a method'
assert second =~ summary('classes', '0 classes (0 methods)', '1 already woven, 1 with nothing to weave')
assert second =~ summary('test-classes', '0 classes (0 methods)', '1 already woven, 0 with nothing to weave')

// The jar holds the woven class.
def jar = new File(basedir, 'target').listFiles().find { it.name.endsWith('.jar') }
new ZipFile(jar).withCloseable { zip ->
    def echo = new String(zip.getInputStream(zip.getEntry('it/twice/Echo.class')).bytes, 'ISO-8859-1')
    assert echo.contains('io/jasyncio/internal/Woven') : "$jar holds an unwoven Echo.class"
}
