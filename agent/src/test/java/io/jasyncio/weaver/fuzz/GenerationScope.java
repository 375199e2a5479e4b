// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver.fuzz;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the statement being generated can see and where it is: the variables in scope, the
 * statements that {@code break} and {@code continue} can target, and the enclosing try statements.
 * One per generated method, and one per lambda body in it (see {@link #lambdaBody()}).
 */
final class GenerationScope {
    /**
     * A scalar variable: a parameter, a local or a loop counter (which only its loop assigns).
     * {@code capturable} when it is effectively final, so that a lambda may read it.
     */
    record Variable(String name, ValueType type, boolean assignable, boolean capturable) {
    }

    /** A local {@code Callable<Coroutine<R>>} holding an async lambda, awaited as {@code await(f.call())}. */
    record CoroutineLambda(String name, ValueType returnType) {
    }

    /** An array variable; every generated array has {@value #ARRAY_LENGTH} elements. */
    record ArrayVariable(String name, ValueType elementType) {
    }

    /** A statement that {@code break} can leave: a loop, which {@code continue} can also target, or a switch. */
    record JumpTarget(String label, boolean loop) {
    }

    /** Where a block began: what to forget when it ends. */
    record Mark(int variables, int arrays, int caught, int lambdas) {
    }

    static final int ARRAY_LENGTH = 4;

    private final List<Variable> variables = new ArrayList<>();
    private final List<ArrayVariable> arrays = new ArrayList<>();
    private final List<String> caughtExceptions = new ArrayList<>();
    private final Deque<JumpTarget> jumpTargets = new ArrayDeque<>();
    private final List<CoroutineLambda> lambdas = new ArrayList<>();

    /** The numbers taken per name prefix; shared with the scopes of lambda bodies, whose names may not shadow. */
    private final Map<String, Integer> namesTaken;

    /** How many try statements enclose the statement being generated (in any of their blocks). */
    int tryDepth;

    /** How many loops enclose the statement being generated. */
    int loopDepth;

    /**
     * Whether the code generated since the innermost enclosing try statement began may throw a
     * checked exception, as javac sees it: only then may that try catch {@code CheckedFailure}.
     * Never true where javac would say false; it may be false where javac would say true.
     */
    boolean mayThrowChecked;

    /** The scope at the start of a method's body. */
    GenerationScope() {
        this(new HashMap<>());
    }

    private GenerationScope(Map<String, Integer> namesTaken) {
        this.namesTaken = namesTaken;
    }

    /**
     * The scope at the start of the body of a lambda written here: what the lambda may capture
     * (effectively final variables, arrays, caught exceptions and other lambdas), no jump targets
     * and no enclosing try.
     */
    GenerationScope lambdaBody() {
        GenerationScope body = new GenerationScope(namesTaken);
        body.variables.addAll(variables.stream().filter(Variable::capturable).toList());
        body.arrays.addAll(arrays);
        body.caughtExceptions.addAll(caughtExceptions);
        body.lambdas.addAll(lambdas);
        return body;
    }

    /** A name not used before in this method: {@code prefix} and a number. */
    String freshName(String prefix) {
        return prefix + namesTaken.merge(prefix, 1, Integer::sum);
    }

    Mark mark() {
        return new Mark(variables.size(), arrays.size(), caughtExceptions.size(), lambdas.size());
    }

    /** Forgets what was declared since {@code mark}, as the end of a block does. */
    void restore(Mark mark) {
        variables.subList(mark.variables(), variables.size()).clear();
        arrays.subList(mark.arrays(), arrays.size()).clear();
        caughtExceptions.subList(mark.caught(), caughtExceptions.size()).clear();
        lambdas.subList(mark.lambdas(), lambdas.size()).clear();
    }

    void declare(String name, ValueType type, boolean assignable, boolean capturable) {
        variables.add(new Variable(name, type, assignable, capturable));
    }

    void declareLambda(String name, ValueType returnType) {
        lambdas.add(new CoroutineLambda(name, returnType));
    }

    List<CoroutineLambda> lambdas(ValueType returnType) {
        return lambdas.stream().filter(lambda -> lambda.returnType() == returnType).toList();
    }

    void declareArray(String name, ValueType elementType) {
        arrays.add(new ArrayVariable(name, elementType));
    }

    void declareCaught(String name) {
        caughtExceptions.add(name);
    }

    List<Variable> variables(ValueType type) {
        return variables.stream().filter(variable -> variable.type() == type).toList();
    }

    List<Variable> assignableVariables() {
        return variables.stream().filter(Variable::assignable).toList();
    }

    List<Variable> assignableVariables(ValueType type) {
        return variables.stream().filter(variable -> variable.assignable() && variable.type() == type).toList();
    }

    /** Every variable in scope, in order of declaration. */
    List<Variable> variables() {
        return List.copyOf(variables);
    }

    List<ArrayVariable> arrays() {
        return List.copyOf(arrays);
    }

    List<ArrayVariable> arrays(ValueType elementType) {
        return arrays.stream().filter(array -> array.elementType() == elementType).toList();
    }

    List<String> caughtExceptions() {
        return List.copyOf(caughtExceptions);
    }

    void enter(JumpTarget target) {
        jumpTargets.push(target);
        if (target.loop()) {
            loopDepth++;
        }
    }

    void leave() {
        if (jumpTargets.pop().loop()) {
            loopDepth--;
        }
    }

    /** The enclosing jump targets, innermost first. */
    List<JumpTarget> jumpTargets() {
        return List.copyOf(jumpTargets);
    }
}
