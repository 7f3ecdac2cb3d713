package io.qtestjvm.qos.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of one {@code qos-test} command, declared in code and parsed the way GNU programs take them:
 * {@code --name VALUE}, {@code --name=VALUE}, {@code -n VALUE}, {@code -nVALUE}, short flags alone or clustered
 * ({@code -kl}), {@code --} ending the options, {@code -h/--help} and {@code -V/--version} on every command.
 *
 * <p>Why not an annotation-driven library: {@code bin/qos-test} is timed whole (issue 15's in-JVM goal counts the
 * JVM's start-up), and building such a library's command model by reflection took ~110 ms of each run, interpreted
 * (its Java 5 class files stay out of the JDK's AOT cache). This takes well under a millisecond.
 */
final class Options {
    /** One option: its key, names (short first), the label of its value (null for a flag) and its help. */
    record Spec(String key, List<String> names, String label, String help, boolean required) {
        String longName() {
            return names.getLast();
        }
    }

    /** What a command line gave: option values by key (a list per key: repeated or comma-split), positionals. */
    record Parsed(Map<String, List<String>> values, List<String> positionals, boolean help, boolean version) {
        boolean flag(String key) {
            return values.containsKey(key);
        }

        /** The last value given, or {@code dflt}. */
        String value(String key, String dflt) {
            List<String> v = values.get(key);
            return v == null ? dflt : v.getLast();
        }

        /** The last value given as a path, or null. */
        Path path(String key) {
            String v = value(key, null);
            return v == null ? null : Path.of(v);
        }

        /** Every value given, each split at commas; null when the option was not given. */
        List<String> list(String key) {
            List<String> v = values.get(key);
            if (v == null) {
                return null;
            }
            List<String> out = new ArrayList<>();
            for (String s : v) {
                out.addAll(List.of(s.split(",", -1)));
            }
            return out;
        }

        /** An integer option, or {@code dflt}; a value that is not one is a usage error naming the option. */
        Integer integer(String key, String option, Integer dflt) {
            String v = value(key, null);
            if (v == null) {
                return dflt;
            }
            try {
                return Integer.parseInt(v.strip());
            } catch (NumberFormatException e) {
                throw new QosTestCli.UsageError("Invalid value for option '" + option + "': '" + v
                        + "' is not an int (see qos-test --help)");
            }
        }
    }

    private final String name;
    private final String description;
    private final List<Spec> specs = new ArrayList<>();
    private final Map<String, String> commands = new LinkedHashMap<>();
    private String positionalLabel;
    private String positionalHelp;

    Options(String name, String description) {
        this.name = name;
        this.description = description;
    }

    Options flag(String key, String help, String... names) {
        specs.add(new Spec(key, List.of(names), null, help, false));
        return this;
    }

    Options value(String key, String label, String help, String... names) {
        specs.add(new Spec(key, List.of(names), label, help, false));
        return this;
    }

    Options required(String key, String label, String help, String... names) {
        specs.add(new Spec(key, List.of(names), label, help, true));
        return this;
    }

    /** Positional arguments, at least one. */
    Options positionals(String label, String help) {
        this.positionalLabel = label;
        this.positionalHelp = help;
        return this;
    }

    /** A subcommand, for the help text (the caller dispatches on the first argument). */
    Options command(String commandName, String help) {
        commands.put(commandName, help);
        return this;
    }

    private Spec find(String optionName) {
        for (Spec s : specs) {
            if (s.names().contains(optionName)) {
                return s;
            }
        }
        return null;
    }

    /** A usage error that points to the help. */
    private static QosTestCli.UsageError usage(String message) {
        return new QosTestCli.UsageError(message + " (see qos-test --help)");
    }

    Parsed parse(List<String> args) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        List<String> positionals = new ArrayList<>();
        boolean help = false;
        boolean version = false;
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (optionsEnded || !a.startsWith("-") || a.equals("-")) {
                positionals.add(a);
                continue;
            }
            if (a.equals("--")) {
                optionsEnded = true;
                continue;
            }
            if (a.equals("-h") || a.equals("--help")) {
                help = true;
                continue;
            }
            if (a.equals("-V") || a.equals("--version")) {
                version = true;
                continue;
            }
            String optName = a;
            String attached = null;
            if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                if (eq > 0) {
                    optName = a.substring(0, eq);
                    attached = a.substring(eq + 1);
                }
            } else if (a.length() > 2) {
                optName = a.substring(0, 2);
                attached = a.substring(2);
            }
            Spec s = find(optName);
            if (s == null) {
                throw usage("Unknown option: '" + a + "'");
            }
            if (s.label() == null) {
                if (attached != null && a.startsWith("--")) {
                    throw usage("option '" + s.longName() + "' takes no value");
                }
                values.computeIfAbsent(s.key(), k -> new ArrayList<>());
                // a cluster of short flags (-kl): each must be a flag
                for (int c = 0; attached != null && c < attached.length(); c++) {
                    Spec f = find("-" + attached.charAt(c));
                    if (f == null || f.label() != null) {
                        throw usage("Unknown option: '" + a + "'");
                    }
                    values.computeIfAbsent(f.key(), k -> new ArrayList<>());
                }
                continue;
            }
            String v = attached;
            if (v == null) {
                if (i + 1 >= args.size()) {
                    throw usage("Missing required parameter for option '" + s.longName() + "' ("
                            + s.label() + ")");
                }
                v = args.get(++i);
            }
            values.computeIfAbsent(s.key(), k -> new ArrayList<>()).add(v);
        }
        if (!help && !version) {
            List<String> missing = new ArrayList<>();
            for (Spec s : specs) {
                if (s.required() && !values.containsKey(s.key())) {
                    missing.add("'" + s.longName() + "=" + s.label() + "'");
                }
            }
            if (!missing.isEmpty()) {
                throw usage("Missing required option" + (missing.size() > 1 ? "s" : "") + ": "
                        + String.join(", ", missing));
            }
            if (positionalLabel != null && positionals.isEmpty()) {
                throw usage("Missing required parameter: '" + positionalLabel + "'");
            }
            if (positionalLabel == null && !positionals.isEmpty()) {
                throw usage("Unmatched argument: '" + positionals.getFirst() + "'");
            }
        }
        return new Parsed(values, positionals, help, version);
    }

    /** The help text: usage line, description, options, commands. */
    String help() {
        StringBuilder sb = new StringBuilder("Usage: ").append(name).append(" [OPTIONS]");
        if (positionalLabel != null) {
            sb.append(' ').append(positionalLabel).append("...");
        }
        if (!commands.isEmpty()) {
            sb.append(" [COMMAND]");
        }
        sb.append('\n').append(description).append('\n');
        List<String[]> rows = new ArrayList<>();
        for (Spec s : specs) {
            rows.add(new String[] {optionColumn(s.names(), s.label()), s.help()});
        }
        if (positionalLabel != null) {
            rows.add(new String[] {"      " + positionalLabel + "...", positionalHelp});
        }
        rows.add(new String[] {optionColumn(List.of("-h", "--help"), null), "Show this help message and exit."});
        rows.add(new String[] {optionColumn(List.of("-V", "--version"), null),
                "Print version information and exit."});
        int width = 0;
        for (String[] r : rows) {
            width = Math.max(width, r[0].length());
        }
        for (String[] r : rows) {
            sb.append(r[0]).append(" ".repeat(width - r[0].length() + 2)).append(r[1] == null ? "" : r[1])
                    .append('\n');
        }
        if (!commands.isEmpty()) {
            sb.append("Commands:\n");
            for (Map.Entry<String, String> c : commands.entrySet()) {
                sb.append("  ").append(c.getKey()).append(" ".repeat(Math.max(2, 12 - c.getKey().length())))
                        .append(c.getValue()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String optionColumn(List<String> names, String label) {
        String shortName = names.size() > 1 && names.getFirst().length() == 2 ? names.getFirst() : null;
        String longName = names.getLast();
        return "  " + (shortName == null ? "    " : shortName + ", ") + longName + (label == null ? "" : "=" + label);
    }
}
