// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
// `mvn test exec:java` in a project with the processor on annotationProcessorPaths and no jasyncio
// plugin: javac wove the classes, the JUnit test ran, the program printed its lines. Then the same
// Main.java compiled by the javac of this JDK on the command line, with the processor jar alone on
// -processorpath, and run with plain `java -cp`, prints the same.
def log = new File(basedir, 'build.log').text
def expected = 'world\nhello\n5 letters, 5 letters\n'
assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
assert log.replace('\r\n', '\n').contains(expected) : "exec:java did not print:\n$expected"
['it/processor/Main.class', 'it/processor/MainTest.class'].each { name ->
    def directory = name.endsWith('Test.class') ? 'test-classes' : 'classes'
    def bytes = new String(new File(basedir, "target/$directory/$name").bytes, 'ISO-8859-1')
    assert bytes.contains('io/jasyncio/internal/Woven') : "$name is not woven"
}

def version = (new File(basedir, 'pom.xml').text =~ /<jasyncio\.version>([^<]+)</)[0][1]
def jar = { String artifact ->
    new File(localRepositoryPath, "io/jasyncio/$artifact/$version/$artifact-${version}.jar").absolutePath
}
def classPath = [jar('jasyncio-runtime'), jar('jasyncio-annotations')].join(File.pathSeparator)
def javaHome = System.getProperty('java.home')
def cliClasses = new File(basedir, 'target/cli-classes')
def execute = { List<String> command ->
    def process = command.execute((String[]) null, basedir)
    def output = new StringBuffer()
    process.consumeProcessOutput(output, output)
    assert process.waitFor() == 0 : "${command.join(' ')} failed:\n$output"
    output.toString().replace('\r\n', '\n')
}
execute(["$javaHome/bin/javac", '-cp', classPath, '-processorpath', jar('jasyncio-processor'),
         '-d', cliClasses.path, 'src/main/java/it/processor/Main.java'])
assert new String(new File(cliClasses, 'it/processor/Main.class').bytes, 'ISO-8859-1').contains('io/jasyncio/internal/Woven')
def printed = execute(["$javaHome/bin/java", '-cp', cliClasses.path + File.pathSeparator + classPath, 'it.processor.Main'])
assert printed == expected : "java -cp printed:\n$printed"
