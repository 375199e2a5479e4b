// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The return type of the method a lambda implements, its functional interface's one abstract method
 * as the lambda's target type instantiates it: {@code Coroutine<Integer>} for a lambda that targets
 * {@code Supplier<Coroutine<Integer>>}, {@code void} for one that targets {@code Runnable}.
 *
 * <p>javac compiles a lambda body into a method with that return type (erased), which is what the
 * weaver looks at to decide whether the lambda is async; this class answers the same question from
 * the source. It uses only the public {@code javax.lang.model} API: javac's own
 * {@code Types.findDescriptorType} is not exported.
 */
final class LambdaTypes {
    private final Trees trees;
    private final Elements elements;
    private final Types types;
    /** The public methods of {@code Object}, which an interface may redeclare without making them its own. */
    private final List<ExecutableElement> objectMethods;

    LambdaTypes(Trees trees, Elements elements, Types types) {
        this.trees = trees;
        this.elements = elements;
        this.types = types;
        this.objectMethods = ElementFilter.methodsIn(elements.getTypeElement("java.lang.Object").getEnclosedElements())
                .stream()
                .filter(method -> method.getModifiers().contains(Modifier.PUBLIC))
                .toList();
    }

    /** The return type of the method that the lambda at {@code lambda} implements, or {@code null} if unknown. */
    TypeMirror implementedReturnType(TreePath lambda) {
        TypeMirror target = trees.getTypeMirror(lambda);
        if (target instanceof IntersectionType intersection) {
            // (Supplier<Coroutine<T>> & Serializable) lambda: the functional interface is one of the bounds.
            for (TypeMirror bound : intersection.getBounds()) {
                TypeMirror returnType = implementedReturnType(bound);
                if (returnType != null) {
                    return returnType;
                }
            }
            return null;
        }
        return implementedReturnType(target);
    }

    private TypeMirror implementedReturnType(TypeMirror target) {
        if (target == null || target.getKind() != TypeKind.DECLARED) {
            return null;
        }
        DeclaredType functionalInterface = (DeclaredType) target;
        ExecutableElement method = abstractMethod((TypeElement) functionalInterface.asElement());
        if (method == null) {
            return null;
        }
        return ((ExecutableType) types.asMemberOf(functionalInterface, method)).getReturnType();
    }

    /** The one abstract method of a functional interface, not counting redeclared methods of {@code Object}. */
    private ExecutableElement abstractMethod(TypeElement functionalInterface) {
        for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(functionalInterface))) {
            if (method.getModifiers().contains(Modifier.ABSTRACT) && !isObjectMethod(method)) {
                return method;
            }
        }
        return null;
    }

    private boolean isObjectMethod(ExecutableElement method) {
        for (ExecutableElement objectMethod : objectMethods) {
            if (method.getSimpleName().equals(objectMethod.getSimpleName())
                    && types.isSubsignature((ExecutableType) method.asType(), (ExecutableType) objectMethod.asType())) {
                return true;
            }
        }
        return false;
    }
}
