// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver.fuzz;

// Run other or more programs (program n of a run has seed fuzz.seed + n; -Dfuzz.count=1 reruns one):
//   mvn -o test -pl agent -am -Dtest=FuzzTest -Dfuzz.seed=123 -Dfuzz.count=5000 -Dsurefire.failIfNoSpecifiedTests=false

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The weaver's differential fuzzer as a test: random programs, each method written as an
 * {@code @Async} method and as a synchronous twin, must behave alike once the async one is woven.
 * A seeded run of {@code fuzz.count} programs (1,000 by default) from {@code fuzz.seed} (1).
 */
class FuzzTest {
    /** How many findings the failure message shows in full. */
    private static final int FINDINGS_SHOWN = 3;

    @Test
    void wovenCoroutinesBehaveLikeTheirSynchronousTwins() throws InterruptedException {
        long seed = Long.getLong("fuzz.seed", 1);
        int count = Integer.getInteger("fuzz.count", 1000);
        int threads = Math.min(4, Runtime.getRuntime().availableProcessors());
        Duration deadline = Duration.ofMinutes(10).plusSeconds(count); // a last resort: see DifferentialFuzzer
        long start = System.nanoTime();
        DifferentialFuzzer.Result result = DifferentialFuzzer.run(seed, count, threads, deadline);
        System.out.printf("fuzzed %d programs from seed %d on %d threads in %.1f s: %d calls returned, %d threw%n",
                result.programsRun(), seed, threads, (System.nanoTime() - start) / 1e9, result.callsReturned(),
                result.callsThrew());
        StringBuilder problems = new StringBuilder();
        if (!result.findings().isEmpty()) {
            problems.append(result.findings().size()).append(" of ").append(count).append(" programs from seed ").append(seed)
                    .append(" went wrong, seeds ")
                    .append(result.findings().stream().map(finding -> Long.toString(finding.seed())).collect(Collectors.joining(", ")))
                    .append("\n\n").append(result.findings().stream().limit(FINDINGS_SHOWN).map(DifferentialFuzzer.Finding::report)
                            .collect(Collectors.joining("\n")));
        }
        if (!result.unfinished().isEmpty()) {
            problems.append("the fuzzer did not finish within ").append(deadline).append("; the workers were:\n")
                    .append(String.join("\n\n", result.unfinished()));
        }
        if (problems.length() > 0) {
            fail(problems.toString());
        }
    }
}
