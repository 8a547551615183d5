package com.jm.job.master.importer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Reads a Quartz {@code JOB_DATA} blob: the {@code java.util.Properties} text Quartz writes with
 * {@code org.quartz.jobStore.useProperties=true}, or the serialized {@code JobDataMap} it writes by
 * default, read by {@link SerializedJobDataMap} without deserializing anything.
 */
final class QuartzJobData {

    private QuartzJobData() {}

    /**
     * What a blob holds.
     *
     * @param entries its entries by key (strings, or boxed primitives of a serialized map), or {@code
     *     null} when it cannot be read
     * @param unreadable why it cannot be read, else {@code null}
     */
    record Read(Map<String, Object> entries, String unreadable) {}

    static Read read(byte[] blob) {
        if (blob == null || blob.length == 0) {
            return new Read(Map.of(), null);
        }
        if (SerializedJobDataMap.isSerialized(blob)) {
            try {
                return new Read(new TreeMap<>(SerializedJobDataMap.read(blob)), null);
            } catch (SerializedJobDataMap.RefusedStreamException e) {
                return new Read(null, e.getMessage());
            }
        }
        Properties properties = new Properties();
        try {
            // Properties.load reads ISO-8859-1 with \\u escapes, as Properties.store (Quartz) writes it.
            properties.load(new ByteArrayInputStream(blob));
        } catch (IOException | IllegalArgumentException e) {
            return new Read(null, "the data map is neither serialized nor properties text: " + e.getMessage());
        }
        Map<String, Object> entries = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> entries.put(key, properties.getProperty(key)));
        return new Read(entries, null);
    }
}
