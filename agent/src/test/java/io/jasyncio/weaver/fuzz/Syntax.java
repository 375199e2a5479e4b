// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver.fuzz;

import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.type.Type;

/**
 * Factories of JavaParser nodes for the generators. JavaParser's printer adds no parentheses, so
 * every operand that is not a primary expression is parenthesised here: the printed program then
 * means what the tree means.
 */
final class Syntax {
    private Syntax() {
    }

    /** {@code expression}, parenthesised unless it is a primary expression. */
    static Expression operand(Expression expression) {
        boolean composite = expression instanceof BinaryExpr || expression instanceof UnaryExpr
                || expression instanceof CastExpr || expression instanceof ConditionalExpr
                || expression.isAssignExpr() || expression.isSwitchExpr();
        return composite ? new EnclosedExpr(expression) : expression;
    }

    static Expression binary(Expression left, BinaryExpr.Operator operator, Expression right) {
        return new BinaryExpr(operand(left), operand(right), operator);
    }

    static Expression unary(UnaryExpr.Operator operator, Expression operand) {
        return new UnaryExpr(operand(operand), operator);
    }

    static Expression cast(Type type, Expression expression) {
        return new CastExpr(type, operand(expression));
    }

    static Expression conditional(Expression condition, Expression whenTrue, Expression whenFalse) {
        return new ConditionalExpr(operand(condition), operand(whenTrue), operand(whenFalse));
    }

    /** A call of a method named {@code name} without a receiver: a static import or a method of the program. */
    static MethodCallExpr call(String name, Expression... arguments) {
        return new MethodCallExpr(null, name, new NodeList<>(arguments));
    }

    /** {@code receiver.name(arguments)}. */
    static MethodCallExpr call(Expression receiver, String name, Expression... arguments) {
        return new MethodCallExpr(operand(receiver), name, new NodeList<>(arguments));
    }

    static NameExpr name(String name) {
        return new NameExpr(name);
    }

    /** {@code Type.MEMBER}, as in {@code Integer.MAX_VALUE}. */
    static FieldAccessExpr constant(String type, String member) {
        return new FieldAccessExpr(new NameExpr(type), member);
    }

    static Expression intLiteral(int value) {
        Expression literal = new IntegerLiteralExpr(Integer.toString(value));
        return value < 0 ? new EnclosedExpr(literal) : literal;
    }

    static StringLiteralExpr string(String value) {
        return new StringLiteralExpr(value);
    }

    static Expression element(String array, Expression index) {
        return new ArrayAccessExpr(new NameExpr(array), index);
    }

    static ExpressionStmt statement(Expression expression) {
        return new ExpressionStmt(expression);
    }

    static BlockStmt block(Statement... statements) {
        return new BlockStmt(new NodeList<>(statements));
    }

    /** {@code if (condition) { then }}, which javac treats as able to complete normally whatever {@code then} does. */
    static IfStmt ifThen(Expression condition, BlockStmt then) {
        return new IfStmt(condition, then, null);
    }
}
