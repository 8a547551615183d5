package com.jm.job.master.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.quartz.JobDataMap;

/**
 * Reading {@code JOB_DATA} blobs as Quartz writes them: properties text, and serialized maps read
 * without deserializing, whatever the stream names.
 */
class QuartzJobDataTest {

    @Test
    void propertiesTextAsQuartzStoresItIsReadWithItsEscapes() throws IOException {
        Properties properties = new Properties();
        properties.setProperty("city", "Zürich");
        properties.setProperty("path", "a=b:c");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        properties.store(out, "");

        QuartzJobData.Read read = QuartzJobData.read(out.toByteArray());

        assertThat(read.unreadable()).isNull();
        assertThat(read.entries()).containsExactly(Map.entry("city", "Zürich"), Map.entry("path", "a=b:c"));
    }

    @Test
    void aSerializedJobDataMapOfStringsAndBoxedPrimitivesIsReadAsItsEntries() {
        JobDataMap map = new JobDataMap();
        map.put("day", "1");
        map.put("n", 5);
        map.put("total", 7L);
        map.put("rate", 0.5d);
        map.put("flag", true);
        map.put("initial", 'x');
        map.put("nothing", (Object) null);

        QuartzJobData.Read read = QuartzJobData.read(serialized(map));

        assertThat(read.unreadable()).isNull();
        assertThat(read.entries())
                .containsEntry("day", "1")
                .containsEntry("n", 5)
                .containsEntry("total", 7L)
                .containsEntry("rate", 0.5d)
                .containsEntry("flag", true)
                .containsEntry("initial", 'x')
                .containsEntry("nothing", null)
                .hasSize(7);
        assertThat(QuartzJobData.read(serialized(new JobDataMap())).entries()).isEmpty();
        assertThat(QuartzJobData.read(null).entries()).isEmpty();
    }

    @Test
    void aClassNotOnTheListIsReportedByNameAndNeverLoadedOrRun() {
        JobDataMap map = new JobDataMap();
        map.put("payload", new QuartzJobs.Detonator());
        int before = QuartzJobs.Detonator.DESERIALIZED.get();

        QuartzJobData.Read read = QuartzJobData.read(serialized(map));

        assertThat(read.entries()).isNull();
        assertThat(read.unreadable())
                .isEqualTo("the serialized data map holds an object of class " + QuartzJobs.Detonator.class.getName()
                        + ", which the import does not read (it reads strings and boxed primitives only)");
        assertThat(QuartzJobs.Detonator.DESERIALIZED.get()).isEqualTo(before);
    }

    @Test
    void aTopLevelObjectOfAnotherClassIsRefusedAtItsName() {
        QuartzJobData.Read read = QuartzJobData.read(serialized(new QuartzJobs.Detonator()));

        assertThat(read.unreadable()).contains("holds an object of class " + QuartzJobs.Detonator.class.getName());
        assertThat(QuartzJobData.read(serialized(new java.util.ArrayList<>())).unreadable())
                .contains("holds an object of class java.util.ArrayList");
    }

    @Test
    void anAllowedClassHoldingAnotherIsRefusedAndSoAreArraysNestedMapsAndCutStreams() {
        JobDataMap nested = new JobDataMap();
        nested.put("inner", new HashMap<>(Map.of("a", "b")));
        assertThat(QuartzJobData.read(serialized(nested)).unreadable())
                .isEqualTo("the data map's key 'inner' holds a java.util.HashMap, not a string or a boxed primitive");

        JobDataMap array = new JobDataMap();
        array.put("ids", new int[] {1, 2});
        assertThat(QuartzJobData.read(serialized(array)).unreadable()).contains("an array, enum, class");

        JobDataMap fine = new JobDataMap();
        fine.put("day", "1");
        byte[] whole = serialized(fine);
        assertThat(QuartzJobData.read(Arrays.copyOf(whole, whole.length - 5)).unreadable())
                .isEqualTo("the serialized data map is cut short");
        byte[] longer = Arrays.copyOf(whole, whole.length + 1);
        assertThat(QuartzJobData.read(longer).unreadable()).contains("bytes after its object");
    }

    @Test
    void aStreamWhoseHashMapCountsMoreEntriesThanItHoldsIsRefused() {
        JobDataMap map = new JobDataMap();
        map.put("day", "1");
        byte[] bytes = serialized(map);
        // HashMap.writeObject's block: 0x77 0x08, capacity (4 bytes), size (4 bytes): make the size 2.
        int block = indexOf(bytes, new byte[] {0x77, 0x08});
        bytes[block + 2 + 7] = 2;

        assertThat(QuartzJobData.read(bytes).unreadable()).isNotNull();
    }

    @Test
    void textThatIsNeitherFormIsReportedNotGuessed() {
        byte[] bad = "key=\\uZZZZ".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(QuartzJobData.read(bad).unreadable())
                .startsWith("the data map is neither serialized nor properties");
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        for (int i = 0; i + part.length <= bytes.length; i++) {
            if (Arrays.equals(Arrays.copyOfRange(bytes, i, i + part.length), part)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    private static byte[] serialized(Serializable value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
