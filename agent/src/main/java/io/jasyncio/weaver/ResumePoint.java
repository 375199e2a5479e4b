// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import org.objectweb.asm.tree.MethodInsnNode;

/**
 * One await of the method, numbered from 1 in instruction order: the frame's label while the
 * coroutine is suspended there.
 *
 * @param label the resume label
 * @param await the {@code Asyncio.await} call
 * @param types the verifier's types before the call, the awaited value on top of the stack
 * @param saved where each local and each stack entry below the awaited value is saved
 */
record ResumePoint(int label, MethodInsnNode await, FrameTypes.Snapshot types, SlotPlan.Point saved) {
}
