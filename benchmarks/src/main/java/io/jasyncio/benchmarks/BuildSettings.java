// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What the build wrote into {@code benchmarks.properties}: versions, the agent jar and the JDK 25
 * home. A system property of the same name overrides an entry ({@code -Djdk25.home=...}).
 */
public final class BuildSettings {
    private static final Properties WRITTEN_BY_BUILD = load();

    private BuildSettings() {
    }

    /** The value of {@code key}: the system property if set, else the build's. */
    public static String get(String key) {
        String value = System.getProperty(key, WRITTEN_BY_BUILD.getProperty(key));
        if (value == null) {
            throw new IllegalStateException("no " + key + " in benchmarks.properties nor as -D" + key);
        }
        return value;
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = BuildSettings.class.getResourceAsStream("/benchmarks.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
