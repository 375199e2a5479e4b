// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver.fuzz;

import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import java.util.Arrays;
import java.util.Optional;

/**
 * The helpers of {@link ProgramSupport} that generated programs await, and for each, what the
 * synchronous twin writes in place of {@code await(helper(...))}. Awaits of generated methods,
 * bare or wrapped in a task, are not helpers: {@link SyncTwin} maps them to the methods' twins.
 */
enum AwaitShape {
    /** {@code later(v)}: suspends once, then returns {@code v}; synchronously {@code v}. */
    LATER("later", null),
    /** {@code now(v)}: a coroutine that returns {@code v} without suspending; synchronously {@code v}. */
    NOW("now", null),
    /** {@code done(v)}: a future done already; synchronously {@code v}. */
    DONE("done", null),
    /** {@code sleep(0, v)}: the runtime's sleep, one loop iteration; synchronously {@code v}. */
    SLEEP_THEN_VALUE("sleep", null),
    /** {@code laterOrFail(fail, failure, v)}: suspends once, then throws or returns. */
    LATER_OR_FAIL("laterOrFail", "valueOrThrow"),
    /** {@code doneOrFailed(fail, failure, v)}: a future done already, with the exception or the value. */
    DONE_OR_FAILED("doneOrFailed", "valueOrThrow"),
    /** {@code laterOrFailChecked(fail, message, v)}: suspends once, then throws a checked exception or returns. */
    LATER_OR_FAIL_CHECKED("laterOrFailChecked", "valueOrThrowChecked");

    /** The helper's name in {@link ProgramSupport}. */
    final String helper;

    /** The name of the synchronous helper that takes the same arguments; {@code null} where the twin is the value. */
    private final String synchronousHelper;

    AwaitShape(String helper, String synchronousHelper) {
        this.helper = helper;
        this.synchronousHelper = synchronousHelper;
    }

    /** Whether the awaitable may throw rather than return its value. */
    boolean mayFail() {
        return synchronousHelper != null;
    }

    /** The awaitable: the helper called with {@code arguments}, the value last. */
    MethodCallExpr awaitable(Expression... arguments) {
        NodeList<Expression> written = new NodeList<>(arguments);
        if (this == SLEEP_THEN_VALUE) {
            written.addFirst(Syntax.intLiteral(0));
        }
        return new MethodCallExpr(null, helper, written);
    }

    /** What the synchronous twin writes for {@code await(awaitable)}, {@code awaitable} being a call of this helper. */
    Expression synchronous(MethodCallExpr awaitable) {
        NodeList<Expression> arguments = awaitable.getArguments();
        if (synchronousHelper == null) {
            return arguments.get(arguments.size() - 1).clone();
        }
        return new MethodCallExpr(null, synchronousHelper, new NodeList<>(arguments.stream().map(Expression::clone).toList()));
    }

    /** The shape whose awaitable {@code call} is, if it is one: {@code sleep(0)} alone, which has no value, is not. */
    static Optional<AwaitShape> of(MethodCallExpr call) {
        if (call.getScope().isPresent()) {
            return Optional.empty();
        }
        String name = call.getNameAsString();
        return Arrays.stream(values())
                .filter(shape -> shape.helper.equals(name))
                .filter(shape -> shape != SLEEP_THEN_VALUE || call.getArguments().size() == 2)
                .findFirst();
    }
}
