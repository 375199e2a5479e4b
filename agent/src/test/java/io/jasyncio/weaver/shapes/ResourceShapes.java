// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver.shapes;

import java.io.StringReader;

/** Try-with-resources as javac writes them, for {@code TryWithResourcesTest}: never run, only read. */
@SuppressWarnings({"unused", "try"})
public final class ResourceShapes {
    interface Resource extends AutoCloseable {
        @Override
        void close();
    }

    private ResourceShapes() {
    }

    static Resource open() {
        return null;
    }

    static void use(Object value) {
    }

    static void fallsThrough(Resource r) {
        try (r) {
            use(r);
        }
    }

    static int returnsOrFallsThrough(Resource r, boolean early) {
        try (r) {
            if (early) {
                return 1;
            }
            use(r);
        }
        return 2;
    }

    static void continuesBreaksOrFallsThrough(Resource r) {
        for (int i = 0; i < 3; i++) {
            try (r) {
                if (i == 0) {
                    continue;
                }
                if (i == 1) {
                    break;
                }
                use(r);
            }
        }
    }

    static void closesExplicitlyInTheBody(Resource r) {
        try (r) {
            r.close();
        }
    }

    static void reusesTheSlotAfterwards() {
        {
            try (Resource r = open()) {
                use(r);
            }
        }
        {
            Resource q = open();
            q.close();
        }
    }

    static void emptyBody() {
        try (Resource r = open()) {
        }
    }

    static void twoResources() {
        try (Resource a = open(); Resource b = open()) {
            use(a);
        }
    }

    static void jdkType() throws Exception {
        try (StringReader reader = new StringReader("")) {
            use(reader);
        }
    }

    static void insideSynchronized(Object lock) {
        synchronized (lock) {
            try (Resource r = open()) {
                use(r);
            }
        }
    }
}
