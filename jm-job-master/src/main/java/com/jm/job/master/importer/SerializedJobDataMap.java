package com.jm.job.master.importer;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the entries of a Java-serialized Quartz {@code JobDataMap} (what Quartz stores in {@code
 * JOB_DATA} by default) without deserializing anything: it parses the serialization stream's
 * grammar itself and builds no object of any class named in it, and no class is ever loaded. A
 * stream naming a class that is not on a short list (the Quartz map classes, {@code
 * java.util.HashMap}, strings and boxed primitives) is refused at that class's descriptor, before
 * its data is read; so is every construct a data map does not need (arrays, enums, proxies,
 * externalizable classes, class annotations). A source database is untrusted input: a serialized
 * "gadget chain" planted in it must never run in the master.
 */
final class SerializedJobDataMap {

    private static final Set<String> BOXED = Set.of(
            "java.lang.Integer",
            "java.lang.Long",
            "java.lang.Short",
            "java.lang.Byte",
            "java.lang.Double",
            "java.lang.Float",
            "java.lang.Boolean",
            "java.lang.Character");

    /** The classes whose descriptors are read; anything else refuses the stream. */
    static final Set<String> ALLOWED = allowed();

    private static final short MAGIC = (short) 0xACED;
    private static final short VERSION = 5;
    private static final int BASE_HANDLE = 0x7E0000;
    private static final int MAX_HANDLES = 100_000;
    private static final int MAX_DEPTH = 8;
    private static final byte TC_NULL = 0x70;
    private static final byte TC_REFERENCE = 0x71;
    private static final byte TC_CLASSDESC = 0x72;
    private static final byte TC_OBJECT = 0x73;
    private static final byte TC_STRING = 0x74;
    private static final byte TC_BLOCKDATA = 0x77;
    private static final byte TC_ENDBLOCKDATA = 0x78;
    private static final byte TC_BLOCKDATALONG = 0x7A;
    private static final byte SC_WRITE_METHOD = 0x01;
    private static final byte SC_SERIALIZABLE = 0x02;
    private static final byte SC_EXTERNALIZABLE = 0x04;
    private static final byte SC_ENUM = 0x10;

    /** A stream that is not read, with the reason for the operator. */
    static final class RefusedStreamException extends Exception {
        RefusedStreamException(String message) {
            super(message);
        }
    }

    private record ClassDesc(String name, byte flags, List<Field> fields, ClassDesc superDesc) {}

    private record Field(char type, String name) {}

    /** An object of the stream as data: its fields per class, and what its class wrote itself. */
    private record Data(ClassDesc desc, Map<String, Map<String, Object>> fields, List<Object> written) {}

    private final DataInputStream in;
    private final List<Object> handles = new ArrayList<>();

    private SerializedJobDataMap(byte[] bytes) {
        this.in = new DataInputStream(new ByteArrayInputStream(bytes));
    }

    private static Set<String> allowed() {
        Set<String> allowed = new java.util.HashSet<>(BOXED);
        allowed.addAll(List.of(
                "org.quartz.JobDataMap",
                "org.quartz.utils.StringKeyDirtyFlagMap",
                "org.quartz.utils.DirtyFlagMap",
                "java.util.HashMap",
                "java.lang.Number"));
        return Set.copyOf(allowed);
    }

    /** Whether the bytes are a Java serialization stream (rather than Quartz's properties text). */
    static boolean isSerialized(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] & 0xFF) == 0xAC && (bytes[1] & 0xFF) == 0xED;
    }

    /**
     * The map's entries: strings, or boxed primitives (as their {@code java.lang} values).
     *
     * @throws RefusedStreamException naming what the stream holds that is not read
     */
    static Map<String, Object> read(byte[] bytes) throws RefusedStreamException {
        try {
            return new SerializedJobDataMap(bytes).map();
        } catch (EOFException e) {
            throw new RefusedStreamException("the serialized data map is cut short");
        } catch (IOException e) {
            throw new RefusedStreamException("the serialized data map cannot be read: " + e.getMessage());
        }
    }

    private Map<String, Object> map() throws IOException, RefusedStreamException {
        if (in.readShort() != MAGIC || in.readShort() != VERSION) {
            throw new RefusedStreamException("not a serialization stream of version 5");
        }
        Object top = content(0);
        if (in.read() != -1) {
            throw new RefusedStreamException("the serialized data map has bytes after its object");
        }
        if (!(top instanceof Data data)) {
            throw new RefusedStreamException("the serialized data is not a map");
        }
        Data hashMap = data;
        if (data.desc().name().equals("org.quartz.JobDataMap")) {
            Object inner = data.fields()
                    .getOrDefault("org.quartz.utils.DirtyFlagMap", Map.of())
                    .get("map");
            if (!(inner instanceof Data innerData)) {
                throw new RefusedStreamException("the serialized JobDataMap holds no map");
            }
            hashMap = innerData;
        }
        if (!hashMap.desc().name().equals("java.util.HashMap")) {
            throw new RefusedStreamException(
                    "the serialized data is a " + hashMap.desc().name() + ", not a JobDataMap");
        }
        return entries(hashMap);
    }

    /** What {@code HashMap.writeObject} wrote: capacity and size, then key and value by turns. */
    private static Map<String, Object> entries(Data hashMap) throws RefusedStreamException {
        List<Object> written = hashMap.written();
        if (written.isEmpty() || !(written.get(0) instanceof byte[] header) || header.length != 8) {
            throw new RefusedStreamException("the serialized HashMap has no size");
        }
        int size = ((header[4] & 0xFF) << 24)
                | ((header[5] & 0xFF) << 16)
                | ((header[6] & 0xFF) << 8)
                | (header[7] & 0xFF);
        if (size < 0 || written.size() != 1 + 2 * size) {
            throw new RefusedStreamException("the serialized HashMap does not hold the entries it counts");
        }
        Map<String, Object> entries = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            if (!(written.get(1 + 2 * i) instanceof String key)) {
                throw new RefusedStreamException("the data map has a key that is not a string");
            }
            entries.put(key, value(key, written.get(2 + 2 * i)));
        }
        return entries;
    }

    private static Object value(String key, Object value) throws RefusedStreamException {
        if (value == null || value instanceof String) {
            return value;
        }
        if (value instanceof Data data && BOXED.contains(data.desc().name())) {
            Object boxed =
                    data.fields().getOrDefault(data.desc().name(), Map.of()).get("value");
            if (boxed != null) {
                return boxed;
            }
        }
        String what = value instanceof Data data ? "a " + data.desc().name() : "something else";
        throw new RefusedStreamException(
                "the data map's key '" + key + "' holds " + what + ", not a string or a boxed primitive");
    }

    private Object content(int depth) throws IOException, RefusedStreamException {
        if (depth > MAX_DEPTH) {
            throw new RefusedStreamException("the serialized data map nests objects deeper than " + MAX_DEPTH);
        }
        byte tc = in.readByte();
        return switch (tc) {
            case TC_NULL -> null;
            case TC_REFERENCE -> reference();
            case TC_STRING -> handle(in.readUTF());
            case TC_OBJECT -> object(depth);
            default ->
                throw new RefusedStreamException(String.format(
                        "the serialized data map holds a construct (0x%02x) a data map of strings and numbers does"
                                + " not have: an array, enum, class, proxy or long string",
                        tc));
        };
    }

    private Object reference() throws IOException, RefusedStreamException {
        int index = in.readInt() - BASE_HANDLE;
        if (index < 0 || index >= handles.size() || handles.get(index) == null) {
            throw new RefusedStreamException("the serialized data map refers to an object it has not defined");
        }
        return handles.get(index);
    }

    private <T> T handle(T value) throws RefusedStreamException {
        if (handles.size() >= MAX_HANDLES) {
            throw new RefusedStreamException("the serialized data map holds more than " + MAX_HANDLES + " objects");
        }
        handles.add(value);
        return value;
    }

    private Data object(int depth) throws IOException, RefusedStreamException {
        ClassDesc desc = classDesc();
        if (desc == null) {
            throw new RefusedStreamException("the serialized data map holds an object without a class");
        }
        int handle = handles.size();
        handle(null); // Defined once read: a reference to an object from inside itself is refused.
        List<ClassDesc> chain = new ArrayList<>();
        for (ClassDesc c = desc; c != null; c = c.superDesc()) {
            chain.add(0, c);
        }
        Map<String, Map<String, Object>> fields = new HashMap<>();
        List<Object> written = new ArrayList<>();
        for (ClassDesc c : chain) {
            Map<String, Object> values = new HashMap<>();
            for (Field field : c.fields()) {
                values.put(field.name(), fieldValue(field, depth));
            }
            fields.put(c.name(), values);
            if ((c.flags() & SC_WRITE_METHOD) != 0) {
                written.addAll(writtenData(depth));
            }
        }
        Data data = new Data(desc, fields, written);
        handles.set(handle, data);
        return data;
    }

    private Object fieldValue(Field field, int depth) throws IOException, RefusedStreamException {
        return switch (field.type()) {
            case 'B' -> in.readByte();
            case 'C' -> in.readChar();
            case 'D' -> in.readDouble();
            case 'F' -> in.readFloat();
            case 'I' -> in.readInt();
            case 'J' -> in.readLong();
            case 'S' -> in.readShort();
            case 'Z' -> in.readBoolean();
            default -> content(depth + 1);
        };
    }

    /** What a class's own {@code writeObject} wrote: blocks of bytes and objects, to the end marker. */
    private List<Object> writtenData(int depth) throws IOException, RefusedStreamException {
        List<Object> written = new ArrayList<>();
        while (true) {
            in.mark(1);
            byte tc = in.readByte();
            if (tc == TC_ENDBLOCKDATA) {
                return written;
            }
            if (tc == TC_BLOCKDATA || tc == TC_BLOCKDATALONG) {
                int length = tc == TC_BLOCKDATA ? in.readUnsignedByte() : in.readInt();
                if (length < 0 || length > in.available()) {
                    throw new RefusedStreamException("the serialized data map has a block longer than itself");
                }
                byte[] block = new byte[length];
                in.readFully(block);
                written.add(block);
            } else {
                in.reset();
                written.add(content(depth + 1));
            }
        }
    }

    /** The type of an object field: a string, or a reference to one. */
    private void typeName(String className) throws IOException, RefusedStreamException {
        byte tc = in.readByte();
        Object type = tc == TC_STRING ? handle(in.readUTF()) : tc == TC_REFERENCE ? reference() : null;
        if (!(type instanceof String)) {
            throw new RefusedStreamException("the serialized class " + className + " has a field without a type");
        }
    }

    private ClassDesc classDesc() throws IOException, RefusedStreamException {
        byte tc = in.readByte();
        if (tc == TC_NULL) {
            return null;
        }
        if (tc == TC_REFERENCE) {
            if (reference() instanceof ClassDesc desc) {
                return desc;
            }
            throw new RefusedStreamException("the serialized data map refers to a class that is not one");
        }
        if (tc != TC_CLASSDESC) {
            throw new RefusedStreamException(String.format(
                    "the serialized data map has a class of a kind (0x%02x) a data map does not have (a proxy?)", tc));
        }
        String name = in.readUTF();
        if (!ALLOWED.contains(name)) {
            // The point of this class: stop at the name, before anything of that class is read.
            throw new RefusedStreamException("the serialized data map holds an object of class " + name
                    + ", which the import does not read (it reads strings and boxed primitives only)");
        }
        in.readLong(); // serialVersionUID: nothing is built, so there is nothing to check it against
        int handle = handles.size();
        handle(null);
        byte flags = in.readByte();
        if ((flags & SC_SERIALIZABLE) == 0 || (flags & (SC_EXTERNALIZABLE | SC_ENUM)) != 0) {
            throw new RefusedStreamException("the serialized class " + name + " is not plainly serializable");
        }
        int count = in.readShort();
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            char type = (char) in.readByte();
            String fieldName = in.readUTF();
            if (type == 'L' || type == '[') {
                typeName(name);
            } else if ("BCDFIJSZ".indexOf(type) < 0) {
                throw new RefusedStreamException("the serialized class " + name + " has a field of unknown type");
            }
            fields.add(new Field(type, fieldName));
        }
        if (in.readByte() != TC_ENDBLOCKDATA) {
            throw new RefusedStreamException("the serialized class " + name + " carries annotations");
        }
        ClassDesc desc = new ClassDesc(name, flags, List.copyOf(fields), classDesc());
        handles.set(handle, desc);
        return desc;
    }
}
