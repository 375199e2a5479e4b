// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * jasyncio's types as the program being compiled sees them, and the questions the checks ask about
 * them: is this call an {@code await}, is this method {@code @Async}, is this type a {@code Coroutine}.
 *
 * <p>The processor names these types by their qualified names instead of linking against the
 * annotations and the runtime, so that its jar needs nothing beside it on the processor path. A type
 * that the program's class path lacks is {@code null} here, and the questions about it answer no: a
 * program without the runtime cannot call {@code await} at all. Nor do they about a type javac could
 * not resolve (an error type, which javac takes for a subtype and a supertype of everything): javac
 * reports that already.
 */
final class JasyncioTypes {
    /** The qualified name of the {@code @Async} annotation. */
    static final String ASYNC = "io.jasyncio.annotations.Async";
    /** The qualified name of the class whose static {@code await} methods are the resume points. */
    static final String ASYNCIO = "io.jasyncio.Asyncio";
    /** The qualified name of the type every {@code @Async} method and async lambda returns. */
    static final String COROUTINE = "io.jasyncio.Coroutine";
    /** The qualified name of what a lambda targeting {@code Supplier<Awaitable<T>>} returns; such a lambda is async too. */
    static final String AWAITABLE = "io.jasyncio.Awaitable";
    /** The qualified name of what an async generator returns, and of the interface whose static {@code emit} is its yield. */
    static final String ASYNC_GENERATOR = "io.jasyncio.AsyncGenerator";
    /** The qualified name of the error that delivers a cancellation at an {@code await}. */
    static final String CANCELLED_ERROR = "io.jasyncio.CancelledError";
    /** The qualified name of the resources that woven code closes by awaiting {@code aclose()}. */
    static final String ASYNC_CLOSEABLE = "io.jasyncio.AsyncCloseable";

    private static final String AWAIT = "await";
    private static final String EMIT = "emit";

    private final Types types;
    /** The erasure of {@code Coroutine}, or {@code null} if the class path lacks the runtime. */
    private final TypeMirror coroutine;
    /** The erasure of {@code Awaitable}, or {@code null} if the class path lacks the runtime. */
    private final TypeMirror awaitable;
    /** The erasure of {@code AsyncGenerator}, or {@code null} if the class path lacks the runtime. */
    private final TypeMirror asyncGenerator;
    /** {@code CancelledError}, or {@code null} if the class path lacks the runtime. */
    private final TypeMirror cancelledError;
    /** {@code AsyncCloseable}, or {@code null} if the class path lacks the runtime. */
    private final TypeElement asyncCloseable;
    private final Elements elements;

    JasyncioTypes(Elements elements, Types types) {
        this.types = types;
        this.coroutine = erasureOf(elements, types, COROUTINE);
        this.awaitable = erasureOf(elements, types, AWAITABLE);
        this.asyncGenerator = erasureOf(elements, types, ASYNC_GENERATOR);
        this.cancelledError = erasureOf(elements, types, CANCELLED_ERROR);
        this.asyncCloseable = elements.getTypeElement(ASYNC_CLOSEABLE);
        this.elements = elements;
    }

    private static TypeMirror erasureOf(Elements elements, Types types, String qualifiedName) {
        TypeElement element = elements.getTypeElement(qualifiedName);
        return element == null ? null : types.erasure(element.asType());
    }

    /** Whether {@code element}, the target of a call, is one of the static {@code Asyncio.await} methods. */
    boolean isAwait(Element element) {
        return isStaticMethod(element, AWAIT, ASYNCIO);
    }

    /** Whether {@code element}, the target of a call, is the static {@code AsyncGenerator.emit}, an async generator's yield. */
    boolean isEmit(Element element) {
        return isStaticMethod(element, EMIT, ASYNC_GENERATOR);
    }

    private static boolean isStaticMethod(Element element, String name, String ownerName) {
        return element != null
                && element.getKind() == ElementKind.METHOD
                && element.getSimpleName().contentEquals(name)
                && element.getModifiers().contains(Modifier.STATIC)
                && element.getEnclosingElement() instanceof TypeElement owner
                && owner.getQualifiedName().contentEquals(ownerName);
    }

    /** Whether {@code type} erases to exactly {@code AsyncGenerator}: an {@code @Async} method or lambda returning it is an async generator. */
    boolean isAsyncGenerator(TypeMirror type) {
        return asyncGenerator != null && isResolved(type) && types.isSameType(types.erasure(type), asyncGenerator);
    }

    /** Whether {@code method} is annotated {@code @Async}. */
    boolean isAsync(ExecutableElement method) {
        for (AnnotationMirror annotation : method.getAnnotationMirrors()) {
            if (annotation.getAnnotationType().asElement() instanceof TypeElement type
                    && type.getQualifiedName().contentEquals(ASYNC)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code type} erases to exactly {@code Coroutine}, as the return type of a woven method must. */
    boolean isCoroutine(TypeMirror type) {
        return coroutine != null && isResolved(type) && types.isSameType(types.erasure(type), coroutine);
    }

    /**
     * Whether a lambda returning {@code type} is an async lambda, as the weaver decides it: one whose
     * implementation erases to {@code Coroutine} or {@code AsyncGenerator}, or to {@code Awaitable} (as for the runtime's
     * {@code withLock(Supplier<Awaitable<T>>)}).
     */
    boolean isAsyncLambdaReturnType(TypeMirror type) {
        return isCoroutine(type) || isAsyncGenerator(type)
                || (awaitable != null && isResolved(type) && types.isSameType(types.erasure(type), awaitable));
    }

    /** Whether a value of {@code type} is a coroutine: {@code Coroutine} or one of its subclasses. */
    boolean isCoroutineValue(TypeMirror type) {
        return coroutine != null && isResolved(type) && types.isSubtype(types.erasure(type), coroutine);
    }

    /** Whether a value of {@code type} is always a {@code CancelledError}: it is that class or a subclass. */
    boolean isCancelledError(TypeMirror type) {
        return cancelledError != null && isResolved(type) && types.isSubtype(type, cancelledError);
    }

    /** Whether a {@code catch} of {@code type} catches every {@code CancelledError}: that class or a superclass. */
    boolean catchesCancelledError(TypeMirror type) {
        return cancelledError != null && isResolved(type) && types.isSubtype(cancelledError, type);
    }

    /** Whether a value of {@code type} is always an {@code AsyncCloseable}, which woven code closes by awaiting {@code aclose()}. */
    boolean isAsyncCloseable(TypeMirror type) {
        return asyncCloseable != null && isResolved(type)
                && types.isSubtype(types.erasure(type), types.erasure(asyncCloseable.asType()));
    }

    /**
     * Whether {@code type} is an {@code AsyncCloseable} whose {@code close()} is the interface's own,
     * which throws: such a resource can only be closed by awaiting {@code aclose()}.
     */
    boolean isClosedOnlyByAclose(TypeMirror type) {
        if (!isAsyncCloseable(type) || !(types.asElement(types.erasure(type)) instanceof TypeElement typeElement)) {
            return false;
        }
        for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(typeElement))) {
            if (method.getSimpleName().contentEquals("close") && method.getParameters().isEmpty()) {
                return method.getEnclosingElement().equals(asyncCloseable);
            }
        }
        return false;
    }

    private static boolean isResolved(TypeMirror type) {
        return type != null && type.getKind() != TypeKind.ERROR;
    }
}
