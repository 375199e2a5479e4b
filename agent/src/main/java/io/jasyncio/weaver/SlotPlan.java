// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Analysis: which typed slot of the frame holds each value that lives across a resume point. A
 * resume point is the method's entry (its arguments) or an await (its locals and the operand stack
 * below the awaited value). Slots are numbered per sort from 0 at every point, so points share
 * slots and the frame class has, per sort, as many fields as the most demanding point needs.
 */
final class SlotPlan {
    /**
     * One saved value: a local (its index in the original method) or a stack entry (its depth from
     * the bottom), its sort, the type to cast a reference back to, and its slot number.
     */
    record Spill(int position, SlotSort sort, String referenceType, int slot) {
        /** The slot's field name in the frame class; not for {@link SlotSort#NULL}. */
        String fieldName() {
            return sort.fieldName(slot);
        }
    }

    /** The values saved at one resume point: locals in index order, stack entries bottom first. */
    record Point(List<Spill> locals, List<Spill> stack) {
    }

    private final Map<SlotSort, Integer> fieldCounts = new EnumMap<>(SlotSort.class);

    /** Plans a point for the given locals and stack, in {@link FrameTypes.Snapshot} form. */
    Point plan(List<Object> locals, List<Object> stack) {
        Map<SlotSort, Integer> next = new EnumMap<>(SlotSort.class);
        List<Spill> localSpills = spills(locals, next);
        List<Spill> stackSpills = spills(stack, next);
        next.forEach((sort, count) -> fieldCounts.merge(sort, count, Math::max));
        return new Point(localSpills, stackSpills);
    }

    private static List<Spill> spills(List<Object> types, Map<SlotSort, Integer> next) {
        List<Spill> spills = new ArrayList<>();
        int position = 0;
        for (int index = 0; index < types.size(); index++) {
            Object type = types.get(index);
            SlotSort sort = SlotSort.of(type);
            if (sort != null) {
                int slot = sort == SlotSort.NULL ? -1 : next.merge(sort, 1, Integer::sum) - 1;
                spills.add(new Spill(position, sort, type instanceof String name ? name : null, slot));
            }
            if (FrameTypes.isWide(type)) {
                index++;
                position++;
            }
            position++;
        }
        return spills;
    }

    /** How many fields of {@code sort} the frame class needs. */
    int fieldCount(SlotSort sort) {
        return fieldCounts.getOrDefault(sort, 0);
    }
}
