// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver.fuzz;

import static io.jasyncio.weaver.fuzz.Syntax.binary;
import static io.jasyncio.weaver.fuzz.Syntax.call;
import static io.jasyncio.weaver.fuzz.Syntax.cast;
import static io.jasyncio.weaver.fuzz.Syntax.conditional;
import static io.jasyncio.weaver.fuzz.Syntax.constant;
import static io.jasyncio.weaver.fuzz.Syntax.element;
import static io.jasyncio.weaver.fuzz.Syntax.intLiteral;
import static io.jasyncio.weaver.fuzz.Syntax.name;
import static io.jasyncio.weaver.fuzz.Syntax.string;
import static io.jasyncio.weaver.fuzz.Syntax.unary;

import com.github.javaparser.ast.ArrayCreationLevel;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BinaryExpr.Operator;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SwitchExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.YieldStmt;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Generates typed expressions for a generated method: literals, variables and array elements,
 * operators of every primitive type, library calls that may overflow or throw, string building,
 * constructor calls, conditionals and switch expressions. Every expression has exactly the static
 * type asked for, so both twins compile, and any sub-expression may be an {@code await}. Awaited
 * values are boxed; where boxing would change the meaning (reference equality) or not compile
 * (narrowing casts, overloads that become ambiguous), the value is unboxed first with a cast.
 */
final class ExpressionGenerator {
    /** Name of the {@code StringBuilder} that every generated method declares first. */
    static final String TEXT = "text";

    /** Percent of expressions, where depth allows, that are awaits. */
    private static final int AWAIT_PERCENT = 20;

    /** Percent of expressions, where depth allows more, that are leaves anyway. */
    private static final int LEAF_PERCENT = 30;

    /** The strings that literals and arguments take. */
    static final List<String> STRING_LITERALS = List.of("", "a", "bc", "xyz", "hello", "7", "-1", "a b", "Zz");

    private final SplittableRandom random;

    /**
     * The generated methods that the method being generated may await: those before it and itself.
     * Recursion ends when the fuel does (see {@link ProgramSupport#outOfFuel()}).
     */
    private List<MethodSignature> callable = List.of();

    /**
     * While set, string expressions read no string variable, array element or coroutine result:
     * what {@code s += e} appends in a loop then has a bounded length, so strings grow linearly.
     */
    private boolean boundedStrings;

    /** Numbers the messages of thrown exceptions, so a trace shows which throw ran. */
    private int thrownCount;

    ExpressionGenerator(SplittableRandom random) {
        this.random = random;
    }

    /** Lets awaits call {@code methods} from now on. */
    void callable(List<MethodSignature> methods) {
        callable = List.copyOf(methods);
    }

    List<MethodSignature> callable() {
        return callable;
    }

    /** An expression of {@code type}, at most {@code depth} operators deep. */
    Expression of(ValueType type, GenerationScope scope, int depth) {
        if (depth > 0 && percent(AWAIT_PERCENT)) {
            return awaited(type, scope, depth - 1);
        }
        if (depth <= 0 || percent(LEAF_PERCENT)) {
            return leaf(type, scope);
        }
        int operandDepth = depth - 1;
        // Not boolean ones: javac 17.0.15 crashes on some in conditions, as in
        // "if ((c ? true : switch (i) { default -> false; }) && ...)" (ArrayIndexOutOfBoundsException in Code.State.pop).
        if (type != ValueType.BOOLEAN && random.nextInt(25) == 0) {
            return switchExpression(type, scope, operandDepth);
        }
        return switch (type) {
            case BOOLEAN -> booleanExpression(scope, operandDepth);
            case BYTE, SHORT, CHAR -> narrowExpression(type, scope, operandDepth);
            case INT, LONG -> integerExpression(type, scope, operandDepth);
            case FLOAT, DOUBLE -> floatingExpression(type, scope, operandDepth);
            case STRING -> stringExpression(scope, operandDepth);
        };
    }

    /** A string expression whose length does not depend on any string variable: safe to append in a loop. */
    Expression boundedString(GenerationScope scope, int depth) {
        boolean outer = boundedStrings;
        boundedStrings = true;
        try {
            return of(ValueType.STRING, scope, depth);
        } finally {
            boundedStrings = outer;
        }
    }

    /** {@code await(x)} where {@code x} yields a value of {@code type}, suspending or not, or throws. */
    Expression awaited(ValueType type, GenerationScope scope, int depth) {
        boolean mustStayBounded = boundedStrings && type == ValueType.STRING;
        List<MethodSignature> calls = mustStayBounded ? List.of()
                : callable.stream().filter(method -> method.returnType() == type).toList();
        List<GenerationScope.CoroutineLambda> lambdas = mustStayBounded ? List.of() : scope.lambdas(type);
        int callChoices = calls.isEmpty() ? 0 : 4;
        int choice = random.nextInt(12 + callChoices + (lambdas.isEmpty() ? 0 : 2));
        MethodCallExpr awaitable;
        boolean callsGeneratedMethod = false;
        if (choice >= 12) {
            if (choice - 12 < callChoices) {
                awaitable = coroutineCall(pick(calls), scope, depth);
                callsGeneratedMethod = true;
            } else {
                scope.mayThrowChecked = true; // Callable.call() throws Exception
                awaitable = call(name(pick(lambdas).name()), "call");
            }
            if (random.nextInt(4) == 0) {
                awaitable = call("createTask", awaitable);
            }
        } else {
            AwaitShape shape = switch (choice) {
                case 0, 1, 2, 3 -> AwaitShape.LATER;
                case 4, 5 -> AwaitShape.NOW;
                case 6, 7 -> AwaitShape.DONE;
                case 8 -> AwaitShape.SLEEP_THEN_VALUE;
                case 9 -> AwaitShape.LATER_OR_FAIL;
                case 10 -> AwaitShape.DONE_OR_FAILED;
                default -> AwaitShape.LATER_OR_FAIL_CHECKED;
            };
            awaitable = awaitable(shape, of(type, scope, depth), scope, depth);
        }
        Expression awaited = call("await", awaitable);
        return callsGeneratedMethod && type == ValueType.STRING ? call("clip", awaited) : awaited;
    }

    private MethodCallExpr awaitable(AwaitShape shape, Expression value, GenerationScope scope, int depth) {
        if (!shape.mayFail()) {
            return shape.awaitable(value);
        }
        Expression fail = failCondition(scope, depth);
        if (shape == AwaitShape.LATER_OR_FAIL_CHECKED) {
            scope.mayThrowChecked = true;
            return shape.awaitable(fail, message(scope, depth), value);
        }
        return shape.awaitable(fail, newException(pick(ExceptionType.THROWN), scope, depth), value);
    }

    /**
     * A call of the generated coroutine {@code method} with generated arguments. Strings passed and
     * strings returned by such calls are clipped: calls recurse, and {@code m(s + s)} or
     * {@code await(m()) + await(m())} would otherwise double a string at every level.
     */
    MethodCallExpr coroutineCall(MethodSignature method, GenerationScope scope, int depth) {
        scope.mayThrowChecked = true; // generated methods declare "throws Exception"
        NodeList<Expression> arguments = new NodeList<>();
        for (ValueType parameter : method.parameterTypes()) {
            Expression argument = of(parameter, scope, depth);
            arguments.add(parameter == ValueType.STRING ? call("clip", argument) : argument);
        }
        return new MethodCallExpr(null, method.name(), arguments);
    }

    /** {@code new Type(message)}, an exception to throw. */
    Expression newException(ExceptionType type, GenerationScope scope, int depth) {
        return new ObjectCreationExpr(null, new ClassOrInterfaceType(null, type.simpleName),
                new NodeList<>(message(scope, depth)));
    }

    /** A message that names the throw site, sometimes with a computed part. */
    Expression message(GenerationScope scope, int depth) {
        Expression site = string("x" + ++thrownCount);
        return percent(40) ? binary(site, Operator.PLUS, of(anyType(), scope, depth)) : site;
    }

    /** When a failing awaitable fails: mostly never, rarely always, sometimes as computed. */
    private Expression failCondition(GenerationScope scope, int depth) {
        int choice = random.nextInt(20);
        if (choice < 13) {
            return new BooleanLiteralExpr(false);
        }
        return choice < 14 ? new BooleanLiteralExpr(true) : of(ValueType.BOOLEAN, scope, depth);
    }

    /** An array index: mostly in bounds, sometimes computed, rarely out of bounds. */
    Expression index(GenerationScope scope, int depth) {
        int choice = random.nextInt(40);
        if (choice == 0) {
            return intLiteral(random.nextBoolean() ? GenerationScope.ARRAY_LENGTH : -1);
        }
        if (choice < 20) {
            return intLiteral(random.nextInt(GenerationScope.ARRAY_LENGTH));
        }
        return binary(of(ValueType.INT, scope, depth), Operator.BINARY_AND, intLiteral(GenerationScope.ARRAY_LENGTH - 1));
    }

    /**
     * {@code expression}, unboxed to {@code type} if it may be a boxed value: an await, or a
     * conditional with an await for an operand (which makes it a reference conditional, as the
     * await is a generic call). {@code ==} would otherwise compare references, a narrowing cast
     * would not compile, and javac would find overloads such as {@code append(int)} and
     * {@code append(Object)} equally fit.
     */
    Expression unboxed(Expression expression, ValueType type) {
        return type != ValueType.STRING && mayBeBoxed(expression) ? cast(type.syntax(), expression) : expression;
    }

    private static boolean mayBeBoxed(Expression expression) {
        if (expression instanceof EnclosedExpr enclosed) {
            return mayBeBoxed(enclosed.getInner());
        }
        if (expression instanceof ConditionalExpr conditional) {
            return mayBeBoxed(conditional.getThenExpr()) || mayBeBoxed(conditional.getElseExpr());
        }
        if (expression instanceof SwitchExpr choice) { // like a conditional: boxed if its results are
            return choice.findAll(YieldStmt.class).stream().anyMatch(yield -> mayBeBoxed(yield.getExpression()))
                    || choice.getEntries().stream().filter(entry -> entry.getType() == SwitchEntry.Type.EXPRESSION)
                            .anyMatch(entry -> mayBeBoxed(((ExpressionStmt) entry.getStatements().get(0)).getExpression()));
        }
        return expression instanceof MethodCallExpr call && call.getScope().isEmpty()
                && call.getNameAsString().equals("await");
    }

    // ---------------------------------------------------------------------------------------------
    // Leaves

    private Expression leaf(ValueType type, GenerationScope scope) {
        boolean readsStrings = !(boundedStrings && type == ValueType.STRING);
        List<GenerationScope.Variable> variables = readsStrings ? scope.variables(type) : List.of();
        List<GenerationScope.ArrayVariable> arrays = readsStrings ? scope.arrays(type) : List.of();
        int choice = random.nextInt(10);
        if (choice < 5 && !variables.isEmpty()) {
            return name(pick(variables).name());
        }
        if (choice < 7 && !arrays.isEmpty()) {
            return element(pick(arrays).name(), index(scope, 0));
        }
        if (choice == 7 && type == ValueType.INT) {
            List<GenerationScope.ArrayVariable> anyArrays = scope.arrays();
            return anyArrays.isEmpty() || random.nextBoolean()
                    ? call(name(TEXT), "length")
                    : new FieldAccessExpr(name(pick(anyArrays).name()), "length");
        }
        if (choice == 7 && type == ValueType.STRING && !scope.caughtExceptions().isEmpty()) {
            Expression caught = name(pick(scope.caughtExceptions()));
            return random.nextBoolean() // clipped: a message may be made of messages, level after level
                    ? call("clip", call(name("String"), "valueOf", call(caught, "getMessage")))
                    : call(call(caught, "getClass"), "getSimpleName");
        }
        return literal(type);
    }

    /** A literal of {@code type}: mostly small values, sometimes extremes that overflow. */
    Expression literal(ValueType type) {
        int choice = random.nextInt(20);
        return switch (type) {
            case BOOLEAN -> new BooleanLiteralExpr(random.nextBoolean());
            case BYTE -> cast(type.syntax(), intLiteral(choice < 16 ? random.nextInt(-3, 13) : random.nextInt(-128, 128)));
            case SHORT -> cast(type.syntax(), intLiteral(choice < 16 ? random.nextInt(-3, 13)
                    : random.nextInt(Short.MIN_VALUE, Short.MAX_VALUE + 1)));
            case CHAR -> new CharLiteralExpr((char) (random.nextBoolean() ? 'a' + random.nextInt(26) : '0' + random.nextInt(10)));
            case INT -> choice < 12 ? intLiteral(random.nextInt(-3, 13))
                    : choice < 16 ? intLiteral(random.nextInt(-1000, 1000))
                    : choice < 18 ? intLiteral(random.nextInt())
                    : constant("Integer", random.nextBoolean() ? "MAX_VALUE" : "MIN_VALUE");
            case LONG -> choice < 12 ? longLiteral(random.nextInt(-3, 13))
                    : choice < 16 ? longLiteral(random.nextLong(-100_000, 100_000))
                    : choice < 18 ? longLiteral(random.nextLong(-Long.MAX_VALUE, Long.MAX_VALUE))
                    : constant("Long", random.nextBoolean() ? "MAX_VALUE" : "MIN_VALUE");
            case FLOAT -> choice < 17 ? floatingLiteral(Float.toString(random.nextInt(-20, 40) / 4f) + "f")
                    : constant("Float", pick(List.of("MAX_VALUE", "MIN_VALUE", "NaN", "POSITIVE_INFINITY")));
            case DOUBLE -> choice < 16 ? floatingLiteral(Double.toString(random.nextInt(-40, 80) / 8.0))
                    : choice < 18 ? floatingLiteral("1.0E300")
                    : constant("Double", pick(List.of("MAX_VALUE", "NaN", "NEGATIVE_INFINITY")));
            case STRING -> string(pick(STRING_LITERALS));
        };
    }

    private static Expression longLiteral(long value) {
        Expression literal = new LongLiteralExpr(value + "L");
        return value < 0 ? new EnclosedExpr(literal) : literal;
    }

    private static Expression floatingLiteral(String text) {
        Expression literal = new DoubleLiteralExpr(text);
        return text.startsWith("-") ? new EnclosedExpr(literal) : literal;
    }

    // ---------------------------------------------------------------------------------------------
    // Operators, by result type

    private Expression integerExpression(ValueType type, GenerationScope scope, int depth) {
        List<ValueType> narrower = type == ValueType.INT
                ? List.of(ValueType.INT, ValueType.SHORT, ValueType.BYTE, ValueType.CHAR)
                : List.of(ValueType.LONG, ValueType.INT, ValueType.SHORT);
        switch (random.nextInt(11)) {
            case 0, 1:
                return arithmetic(type, pick(narrower), pick(Operator.PLUS, Operator.MINUS, Operator.MULTIPLY), scope, depth);
            case 2:
                return binary(of(type, scope, depth), pick(Operator.DIVIDE, Operator.REMAINDER),
                        divisor(pick(narrower), scope, depth));
            case 3:
                return arithmetic(type, pick(narrower), pick(Operator.BINARY_AND, Operator.BINARY_OR, Operator.XOR),
                        scope, depth);
            case 4:
                return binary(of(type, scope, depth),
                        pick(Operator.LEFT_SHIFT, Operator.SIGNED_RIGHT_SHIFT, Operator.UNSIGNED_RIGHT_SHIFT),
                        of(pick(ValueType.INTEGRAL), scope, depth));
            case 5:
                return unary(pick(UnaryExpr.Operator.MINUS, UnaryExpr.Operator.BITWISE_COMPLEMENT), of(type, scope, depth));
            case 6:
                return conditionalOf(type, scope, depth);
            case 7:
                return castFrom(type, pick(type == ValueType.INT
                        ? List.of(ValueType.LONG, ValueType.FLOAT, ValueType.DOUBLE)
                        : List.of(ValueType.FLOAT, ValueType.DOUBLE)), scope, depth);
            case 8:
                return type == ValueType.INT ? intLibraryCall(scope, depth) : longLibraryCall(scope, depth);
            case 9:
                return increment(type, scope).orElseGet(() -> of(type, scope, depth));
            default:
                if (type == ValueType.INT) {
                    List<ValueType> small = List.of(ValueType.SHORT, ValueType.BYTE, ValueType.CHAR);
                    return arithmetic(pick(small), pick(small), pick(Operator.PLUS, Operator.MINUS, Operator.MULTIPLY),
                            scope, depth);
                }
                return binary(castFrom(type, ValueType.INT, scope, depth), Operator.MULTIPLY, of(ValueType.INT, scope, depth));
        }
    }

    private Expression intLibraryCall(GenerationScope scope, int depth) {
        Expression math = name("Math");
        return switch (random.nextInt(7)) {
            case 0 -> call(math, "addExact", of(ValueType.INT, scope, depth), of(ValueType.INT, scope, depth));
            case 1 -> call(math, "abs", of(ValueType.INT, scope, depth));
            case 2 -> call(math, "max", of(ValueType.INT, scope, depth), of(ValueType.INT, scope, depth));
            case 3 -> call(math, "floorMod", of(ValueType.INT, scope, depth), divisor(ValueType.INT, scope, depth));
            case 4 -> call(name("Integer"), "compare", of(ValueType.INT, scope, depth), of(ValueType.INT, scope, depth));
            case 5 -> call(math, "toIntExact", of(ValueType.LONG, scope, depth));
            default -> call(name("Integer"), "bitCount", of(ValueType.INT, scope, depth));
        };
    }

    private Expression longLibraryCall(GenerationScope scope, int depth) {
        return switch (random.nextInt(4)) {
            case 0 -> call(name("Math"), "multiplyExact", of(ValueType.LONG, scope, depth), of(ValueType.LONG, scope, depth));
            case 1 -> call(name("Long"), "rotateLeft", of(ValueType.LONG, scope, depth), of(ValueType.INT, scope, depth));
            case 2 -> call(name("Math"), "min", of(ValueType.LONG, scope, depth), of(ValueType.LONG, scope, depth));
            default -> call(name("Long"), "reverse", of(ValueType.LONG, scope, depth));
        };
    }

    private Expression floatingExpression(ValueType type, GenerationScope scope, int depth) {
        List<ValueType> others = type == ValueType.FLOAT
                ? List.of(ValueType.FLOAT, ValueType.INT, ValueType.LONG, ValueType.SHORT, ValueType.CHAR)
                : List.of(ValueType.DOUBLE, ValueType.FLOAT, ValueType.INT, ValueType.LONG);
        switch (random.nextInt(8)) {
            case 0, 1, 2:
                return arithmetic(type, pick(others),
                        pick(Operator.PLUS, Operator.MINUS, Operator.MULTIPLY, Operator.DIVIDE, Operator.REMAINDER), scope, depth);
            case 3:
                return unary(UnaryExpr.Operator.MINUS, of(type, scope, depth));
            case 4:
                return conditionalOf(type, scope, depth);
            case 5:
                return castFrom(type, pick(type == ValueType.FLOAT
                        ? List.of(ValueType.DOUBLE, ValueType.LONG, ValueType.INT)
                        : List.of(ValueType.FLOAT, ValueType.LONG)), scope, depth);
            case 6:
                if (type == ValueType.FLOAT) {
                    return random.nextBoolean()
                            ? call(name("Math"), pick(List.of("abs", "signum")), of(type, scope, depth))
                            : call(name("Math"), "max", of(type, scope, depth), of(type, scope, depth));
                }
                return call(name("Math"), pick(List.of("sqrt", "floor", "abs")), of(type, scope, depth));
            default:
                return increment(type, scope).orElseGet(() -> of(type, scope, depth));
        }
    }

    private Expression narrowExpression(ValueType type, GenerationScope scope, int depth) {
        switch (random.nextInt(5)) {
            case 0, 1:
                if (type == ValueType.CHAR && random.nextInt(4) > 0) { // printable: 'a' + (i & 15)
                    return cast(type.syntax(), binary(new CharLiteralExpr('a'), Operator.PLUS,
                            binary(of(ValueType.INT, scope, depth), Operator.BINARY_AND, intLiteral(15))));
                }
                return castFrom(type, ValueType.INT, scope, depth);
            case 2:
                return conditionalOf(type, scope, depth);
            case 3:
                if (type == ValueType.CHAR) {
                    return random.nextBoolean()
                            ? call(name("Character"), "toUpperCase", of(type, scope, depth))
                            : call(binary(of(ValueType.STRING, scope, depth), Operator.PLUS, string("ab")), "charAt",
                                    binary(of(ValueType.INT, scope, depth), Operator.BINARY_AND, intLiteral(1)));
                }
                return castFrom(type, ValueType.LONG, scope, depth);
            default:
                return increment(type, scope).orElseGet(() -> of(type, scope, depth));
        }
    }

    private Expression booleanExpression(GenerationScope scope, int depth) {
        switch (random.nextInt(9)) {
            case 0, 1: {
                ValueType compared = pick(ValueType.NUMERIC);
                return binary(of(compared, scope, depth),
                        pick(Operator.LESS, Operator.LESS_EQUALS, Operator.GREATER, Operator.GREATER_EQUALS),
                        of(compared, scope, depth));
            }
            case 2: {
                ValueType compared = random.nextInt(8) == 0 ? ValueType.BOOLEAN : pick(ValueType.NUMERIC);
                return binary(unboxed(of(compared, scope, depth), compared), pick(Operator.EQUALS, Operator.NOT_EQUALS),
                        unboxed(of(compared, scope, depth), compared));
            }
            case 3:
                return binary(of(ValueType.BOOLEAN, scope, depth), pick(Operator.AND, Operator.OR),
                        of(ValueType.BOOLEAN, scope, depth));
            case 4:
                return unary(UnaryExpr.Operator.LOGICAL_COMPLEMENT, of(ValueType.BOOLEAN, scope, depth));
            case 5:
                return binary(of(ValueType.BOOLEAN, scope, depth), pick(Operator.BINARY_AND, Operator.BINARY_OR, Operator.XOR),
                        of(ValueType.BOOLEAN, scope, depth));
            case 6: {
                Expression text = of(ValueType.STRING, scope, depth);
                return random.nextInt(4) == 0
                        ? call(text, "isEmpty")
                        : call(text, pick(List.of("equals", "startsWith", "contains")), of(ValueType.STRING, scope, depth));
            }
            case 7:
                return conditionalOf(ValueType.BOOLEAN, scope, depth);
            default:
                return call(name("Character"), pick(List.of("isLetter", "isDigit")), of(ValueType.CHAR, scope, depth));
        }
    }

    private Expression stringExpression(GenerationScope scope, int depth) {
        switch (random.nextInt(10)) {
            case 0, 1: {
                Expression text = of(ValueType.STRING, scope, depth);
                Expression other = random.nextInt(16) == 0 ? new NullLiteralExpr() : of(anyType(), scope, depth);
                return random.nextBoolean() ? binary(text, Operator.PLUS, other) : binary(other, Operator.PLUS, text);
            }
            case 2: {
                ValueType shown = random.nextBoolean() ? pick(ValueType.NUMERIC) : ValueType.BOOLEAN;
                return call(name("String"), "valueOf", unboxed(of(shown, scope, depth), shown)); // valueOf(Object) would fit too
            }
            case 3:
                return call("clip", of(ValueType.STRING, scope, depth));
            case 4:
                return switch (random.nextInt(4)) {
                    case 0 -> call(name("Integer"), "toHexString", of(ValueType.INT, scope, depth));
                    case 1 -> call(name("Long"), "toString", of(ValueType.LONG, scope, depth), intLiteral(36));
                    case 2 -> call(name("Character"), "toString", of(ValueType.CHAR, scope, depth));
                    default -> call(name("Double"), "toString", of(ValueType.DOUBLE, scope, depth));
                };
            case 5:
                return switch (random.nextInt(5)) {
                    case 0 -> call(of(ValueType.STRING, scope, depth), "toUpperCase");
                    case 1 -> call(of(ValueType.STRING, scope, depth), "trim");
                    case 2 -> call(of(ValueType.STRING, scope, depth), "concat", of(ValueType.STRING, scope, depth));
                    case 3 -> call(binary(of(ValueType.STRING, scope, depth), Operator.PLUS, string("ab")), "substring",
                            binary(of(ValueType.INT, scope, depth), Operator.BINARY_AND, intLiteral(1)));
                    default -> call(of(ValueType.STRING, scope, depth), "replace", new CharLiteralExpr('a'),
                            of(ValueType.CHAR, scope, depth));
                };
            case 6:
                return constructed(scope, depth);
            case 7:
                return conditionalOf(ValueType.STRING, scope, depth);
            case 8: {
                List<GenerationScope.ArrayVariable> arrays = scope.arrays().stream()
                        .filter(array -> !boundedStrings || array.elementType() != ValueType.STRING).toList();
                return arrays.isEmpty()
                        ? literal(ValueType.STRING)
                        : call(name("Arrays"), "toString", name(pick(arrays).name()));
            }
            default:
                return leaf(ValueType.STRING, scope);
        }
    }

    /**
     * A string made by a constructor whose arguments may await, so that the object is created
     * before some of its arguments are evaluated: {@code new X(a, await(b))}.
     */
    private Expression constructed(GenerationScope scope, int depth) {
        switch (random.nextInt(3)) {
            case 0:
                return call(call(new ObjectCreationExpr(null, new ClassOrInterfaceType(null, "StringBuilder"),
                        new NodeList<>(of(ValueType.STRING, scope, depth))), "reverse"), "toString");
            case 1: { // new String(char[], offset, count), all in bounds
                NodeList<Expression> characters = new NodeList<>();
                for (int index = 0; index < 3; index++) {
                    characters.add(of(ValueType.CHAR, scope, depth));
                }
                Expression array = new ArrayCreationExpr(ValueType.CHAR.syntax(), new NodeList<>(new ArrayCreationLevel()),
                        new ArrayInitializerExpr(characters));
                return new ObjectCreationExpr(null, new ClassOrInterfaceType(null, "String"), new NodeList<>(array,
                        binary(of(ValueType.INT, scope, depth), Operator.BINARY_AND, intLiteral(1)),
                        binary(of(ValueType.INT, scope, depth), Operator.BINARY_AND, intLiteral(1))));
            }
            default: { // an entry prints as key=value
                ClassOrInterfaceType entry = new ClassOrInterfaceType(new ClassOrInterfaceType(null, "AbstractMap"),
                        "SimpleImmutableEntry").setTypeArguments(new ClassOrInterfaceType(null, "Object"),
                        new ClassOrInterfaceType(null, "Object"));
                return call(new ObjectCreationExpr(null, entry,
                        new NodeList<>(of(anyType(), scope, depth), of(anyType(), scope, depth))), "toString");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Shared shapes

    /**
     * A switch expression of {@code type} on an int or a string, arms that are expressions or
     * blocks ({@code { note(e); yield r; }}), and a default arm. Arms may await while values of
     * the enclosing expression wait on the operand stack.
     */
    private Expression switchExpression(ValueType type, GenerationScope scope, int depth) {
        boolean onStrings = random.nextBoolean();
        Expression selector = onStrings
                ? call(name("String"), "valueOf", cast(ValueType.CHAR.syntax(), binary(new CharLiteralExpr('a'), Operator.PLUS,
                        binary(of(ValueType.INT, scope, depth), Operator.BINARY_AND, intLiteral(3)))))
                : binary(of(ValueType.INT, scope, depth), Operator.BINARY_AND, intLiteral(3));
        NodeList<SwitchEntry> arms = new NodeList<>();
        int labels = 1 + random.nextInt(3);
        for (int label = 0; label < labels; label++) {
            Expression constant = onStrings ? string(String.valueOf((char) ('a' + label))) : intLiteral(label);
            arms.add(switchArm(new NodeList<>(constant), type, scope, depth));
        }
        arms.add(switchArm(new NodeList<>(), type, scope, depth));
        return new SwitchExpr(selector, arms);
    }

    private SwitchEntry switchArm(NodeList<Expression> labels, ValueType type, GenerationScope scope, int depth) {
        Expression result = of(type, scope, depth);
        if (random.nextInt(3) > 0) {
            return new SwitchEntry(labels, SwitchEntry.Type.EXPRESSION, new NodeList<>(new ExpressionStmt(result)));
        }
        BlockStmt block = new BlockStmt(new NodeList<>(
                new ExpressionStmt(call("note", of(anyType(), scope, depth))), new YieldStmt(result)));
        return new SwitchEntry(labels, SwitchEntry.Type.BLOCK, new NodeList<>(block));
    }

    /** {@code a op b} of result type {@code type}, {@code b} of type {@code other}, operands in random order. */
    private Expression arithmetic(ValueType type, ValueType other, Operator operator, GenerationScope scope, int depth) {
        Expression left = of(type, scope, depth);
        Expression right = of(other, scope, depth);
        return random.nextBoolean() ? binary(left, operator, right) : binary(right, operator, left);
    }

    /** A divisor of {@code type}: mostly made odd, so never zero; sometimes as computed, so division may throw. */
    Expression divisor(ValueType type, GenerationScope scope, int depth) {
        Expression divisor = of(type, scope, depth);
        return !type.isIntegral() || random.nextInt(5) == 0 ? divisor : binary(divisor, Operator.BINARY_OR, intLiteral(1));
    }

    private Expression castFrom(ValueType type, ValueType source, GenerationScope scope, int depth) {
        return cast(type.syntax(), unboxed(of(source, scope, depth), source));
    }

    private Expression conditionalOf(ValueType type, GenerationScope scope, int depth) {
        return conditional(of(ValueType.BOOLEAN, scope, depth), of(type, scope, depth), of(type, scope, depth));
    }

    /** {@code v++}, {@code --v} and the like on an assignable variable of {@code type}, if there is one. */
    private Optional<Expression> increment(ValueType type, GenerationScope scope) {
        List<GenerationScope.Variable> variables = scope.assignableVariables(type);
        if (variables.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new UnaryExpr(name(pick(variables).name()), pick(UnaryExpr.Operator.POSTFIX_INCREMENT,
                UnaryExpr.Operator.POSTFIX_DECREMENT, UnaryExpr.Operator.PREFIX_INCREMENT, UnaryExpr.Operator.PREFIX_DECREMENT)));
    }

    ValueType anyType() {
        return pick(ValueType.values());
    }

    boolean percent(int percent) {
        return random.nextInt(100) < percent;
    }

    <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    @SafeVarargs
    final <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
