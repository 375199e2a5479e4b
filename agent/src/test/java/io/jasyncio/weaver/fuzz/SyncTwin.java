// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver.fuzz;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.visitor.ModifierVisitor;
import com.github.javaparser.ast.visitor.Visitable;
import java.util.Set;

/**
 * Writes the synchronous twin of a generated {@code @Async} method: the same body, returning
 * {@code R} instead of {@code Coroutine<R>}, with every {@code await(x)} replaced by what {@code x}
 * would produce without a loop.
 *
 * <pre>
 * await(later(v)), await(now(v)), await(done(v)), await(sleep(0, v))   →  v
 * await(laterOrFail(f, e, v)), await(doneOrFailed(f, e, v))           →  valueOrThrow(f, e, v)
 * await(laterOrFailChecked(f, message, v))                            →  valueOrThrowChecked(f, message, v)
 * await(m(args)), await(createTask(m(args))), return m(args)          →  mSync(args)
 * await(f.call()), where f is a Callable&lt;Coroutine&lt;R&gt;&gt;             →  f.call(), f a Callable&lt;R&gt;
 * await(sleep(0));                                                    →  (nothing)
 * return result(v)                                                    →  return v
 * </pre>
 */
final class SyncTwin extends ModifierVisitor<Void> {
    /** The names of the generated coroutines, whose calls become calls of their twins. */
    private final Set<String> coroutineNames;

    private SyncTwin(Set<String> coroutineNames) {
        this.coroutineNames = coroutineNames;
    }

    /** The synchronous twin of {@code asyncMethod}, whose signature is {@code signature}. */
    static MethodDeclaration of(MethodDeclaration asyncMethod, MethodSignature signature, Set<String> coroutineNames) {
        MethodDeclaration twin = asyncMethod.clone();
        twin.setName(signature.syncName());
        twin.setType(signature.returnType().syntax());
        twin.getAnnotations().removeIf(annotation -> annotation.getNameAsString().equals("Async"));
        twin.accept(new SyncTwin(coroutineNames), null);
        return twin;
    }

    @Override
    public Visitable visit(ExpressionStmt statement, Void unused) {
        if (statement.getExpression() instanceof MethodCallExpr call && isCall(call, "await")
                && call.getArgument(0) instanceof MethodCallExpr awaited && isCall(awaited, "sleep")
                && awaited.getArguments().size() == 1) {
            return null; // a bare yield does nothing without a loop
        }
        return super.visit(statement, unused);
    }

    @Override
    public Visitable visit(MethodCallExpr call, Void unused) {
        if (isCall(call, "await")) { // parenthesised: a call needs no parentheses where its replacement may
            return Syntax.operand((Expression) synchronousOf(call.getArgument(0)).accept(this, unused));
        }
        if (isCall(call, "result")) {
            return call.getArgument(0).clone().accept(this, unused);
        }
        Visitable visited = super.visit(call, unused);
        if (visited instanceof MethodCallExpr visitedCall && visitedCall.getScope().isEmpty()
                && coroutineNames.contains(visitedCall.getNameAsString())) {
            visitedCall.setName(MethodSignature.syncNameOf(visitedCall.getNameAsString()));
        }
        return visited;
    }

    /** {@code Coroutine<R>} becomes {@code R}: the type argument of the Callable that holds an async lambda. */
    @Override
    public Visitable visit(ClassOrInterfaceType type, Void unused) {
        if (type.getNameAsString().equals("Coroutine") && type.getTypeArguments().isPresent()) {
            return type.getTypeArguments().get().get(0).clone();
        }
        return super.visit(type, unused);
    }

    /** What the twin writes for {@code await(awaited)}, before its own sub-expressions are rewritten. */
    private Expression synchronousOf(Expression awaited) {
        if (!(awaited instanceof MethodCallExpr call)) {
            throw new IllegalArgumentException("no synchronous equivalent for await(" + awaited + ")");
        }
        if (call.getScope().isEmpty() && coroutineNames.contains(call.getNameAsString())) {
            return call.clone();
        }
        if (isCall(call, "createTask")) {
            return synchronousOf(call.getArgument(0));
        }
        if (call.getScope().isPresent() && call.getNameAsString().equals("call")) {
            return call.clone(); // a lambda, whose type becomes Callable<R>
        }
        return AwaitShape.of(call).map(shape -> shape.synchronous(call)).orElseThrow(
                () -> new IllegalArgumentException("no synchronous equivalent for await(" + awaited + ")"));
    }

    private static boolean isCall(MethodCallExpr call, String name) {
        return call.getScope().isEmpty() && call.getNameAsString().equals(name);
    }
}
