// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.maven;

import java.io.File;
import java.io.IOException;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What the goals {@code weave} and {@code weave-tests} share: their options, and a run of
 * {@link ClassDirectoryWeaver} on the directory each one names.
 */
public abstract class AbstractWeaveMojo extends AbstractMojo {
    /** Skips weaving. */
    @Parameter(property = "jasyncio.skip", defaultValue = "false")
    private boolean skip;

    /**
     * Ant-style patterns of the class files to weave, relative to the directory
     * ({@code com/example/**}); every class file if none is given.
     */
    @Parameter
    private List<String> includes;

    /** Ant-style patterns of the class files not to weave, relative to the directory. */
    @Parameter
    private List<String> excludes;

    /** Logs each woven method with the number of states of its state machine (one, and one per await). */
    @Parameter(property = "jasyncio.verbose", defaultValue = "false")
    private boolean verbose;

    /** The directory of class files that this goal weaves. */
    protected abstract File classesDirectory();

    /** Weaves the directory's class files, or fails the build with every method that cannot be woven. */
    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("jasyncio: weaving is skipped");
            return;
        }
        WeaveSummary summary;
        try {
            summary = new ClassDirectoryWeaver(new ClassFileSelection(includes, excludes))
                    .weave(classesDirectory().toPath());
        } catch (UnweavableMethodsException refused) {
            throw new MojoFailureException(refused.getMessage(), refused);
        } catch (IOException | IllegalStateException failed) {
            throw new MojoExecutionException("jasyncio: " + failed.getMessage(), failed);
        }
        if (verbose) {
            summary.wovenMethods().forEach(method -> getLog().info("jasyncio: wove " + method));
        }
        getLog().info("jasyncio: " + summary.describe());
    }
}
