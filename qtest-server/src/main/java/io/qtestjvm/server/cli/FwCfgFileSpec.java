package io.qtestjvm.server.cli;

import io.qtestjvm.core.QemuOpts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code -fw_cfg [name=]NAME,file=PATH} or {@code -fw_cfg [name=]NAME,string=TEXT}: a file the user adds to the
 * fw_cfg directory (docs/specs/fw_cfg.rst, "Externally Provided Items"). The contents are read at start-up; a
 * string is stored without a terminating NUL. Texts of Debian's QEMU 7.2: a name outside {@code opt/} only warns.
 * {@code gen_id} (the VM generation ID device's blob) is not supported and is refused as an unknown key.
 *
 * @param arg      the option's argument, for the location of later errors
 * @param name     the fw_cfg file name
 * @param contents the bytes the guest reads
 */
public record FwCfgFileSpec(String arg, String name, byte[] contents) {
    /** The longest name the directory holds (56-byte entry with its NUL). */
    private static final int MAX_NAME = 55;
    private static final Set<String> KEYS = Set.of("name", "file", "string");

    public static FwCfgFileSpec parse(String arg, List<String> warnings) throws StartupException {
        QemuOpts o = QemuOpts.parse(arg, "name");
        OptionSupport.onlyKeys("fw_cfg", arg, o, KEYS);
        // an empty value counts as absent
        String name = nonEmpty(o.get("name"));
        String file = nonEmpty(o.get("file"));
        String string = nonEmpty(o.get("string"));
        if (name == null || (file == null) == (string == null)) {
            throw StartupException.at("fw_cfg", arg,
                    "name, plus exactly one of file, string and gen_id, are needed");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME) {
            throw StartupException.at("fw_cfg", arg, "name too long (max. " + MAX_NAME + " char)");
        }
        if (!name.startsWith("opt/")) {
            warnings.add(StartupException.location("fw_cfg", arg)
                    + ": warning: externally provided fw_cfg item names should be prefixed with \"opt/\"");
        }
        if (string != null) {
            return new FwCfgFileSpec(arg, name, string.getBytes(StandardCharsets.UTF_8));
        }
        try {
            return new FwCfgFileSpec(arg, name, Files.readAllBytes(Path.of(file)));
        } catch (IOException | RuntimeException e) {
            throw StartupException.at("fw_cfg", arg, "can't load " + file + ": Failed to open file \u201c" + file
                    + "\u201d: No such file or directory");
        }
    }

    private static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
