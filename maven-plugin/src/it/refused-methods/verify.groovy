// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
// The build failed with every refused method of every class at its line, as `File.java:LINE: message`
// (the line carries a `// expect: message` comment), and left every class file as javac wrote it.
def log = new File(basedir, 'build.log').text
def sources = new File(basedir, 'src/main/java/it/refused')
def expected = []
sources.eachFile { source ->
    source.readLines().eachWithIndex { line, index ->
        def marker = line.indexOf('// expect: ')
        if (marker >= 0) {
            expected << "[ERROR] ${source.name}:${index + 1}: ${line.substring(marker + '// expect: '.length())}"
        }
    }
}
assert expected.size() == 5
expected.each { assert log.contains(it) : "build.log lacks: $it" }
assert log.contains('5 methods in 2 classes of ') && log.contains(' cannot be woven, so no class file was changed:')

def classes = new File(basedir, 'target/classes/it/refused')
assert classes.list().sort() == ['Fine.class', 'Locks.class', 'Misplaced.class']
classes.eachFile { classFile ->
    def bytes = new String(classFile.bytes, 'ISO-8859-1')
    assert !bytes.contains('io/jasyncio/internal/Woven') : "$classFile was woven"
}
