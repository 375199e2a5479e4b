// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.maven;

import io.jasyncio.weaver.WeaveError;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The methods of a directory of classes that cannot be woven, every one of them in every class, as a
 * compiler reports its errors: one {@code Owner.java:LINE: message (in com.example.Owner.method)} a
 * line. No class file was changed.
 */
public final class UnweavableMethodsException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<WeaveError> errors;

    /** An exception reporting {@code errors}, which must not be empty, found under {@code directory}. */
    public UnweavableMethodsException(String directory, List<WeaveError> errors) {
        super(describe(directory, errors));
        this.errors = List.copyOf(errors);
    }

    /** The errors: by class file path, then in the order of the methods in the class file. */
    public List<WeaveError> errors() {
        return errors;
    }

    private static String describe(String directory, List<WeaveError> errors) {
        long classes = errors.stream().map(WeaveError::className).distinct().count();
        return WeaveSummary.counted(errors.size(), "method", "methods") + " in "
                + WeaveSummary.counted(classes, "class", "classes") + " of " + directory
                + " cannot be woven, so no class file was changed:\n"
                + errors.stream().map(WeaveError::toString).collect(Collectors.joining("\n"));
    }
}
