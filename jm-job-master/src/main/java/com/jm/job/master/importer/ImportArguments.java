package com.jm.job.master.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of {@code import <source>}: the common options, the source's own, and every other
 * {@code --name=value}, which goes to the master's context.
 *
 * @param options the source's own options, each with its values in the order given
 */
record ImportArguments(
        String sourceUrl,
        String sourceUser,
        boolean dryRun,
        Map<String, List<String>> options,
        Set<String> flags,
        List<String> masterArguments) {

    private static final Set<String> COMMON = Set.of("--source-url", "--source-user");

    /** The value of an option given at most once, or {@code null}. */
    String value(String name) {
        List<String> values = values(name);
        return values.isEmpty() ? null : values.get(values.size() - 1);
    }

    List<String> values(String name) {
        return options.getOrDefault(name, List.of());
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    /**
     * @param args the arguments after the source's name
     * @throws IllegalArgumentException naming what is wrong
     */
    static ImportArguments parse(String[] args, ImportSource.Kind kind) {
        String url = null;
        String user = null;
        boolean dryRun = false;
        Map<String, List<String>> options = new LinkedHashMap<>();
        Set<String> flags = new java.util.HashSet<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (arg.equals("--dry-run")) {
                dryRun = true;
            } else if (kind.flags().contains(arg)) {
                flags.add(arg);
            } else if (COMMON.contains(name) || kind.valueOptions().contains(name)) {
                String value;
                if (arg.contains("=")) {
                    value = arg.substring(arg.indexOf('=') + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                switch (name) {
                    case "--source-url" -> url = value;
                    case "--source-user" -> user = value;
                    default -> {
                        List<String> values = options.computeIfAbsent(name, n -> new ArrayList<>());
                        if (!values.isEmpty() && !kind.repeatable().contains(name)) {
                            throw new IllegalArgumentException(name + " is given twice");
                        }
                        values.add(value);
                    }
                }
            } else if (name.equals("--source-password")) {
                throw new IllegalArgumentException("--source-password is not taken: set "
                        + ImportCommand.PASSWORD_VARIABLE + " in the environment");
            } else if (arg.startsWith("--") && arg.contains("=") && !arg.startsWith("--source-")) {
                rest.add(arg);
            } else {
                throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        return new ImportArguments(url, user, dryRun, Map.copyOf(options), Set.copyOf(flags), List.copyOf(rest));
    }
}
