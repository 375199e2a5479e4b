// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
// The build wove the classes and test classes (verbose: each method and its states) and the tests ran.
def log = new File(basedir, 'build.log').text
def expected = [
    '[INFO] jasyncio: wove it.run.Countdown.count: 2 states',
    '[INFO] jasyncio: wove it.run.Countdown.main: 3 states',
    '[INFO] jasyncio: wove it.run.CountdownTest.twice: 2 states',
    '[INFO] jasyncio: wove 1 class (2 methods) in ',
    '[INFO] jasyncio: wove 1 class (1 method) in ',
    'Tests run: 2, Failures: 0, Errors: 0, Skipped: 0',
]
expected.each { assert log.contains(it) : "build.log lacks: $it" }
// The frame classes stay inside their owners: nothing is written beside them.
def written = new File(basedir, 'target/classes/it/run').list().sort()
assert written == ['Countdown.class'] : "target/classes/it/run holds $written"
