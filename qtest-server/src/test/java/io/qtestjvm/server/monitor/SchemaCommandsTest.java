package io.qtestjvm.server.monitor;

import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** query-qmp-schema: every command the monitor has is introspectable, with its types defined and QEMU's shapes. */
class SchemaCommandsTest {
    @Test
    void everyRegisteredCommandIsInTheSchemaAndEveryTypeReferenceResolves() {
        for (String machine : new String[] {"none", "pc"}) {
            try (QmpMachine m = QmpMachine.x86("-machine", machine)) {
                String schema = m.one("{'execute': 'query-qmp-schema'}");
                Matcher c = Pattern.compile("\\{\"name\": \"([^\"]+)\"\\}").matcher(m.one("{'execute': "
                        + "'query-commands'}"));
                int n = 0;
                while (c.find()) {
                    n++;
                    assertTrue(schema.contains("{\"name\": \"" + c.group(1) + "\", "), c.group(1));
                }
                assertTrue(n > 20, "commands: " + n);
                Matcher ref = Pattern.compile("\"(?:type|arg-type|ret-type|element-type)\": \"([^\"]+)\"")
                        .matcher(schema);
                while (ref.find()) {
                    assertTrue(schema.contains("{\"name\": \"" + ref.group(1) + "\""), "defined: " + ref.group(1));
                }
            }
        }
    }

    @Test
    void commandsCarryTheirOobFlagFeaturesAndTypes() {
        try (QmpMachine m = QmpMachine.x86("-machine", "none")) {
            String schema = m.one("{'execute': 'query-qmp-schema'}");
            assertTrue(schema.contains("{\"name\": \"migrate-pause\", \"ret-type\": \"0\", \"allow-oob\": true, "
                    + "\"meta-type\": \"command\", \"arg-type\": \"0\"}"), schema);
            assertTrue(schema.contains("{\"name\": \"0\", \"members\": [], \"meta-type\": \"object\"}"));
            assertTrue(schema.contains("\"features\": [\"unstable\"]"));
            assertTrue(schema.contains("{\"name\": \"STOP\", \"meta-type\": \"event\", \"arg-type\": \"0\"}"));
            assertTrue(schema.contains("\"members\": [{\"name\": \"name\", \"default\": null, \"type\": \"str\"}]"),
                    "NameInfo's optional name");
        }
    }
}
