// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

import com.sun.source.util.TreePath;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;

/**
 * The places in one class that the checks look at, found in one walk over its tree by
 * {@link SiteScanner}, each in source order.
 *
 * @param awaits the calls of {@code Asyncio.await}, wherever they are
 * @param emits the calls of {@code AsyncGenerator.emit}, wherever they are
 * @param awaitReferences the method references to {@code Asyncio.await} ({@code Asyncio::await})
 * @param asyncMethods the method declarations annotated {@code @Async}
 * @param discardedCalls the calls whose value is thrown away: an expression statement, or the body of
 *     an expression lambda whose method returns {@code void}
 * @param localStores the calls whose value is stored in a local variable, as its initialiser or by an
 *     assignment
 * @param readLocals the local variables whose value is read somewhere: any use but the left side of an
 *     assignment
 * @param methodReferences the method references other than to {@code await}
 * @param tryResources the try statements with resources
 */
record Sites(List<TreePath> awaits, List<TreePath> emits, List<TreePath> awaitReferences, List<TreePath> asyncMethods,
        List<TreePath> discardedCalls, List<LocalStore> localStores, Set<Element> readLocals,
        List<TreePath> methodReferences,
        List<TreePath> tryResources) {
    /**
     * A call whose value goes into a local variable.
     *
     * @param variable the local variable
     * @param call the call
     */
    record LocalStore(Element variable, TreePath call) {
    }
}
