// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.maven;

import java.util.List;

/**
 * What weaving a directory did.
 *
 * @param directory the directory, as it is shown to the user
 * @param wovenClasses the number of classes woven and rewritten by this run
 * @param wovenMethods the methods of those classes that became state machines
 * @param alreadyWoven the number of classes skipped because they were woven before (by an earlier run)
 * @param nothingToWeave the number of classes with no {@code @Async} method, async lambda or await
 */
public record WeaveSummary(String directory, int wovenClasses, List<WovenMethod> wovenMethods, int alreadyWoven,
        int nothingToWeave) {
    /** The summary of a directory that does not exist, as a module without tests has no test classes. */
    static WeaveSummary nothingIn(String directory) {
        return new WeaveSummary(directory, 0, List.of(), 0, 0);
    }

    /**
     * One line for the build's log:
     * {@code wove 2 classes (3 methods) in DIR; skipped 1 already woven, 4 with nothing to weave}.
     */
    public String describe() {
        return "wove " + counted(wovenClasses, "class", "classes")
                + " (" + counted(wovenMethods.size(), "method", "methods") + ") in " + directory
                + "; skipped " + alreadyWoven + " already woven, " + nothingToWeave + " with nothing to weave";
    }

    /** {@code 1 class}, {@code 2 classes}. */
    static String counted(long count, String one, String many) {
        return count + " " + (count == 1 ? one : many);
    }
}
