// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import org.objectweb.asm.tree.MethodInsnNode;

/**
 * One resume point of the method, numbered from 1 in instruction order: the frame's label while the
 * coroutine is suspended there. Most are awaits; in an async generator, each {@code emit} is one too.
 *
 * @param label the resume label
 * @param call the {@code Asyncio.await} or {@code AsyncGenerator.emit} call
 * @param emits whether the call is an {@code emit}
 * @param types the verifier's types before the call, the awaited or emitted value on top of the stack
 * @param saved where each local and each stack entry below that value is saved
 */
record ResumePoint(int label, MethodInsnNode call, boolean emits, FrameTypes.Snapshot types, SlotPlan.Point saved) {
}
