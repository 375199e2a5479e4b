// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver.fuzz;

import static io.jasyncio.weaver.fuzz.Syntax.binary;
import static io.jasyncio.weaver.fuzz.Syntax.block;
import static io.jasyncio.weaver.fuzz.Syntax.call;
import static io.jasyncio.weaver.fuzz.Syntax.element;
import static io.jasyncio.weaver.fuzz.Syntax.ifThen;
import static io.jasyncio.weaver.fuzz.Syntax.intLiteral;
import static io.jasyncio.weaver.fuzz.Syntax.name;
import static io.jasyncio.weaver.fuzz.Syntax.statement;
import static io.jasyncio.weaver.fuzz.Syntax.string;

import com.github.javaparser.ast.ArrayCreationLevel;
import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr.Operator;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.SimpleName;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.LabeledStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.ReferenceType;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.UnionType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Generates the statements of one {@code @Async} method or async lambda: declarations, assignments,
 * array stores, string building, awaits as statements, async lambdas, if/else, loops of every kind
 * (some labelled), switches on int and String, try/catch/finally, and conditional break, continue,
 * return and throw.
 *
 * <p>Every statement it writes can complete normally as javac sees it (each jump sits alone in an
 * {@code if} without {@code else}), so no statement is ever unreachable and every method ends with
 * a reachable return. Loops count up to a small bound with a counter that only they assign, and
 * nest at most {@value #MAX_LOOP_DEPTH} deep, so every program ends quickly.
 */
final class StatementGenerator {
    /** Blocks nest at most this deep in a method: deeper, only simple statements. */
    private static final int MAX_NESTING = 3;

    /** Loops nest at most this deep. */
    private static final int MAX_LOOP_DEPTH = 2;

    /** Loops run at most this many times. */
    private static final int MAX_LOOP_BOUND = 3;

    /** Statements in a nested block, at most. */
    private static final int MAX_NESTED_STATEMENTS = 4;

    private static final List<String> SWITCH_STRINGS = List.of("a", "b", "c", "d", "", "xyz", "hello");

    private final SplittableRandom random;
    private final ExpressionGenerator expressions;
    private final MethodSignature method;

    /** How many more statements this method may get, nested ones included. */
    private int statementsLeft;

    StatementGenerator(SplittableRandom random, ExpressionGenerator expressions, MethodSignature method, int statementBudget) {
        this.random = random;
        this.expressions = expressions;
        this.method = method;
        this.statementsLeft = statementBudget;
    }

    /** Adds up to {@code count} statements to {@code into}; their declarations stay in scope. */
    void addStatements(NodeList<Statement> into, GenerationScope scope, int count, int nesting) {
        for (int index = 0; index < count && statementsLeft > 0; index++) {
            statementsLeft--;
            addStatement(into, scope, nesting);
        }
    }

    /** A block of up to {@value #MAX_NESTED_STATEMENTS} statements, whose declarations end with it. */
    private BlockStmt nestedBlock(GenerationScope scope, int nesting) {
        return nestedBlock(scope, nesting, new NodeList<>());
    }

    /** A block that starts with {@code first}, then up to {@value #MAX_NESTED_STATEMENTS} generated statements. */
    private BlockStmt nestedBlock(GenerationScope scope, int nesting, NodeList<Statement> first) {
        GenerationScope.Mark mark = scope.mark();
        addStatements(first, scope, 1 + random.nextInt(MAX_NESTED_STATEMENTS), nesting);
        scope.restore(mark);
        return new BlockStmt(first);
    }

    /** The kinds of statement, each with its weight in the random choice. */
    private enum Kind {
        DECLARATION(13), ARRAY_DECLARATION(3), LAMBDA(2), ASSIGNMENT(11), ARRAY_STORE(6), APPEND(6), NOTE(5), SLEEP(4),
        CALL(5), IF(8), LOOP(10), SWITCH(5), TRY(8), JUMP(6), RETURN(3), THROW(5);

        final int weight;

        Kind(int weight) {
            this.weight = weight;
        }
    }

    private void addStatement(NodeList<Statement> into, GenerationScope scope, int nesting) {
        int depth = 1 + random.nextInt(3);
        switch (kind(scope, nesting)) {
            case DECLARATION -> into.add(declaration(scope, depth));
            case ARRAY_DECLARATION -> into.add(arrayDeclaration(scope, depth));
            case LAMBDA -> addLambda(into, scope, nesting);
            case ASSIGNMENT -> into.add(assignment(scope, depth));
            case ARRAY_STORE -> into.add(arrayStore(scope, depth));
            case APPEND -> into.add(append(scope, depth));
            case NOTE -> into.add(statement(call("note", expressions.of(expressions.anyType(), scope, depth))));
            case SLEEP -> into.add(statement(call("await", call("sleep", intLiteral(0)))));
            case CALL -> into.add(awaitedCall(scope, depth));
            case IF -> into.add(ifStatement(scope, depth, nesting));
            case LOOP -> addLoop(into, scope, depth, nesting);
            case SWITCH -> into.add(switchStatement(scope, depth, nesting));
            case TRY -> into.add(tryStatement(scope, nesting));
            case JUMP -> into.add(jump(scope, depth));
            case RETURN -> into.add(conditionalReturn(scope, depth));
            case THROW -> into.add(conditionalThrow(scope, depth));
        }
    }

    /** A kind of statement that fits here, chosen by weight: compound ones only above the nesting limit, and so on. */
    private Kind kind(GenerationScope scope, int nesting) {
        boolean compound = nesting < MAX_NESTING;
        List<Kind> fitting = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            boolean fits = switch (kind) {
                case LAMBDA, IF, SWITCH, TRY -> compound;
                case LOOP -> compound && scope.loopDepth < MAX_LOOP_DEPTH;
                case CALL -> !expressions.callable().isEmpty();
                case JUMP -> !scope.jumpTargets().isEmpty();
                default -> true;
            };
            if (fits) {
                fitting.add(kind);
            }
        }
        int ticket = random.nextInt(fitting.stream().mapToInt(kind -> kind.weight).sum());
        for (Kind kind : fitting) {
            ticket -= kind.weight;
            if (ticket < 0) {
                return kind;
            }
        }
        throw new AssertionError("weights add up to more than their sum");
    }

    // ---------------------------------------------------------------------------------------------
    // Simple statements

    /** {@code T v = e;}, sometimes {@code final}, so that lambdas may capture it. */
    private Statement declaration(GenerationScope scope, int depth) {
        ValueType type = expressions.anyType();
        String name = scope.freshName("v");
        Expression initial = expressions.of(type, scope, depth);
        boolean isFinal = random.nextInt(5) == 0;
        scope.declare(name, type, !isFinal, isFinal);
        VariableDeclarationExpr declaration = new VariableDeclarationExpr(new VariableDeclarator(type.syntax(), name, initial));
        if (isFinal) {
            declaration.addModifier(Modifier.Keyword.FINAL);
        }
        return statement(declaration);
    }

    /**
     * {@code Callable<Coroutine<R>> f = () -> { ...; return result(e); };}: an async lambda, which
     * the weaver weaves like an {@code @Async} method, reading what it captured. Often awaited at
     * once, {@code note(await(f.call()));}, and maybe again by later expressions.
     */
    private void addLambda(NodeList<Statement> into, GenerationScope scope, int nesting) {
        ValueType returnType = expressions.anyType();
        String name = scope.freshName("f");
        GenerationScope body = scope.lambdaBody();
        StatementGenerator bodyGenerator = new StatementGenerator(random, expressions,
                new MethodSignature(name, returnType, List.of()), MAX_NESTED_STATEMENTS);
        NodeList<Statement> statements = new NodeList<>();
        bodyGenerator.addStatements(statements, body, 1 + random.nextInt(MAX_NESTED_STATEMENTS), nesting + 1);
        statements.add(new ReturnStmt(call("result", expressions.of(returnType, body, 2))));
        scope.declareLambda(name, returnType);
        ClassOrInterfaceType type = new ClassOrInterfaceType(null, "Callable").setTypeArguments(returnType.coroutineSyntax());
        into.add(statement(new VariableDeclarationExpr(new VariableDeclarator(type, name,
                new LambdaExpr(new NodeList<>(), new BlockStmt(statements))))));
        if (random.nextBoolean()) {
            scope.mayThrowChecked = true; // Callable.call() throws Exception
            into.add(statement(call("note", call("await", call(name(name), "call")))));
        }
    }

    /** An array of {@value GenerationScope#ARRAY_LENGTH} elements: created empty (not for strings, which would be null), or initialised. */
    private Statement arrayDeclaration(GenerationScope scope, int depth) {
        ValueType elementType = expressions.anyType();
        String name = scope.freshName("a");
        Expression initial;
        if (elementType != ValueType.STRING && random.nextBoolean()) {
            Expression length = random.nextBoolean()
                    ? intLiteral(GenerationScope.ARRAY_LENGTH)
                    : call("await", expressions.pick(AwaitShape.LATER, AwaitShape.NOW, AwaitShape.DONE)
                            .awaitable(intLiteral(GenerationScope.ARRAY_LENGTH)));
            initial = new ArrayCreationExpr(elementType.syntax(), new NodeList<>(new ArrayCreationLevel(length)), null);
        } else {
            NodeList<Expression> elements = new NodeList<>();
            for (int index = 0; index < GenerationScope.ARRAY_LENGTH; index++) {
                elements.add(expressions.of(elementType, scope, depth - 1));
            }
            initial = new ArrayInitializerExpr(elements);
        }
        scope.declareArray(name, elementType);
        return statement(new VariableDeclarationExpr(new VariableDeclarator(new ArrayType(elementType.syntax()), name, initial)));
    }

    private Statement assignment(GenerationScope scope, int depth) {
        List<GenerationScope.Variable> variables = scope.assignableVariables();
        if (variables.isEmpty()) {
            return declaration(scope, depth);
        }
        GenerationScope.Variable variable = expressions.pick(variables);
        if (variable.type().isNumeric() && random.nextInt(6) == 0) {
            return statement(new UnaryExpr(name(variable.name()), expressions.pick(UnaryExpr.Operator.POSTFIX_INCREMENT,
                    UnaryExpr.Operator.PREFIX_DECREMENT)));
        }
        return statement(update(name(variable.name()), variable.type(), scope, depth));
    }

    private Statement arrayStore(GenerationScope scope, int depth) {
        List<GenerationScope.ArrayVariable> arrays = scope.arrays();
        if (arrays.isEmpty()) {
            return arrayDeclaration(scope, depth);
        }
        GenerationScope.ArrayVariable array = expressions.pick(arrays);
        return statement(update(element(array.name(), expressions.index(scope, depth)), array.elementType(), scope, depth));
    }

    /**
     * {@code target = e} or {@code target op= e}. Strings are clipped when assigned and grow only by
     * bounded amounts, so that loops cannot make them huge.
     */
    private Expression update(Expression target, ValueType type, GenerationScope scope, int depth) {
        if (type == ValueType.STRING) {
            return random.nextBoolean()
                    ? new AssignExpr(target, call("clip", expressions.of(type, scope, depth)), AssignExpr.Operator.ASSIGN)
                    : new AssignExpr(target, expressions.boundedString(scope, depth), AssignExpr.Operator.PLUS);
        }
        if (type == ValueType.BOOLEAN) {
            return new AssignExpr(target, expressions.of(type, scope, depth), expressions.pick(AssignExpr.Operator.ASSIGN,
                    AssignExpr.Operator.BINARY_AND, AssignExpr.Operator.BINARY_OR, AssignExpr.Operator.XOR));
        }
        switch (random.nextInt(type.isIntegral() ? 4 : 3)) {
            case 0:
                return new AssignExpr(target, expressions.of(type, scope, depth), AssignExpr.Operator.ASSIGN);
            case 1:
                return new AssignExpr(target, expressions.of(expressions.pick(ValueType.NUMERIC), scope, depth),
                        expressions.pick(AssignExpr.Operator.PLUS, AssignExpr.Operator.MINUS, AssignExpr.Operator.MULTIPLY));
            case 2: {
                ValueType divisorType = expressions.pick(ValueType.NUMERIC);
                return new AssignExpr(target, expressions.divisor(divisorType, scope, depth),
                        expressions.pick(AssignExpr.Operator.DIVIDE, AssignExpr.Operator.REMAINDER));
            }
            default:
                return new AssignExpr(target, expressions.of(expressions.pick(ValueType.INTEGRAL), scope, depth),
                        expressions.pick(AssignExpr.Operator.BINARY_AND, AssignExpr.Operator.BINARY_OR, AssignExpr.Operator.XOR,
                                AssignExpr.Operator.LEFT_SHIFT, AssignExpr.Operator.SIGNED_RIGHT_SHIFT,
                                AssignExpr.Operator.UNSIGNED_RIGHT_SHIFT));
        }
    }

    /** {@code text.append(a)} or {@code text.append(a).append(b)}. */
    private Statement append(GenerationScope scope, int depth) {
        Expression appended = call(name(ExpressionGenerator.TEXT), "append", appendable(scope, depth));
        if (random.nextBoolean()) {
            appended = call(appended, "append", appendable(scope, depth));
        }
        return statement(appended);
    }

    /** An argument for {@code append}, unboxed if it may be boxed (see {@link ExpressionGenerator#unboxed}). */
    private Expression appendable(GenerationScope scope, int depth) {
        ValueType type = expressions.anyType();
        return expressions.unboxed(expressions.of(type, scope, depth), type);
    }

    /** {@code await(m(...))} or {@code await(createTask(m(...)))}, the result dropped. */
    private Statement awaitedCall(GenerationScope scope, int depth) {
        Expression call = expressions.coroutineCall(expressions.pick(expressions.callable()), scope, depth);
        return statement(call("await", random.nextInt(3) == 0 ? call("createTask", call) : call));
    }

    // ---------------------------------------------------------------------------------------------
    // Control flow

    private Statement ifStatement(GenerationScope scope, int depth, int nesting) {
        Expression condition = expressions.of(ValueType.BOOLEAN, scope, depth);
        BlockStmt then = nestedBlock(scope, nesting + 1);
        int shape = random.nextInt(3);
        if (shape == 0) {
            return new IfStmt(condition, then, null);
        }
        Statement otherwise = shape == 1 || nesting + 1 >= MAX_NESTING
                ? nestedBlock(scope, nesting + 1)
                : ifStatement(scope, depth, nesting + 1);
        return new IfStmt(condition, then, otherwise);
    }

    private void addLoop(NodeList<Statement> into, GenerationScope scope, int depth, int nesting) {
        String label = random.nextInt(3) == 0 ? scope.freshName("L") : null;
        List<GenerationScope.ArrayVariable> arrays = scope.arrays();
        int kind = random.nextInt(arrays.isEmpty() ? 3 : 4);
        Statement loop = switch (kind) {
            case 0 -> forLoop(scope, depth, nesting, label);
            case 1 -> whileLoop(into, scope, depth, nesting, label);
            case 2 -> doLoop(into, scope, depth, nesting, label);
            default -> forEachLoop(expressions.pick(arrays), scope, nesting, label);
        };
        into.add(label == null ? loop : new LabeledStmt(label, loop));
    }

    /** {@code for (int i = 0; i < bound; i++)}, where the start, bound and step may be awaited. */
    private Statement forLoop(GenerationScope scope, int depth, int nesting, String label) {
        String counter = scope.freshName("i");
        Expression start = random.nextInt(3) == 0 ? awaitedConstant(0) : intLiteral(0);
        Expression condition = boundCheck(counter, scope, depth);
        Expression step = random.nextInt(4) == 0
                ? new AssignExpr(name(counter), awaitedConstant(1), AssignExpr.Operator.PLUS)
                : new UnaryExpr(name(counter), UnaryExpr.Operator.POSTFIX_INCREMENT);
        GenerationScope.Mark mark = scope.mark();
        scope.declare(counter, ValueType.INT, false, false);
        BlockStmt body = loopBody(scope, nesting, label, new NodeList<>());
        scope.restore(mark);
        return new ForStmt(new NodeList<>(new VariableDeclarationExpr(
                new VariableDeclarator(ValueType.INT.syntax(), counter, start))), condition, new NodeList<>(step), body);
    }

    /** {@code int w = 0; while (w < bound) { w++; ... }}: the counter counts first, so continue cannot skip it. */
    private Statement whileLoop(NodeList<Statement> into, GenerationScope scope, int depth, int nesting, String label) {
        String counter = declareCounter(into, scope, "w");
        Expression condition = boundCheck(counter, scope, depth);
        return new WhileStmt(condition, loopBody(scope, nesting, label, counting(counter)));
    }

    /** {@code int d = 0; do { d++; ... } while (d < bound);}. */
    private Statement doLoop(NodeList<Statement> into, GenerationScope scope, int depth, int nesting, String label) {
        String counter = declareCounter(into, scope, "d");
        BlockStmt body = loopBody(scope, nesting, label, counting(counter));
        return new DoStmt(body, boundCheck(counter, scope, depth));
    }

    private Statement forEachLoop(GenerationScope.ArrayVariable array, GenerationScope scope, int nesting, String label) {
        String element = scope.freshName("x");
        GenerationScope.Mark mark = scope.mark();
        scope.declare(element, array.elementType(), false, true);
        BlockStmt body = loopBody(scope, nesting, label, new NodeList<>());
        scope.restore(mark);
        return new ForEachStmt(new VariableDeclarationExpr(array.elementType().syntax(), element), name(array.name()), body);
    }

    private String declareCounter(NodeList<Statement> into, GenerationScope scope, String prefix) {
        String counter = scope.freshName(prefix);
        into.add(statement(new VariableDeclarationExpr(new VariableDeclarator(ValueType.INT.syntax(), counter, intLiteral(0)))));
        scope.declare(counter, ValueType.INT, false, false);
        return counter;
    }

    private static NodeList<Statement> counting(String counter) {
        return new NodeList<>(statement(new UnaryExpr(name(counter), UnaryExpr.Operator.POSTFIX_INCREMENT)));
    }

    /** {@code counter < bound}, the bound maybe awaited, sometimes with a further condition that may await. */
    private Expression boundCheck(String counter, GenerationScope scope, int depth) {
        int bound = random.nextInt(MAX_LOOP_BOUND + 1);
        Expression check = binary(name(counter), Operator.LESS, random.nextInt(4) == 0 ? awaitedConstant(bound) : intLiteral(bound));
        if (random.nextInt(4) > 0) {
            return check;
        }
        Expression further = expressions.of(ValueType.BOOLEAN, scope, depth);
        return random.nextBoolean() ? binary(check, Operator.AND, further) : binary(further, Operator.AND, check);
    }

    /** The body of a loop: a step (see {@link ProgramSupport#step()}), {@code first}, then generated statements. */
    private BlockStmt loopBody(GenerationScope scope, int nesting, String label, NodeList<Statement> first) {
        first.addFirst(statement(call("step")));
        scope.enter(new GenerationScope.JumpTarget(label, true));
        try {
            return nestedBlock(scope, nesting + 1, first);
        } finally {
            scope.leave();
        }
    }

    /** {@code await(later(value))} or another awaitable of a constant that does not fail. */
    private Expression awaitedConstant(int value) {
        AwaitShape shape = expressions.pick(AwaitShape.LATER, AwaitShape.NOW, AwaitShape.DONE, AwaitShape.SLEEP_THEN_VALUE);
        return call("await", shape.awaitable(intLiteral(value)));
    }

    private Statement switchStatement(GenerationScope scope, int depth, int nesting) {
        boolean onStrings = random.nextInt(3) == 0;
        Expression selector;
        List<Expression> labels = new ArrayList<>();
        if (onStrings) {
            selector = random.nextBoolean()
                    ? expressions.of(ValueType.STRING, scope, depth)
                    : call(name("String"), "valueOf", Syntax.cast(ValueType.CHAR.syntax(), binary(new CharLiteralExpr('a'),
                            Operator.PLUS, binary(expressions.of(ValueType.INT, scope, depth), Operator.BINARY_AND, intLiteral(3)))));
            for (String label : distinct(SWITCH_STRINGS, 1 + random.nextInt(4))) {
                labels.add(string(label));
            }
        } else {
            selector = random.nextBoolean()
                    ? binary(expressions.of(ValueType.INT, scope, depth), Operator.BINARY_AND, intLiteral(7))
                    : expressions.of(ValueType.INT, scope, depth);
            for (int label : distinct(List.of(-1, 0, 1, 2, 3, 4, 5, 6, 7), 1 + random.nextInt(4))) {
                labels.add(intLiteral(label));
            }
        }
        scope.enter(new GenerationScope.JumpTarget(null, false));
        NodeList<SwitchEntry> entries = new NodeList<>();
        try {
            for (Expression label : labels) {
                entries.add(switchEntry(new NodeList<>(label), scope, nesting));
            }
            if (random.nextBoolean()) {
                entries.add(random.nextBoolean() ? entries.size() : random.nextInt(entries.size() + 1),
                        switchEntry(new NodeList<>(), scope, nesting));
            }
        } finally {
            scope.leave();
        }
        return new SwitchStmt(selector, entries);
    }

    /** {@code case label: { ... } break;}, or without the break (falling through), or with no body at all. */
    private SwitchEntry switchEntry(NodeList<Expression> labels, GenerationScope scope, int nesting) {
        NodeList<Statement> statements = new NodeList<>();
        if (random.nextInt(5) > 0) {
            statements.add(nestedBlock(scope, nesting + 1));
        }
        if (random.nextInt(4) > 0) {
            statements.add(new BreakStmt());
        }
        return new SwitchEntry(labels, SwitchEntry.Type.STATEMENT_GROUP, statements);
    }

    private <T> List<T> distinct(List<T> choices, int count) {
        List<T> remaining = new ArrayList<>(choices);
        List<T> chosen = new ArrayList<>();
        while (chosen.size() < count && !remaining.isEmpty()) {
            chosen.add(remaining.remove(random.nextInt(remaining.size())));
        }
        return chosen;
    }

    /**
     * try with catch clauses in an order javac accepts (multi-catch among unrelated types) and
     * maybe finally. {@code CheckedFailure} is caught only where the try block may throw a checked
     * exception, as javac requires.
     */
    private Statement tryStatement(GenerationScope scope, int nesting) {
        boolean enclosingMayThrowChecked = scope.mayThrowChecked;
        scope.tryDepth++;
        scope.mayThrowChecked = false;
        BlockStmt tryBlock = nestedBlock(scope, nesting + 1);
        boolean tryBlockMayThrowChecked = scope.mayThrowChecked;

        List<ExceptionType> caught = new ArrayList<>();
        for (int count = random.nextInt(4); caught.size() < count; ) {
            ExceptionType type = expressions.pick(ExceptionType.values());
            if (!type.isChecked() || tryBlockMayThrowChecked) {
                caught.add(type);
            }
        }
        boolean handlersMayThrowChecked = false;
        boolean checkedMayBeCaught = false; // then say the try statement does not throw them: javac may agree
        NodeList<CatchClause> clauses = new NodeList<>();
        for (List<ExceptionType> clause : ExceptionType.clauses(caught, () -> random.nextInt(3) == 0)) {
            checkedMayBeCaught |= clause.stream().anyMatch(ExceptionType::catchesChecked);
            scope.mayThrowChecked = false;
            clauses.add(catchClause(clause, scope, nesting));
            handlersMayThrowChecked |= scope.mayThrowChecked;
        }
        BlockStmt finallyBlock = null;
        if (clauses.isEmpty() || random.nextInt(5) < 2) {
            scope.mayThrowChecked = false;
            finallyBlock = nestedBlock(scope, nesting + 1, new NodeList<>(statement(call("note", string("finally")))));
            handlersMayThrowChecked |= scope.mayThrowChecked;
        }
        scope.tryDepth--;
        scope.mayThrowChecked = enclosingMayThrowChecked || handlersMayThrowChecked
                || (tryBlockMayThrowChecked && !checkedMayBeCaught);
        return new TryStmt(tryBlock, clauses, finallyBlock);
    }

    private CatchClause catchClause(List<ExceptionType> types, GenerationScope scope, int nesting) {
        String name = scope.freshName("e");
        NodeList<ReferenceType> alternatives = new NodeList<>();
        for (ExceptionType type : types) {
            alternatives.add(new ClassOrInterfaceType(null, type.simpleName));
        }
        Type parameterType = alternatives.size() == 1 ? alternatives.get(0) : new UnionType(alternatives);
        GenerationScope.Mark mark = scope.mark();
        scope.declareCaught(name);
        Expression noted = random.nextBoolean() ? name(name) : call(name(name), "getMessage");
        BlockStmt body = nestedBlock(scope, nesting + 1, new NodeList<>(statement(call("note", noted))));
        scope.restore(mark);
        return new CatchClause(new Parameter(parameterType, name), body);
    }

    /** {@code if (c) { break; }} and the like, to any target in reach, labelled or not. */
    private Statement jump(GenerationScope scope, int depth) {
        List<Supplier<Statement>> jumps = new ArrayList<>();
        List<GenerationScope.JumpTarget> targets = scope.jumpTargets();
        jumps.add(BreakStmt::new);
        if (scope.loopDepth > 0) {
            jumps.add(ContinueStmt::new);
        }
        for (GenerationScope.JumpTarget target : targets) {
            if (target.label() != null) {
                jumps.add(() -> new BreakStmt(new SimpleName(target.label())));
                jumps.add(() -> new ContinueStmt(new SimpleName(target.label())));
            }
        }
        return guarded(expressions.pick(jumps).get(), scope, depth, false);
    }

    /**
     * {@code if (c) { return result(e); }}; outside try statements sometimes
     * {@code return m(...);}, which delegates to another coroutine (inside one, the synchronous twin
     * would run {@code m} before the finally blocks, and the coroutine after them).
     */
    private Statement conditionalReturn(GenerationScope scope, int depth) {
        List<MethodSignature> delegates = expressions.callable().stream()
                .filter(other -> other.returnType() == method.returnType()).toList();
        Expression returned = scope.tryDepth == 0 && !delegates.isEmpty() && random.nextInt(3) == 0
                ? expressions.coroutineCall(expressions.pick(delegates), scope, depth)
                : call("result", expressions.of(method.returnType(), scope, depth));
        return guarded(new ReturnStmt(returned), scope, depth, true);
    }

    /** {@code if (c) { throw new X("..."); }}, or inside a catch block, sometimes a rethrow of what it caught. */
    private Statement conditionalThrow(GenerationScope scope, int depth) {
        List<String> caught = scope.caughtExceptions();
        Expression thrown;
        if (!caught.isEmpty() && random.nextInt(3) == 0) {
            thrown = name(expressions.pick(caught));
        } else if (random.nextInt(8) == 0) {
            scope.mayThrowChecked = true;
            thrown = expressions.newException(ExceptionType.CHECKED_FAILURE, scope, depth);
        } else {
            thrown = expressions.newException(expressions.pick(ExceptionType.THROWN), scope, depth);
        }
        return guarded(new ThrowStmt(thrown), scope, depth, true);
    }

    /**
     * {@code if (condition) { [note(...);] jump }}: javac then sees code after it as reachable. A
     * {@code rare} jump, one that leaves the method, has two conditions, so that most methods run
     * to their end.
     */
    private Statement guarded(Statement jump, GenerationScope scope, int depth, boolean rare) {
        BlockStmt then = random.nextBoolean()
                ? block(jump)
                : block(statement(call("note", expressions.of(expressions.anyType(), scope, depth))), jump);
        Expression condition = expressions.of(ValueType.BOOLEAN, scope, depth);
        if (rare) {
            condition = binary(condition, Operator.AND, expressions.of(ValueType.BOOLEAN, scope, depth));
        }
        return ifThen(condition, then);
    }
}
