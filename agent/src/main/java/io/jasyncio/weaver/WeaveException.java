// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import java.util.List;
import java.util.stream.Collectors;

/** The methods of a class that cannot be woven, every one of them, not only the first. */
public final class WeaveException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<WeaveError> errors;

    /** An exception reporting {@code errors}, which must not be empty. */
    public WeaveException(List<WeaveError> errors) {
        super(errors.stream().map(WeaveError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    /** The errors, in the order of the methods in the class file. */
    public List<WeaveError> errors() {
        return errors;
    }
}
