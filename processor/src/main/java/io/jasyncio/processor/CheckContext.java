// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

import com.sun.source.util.Trees;
import javax.lang.model.util.Types;

/**
 * What the checks of one compilation unit share: javac's trees, jasyncio's types, and where to report.
 *
 * @param trees javac's trees, attributed: every tree has its element and type
 * @param types javac's operations on types
 * @param jasyncio jasyncio's types as the program sees them
 * @param lambdas the return types of the methods lambdas implement
 * @param reporter reports at positions in the compilation unit being checked
 */
record CheckContext(Trees trees, Types types, JasyncioTypes jasyncio, LambdaTypes lambdas, Reporter reporter) {
}
