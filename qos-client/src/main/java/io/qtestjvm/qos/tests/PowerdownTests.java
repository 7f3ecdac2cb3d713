package io.qtestjvm.qos.tests;

import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.libqtest.QtestFunctions;

import java.util.List;
import java.util.Map;

/**
 * {@code system_powerdown} and {@code query-chardev} as plain per-arch tests (qmp-test and qmp-cmd-test call both;
 * the checks here are the answers of Debian's QEMU 7.2): on pc the POWERDOWN event, then the ACPI PM1 power-button
 * status, which PIIX4 sets only while its enable bit is set, raising the SCI (ISA IRQ 9); on virt the GPIO power key
 * pulls PL061 line 3 high; and a {@code -chardev null} nobody reads is listed with its frontend closed.
 */
public final class PowerdownTests {
    /** PIIX4 PM's configuration space (00:01.3) through CONFIG_ADDRESS, and the PMBA the test programs. */
    private static final int PM_CONFIG = 0x80000b00;
    private static final int PMBA = 0xb000;
    private static final long VIRT_GPIO_DATA = 0x090303fcL;

    private PowerdownTests() {
    }

    public static void register(QtestFunctions reg) {
        String arch = reg.arch();
        if (arch.equals("x86_64") || arch.equals("i386")) {
            reg.add("powerdown/pc-acpi-button", PowerdownTests::pcButton);
        }
        if (arch.equals("aarch64") || arch.equals("arm")) {
            reg.add("powerdown/virt-gpio-key", l -> {
                try (QTestState qts = l.init("-machine virt")) {
                    Check.equal(0, qts.readl(VIRT_GPIO_DATA) & 8, "power key line before");
                    powerdown(qts);
                    Check.equal(8, qts.readl(VIRT_GPIO_DATA) & 8, "power key line 3 pressed");
                }
            });
        }
        reg.add("chardev/query", l -> {
            try (QTestState qts = l.init("-machine none -chardev null,id=qtj-null")) {
                Object ret = qts.qmp("{ 'execute': 'query-chardev' }").get("return");
                boolean found = false;
                for (Object o : (List<?>) ret) {
                    Map<?, ?> c = (Map<?, ?>) o;
                    Check.isTrue(c.get("label") instanceof String && c.get("filename") instanceof String
                            && c.get("frontend-open") instanceof Boolean, "ChardevInfo: " + c);
                    if ("qtj-null".equals(c.get("label"))) {
                        found = true;
                        Check.isTrue("null".equals(c.get("filename")), "filename " + c);
                        Check.isTrue(Boolean.FALSE.equals(c.get("frontend-open")), "frontend closed " + c);
                    }
                }
                Check.isTrue(found, "the -chardev is listed: " + ret);
            }
        });
    }

    private static void powerdown(QTestState qts) {
        Map<String, Object> r = qts.qmp("{ 'execute': 'system_powerdown' }");
        Check.isTrue(r.containsKey("return"), "system_powerdown returns: " + r);
        Check.isTrue(qts.eventWait("POWERDOWN") != null, "POWERDOWN event");
    }

    private static void pcButton(QtestFunctions.Launcher l) {
        try (QTestState qts = l.init("-machine pc")) {
            qts.outl(0xcf8, PM_CONFIG | 0x40);
            qts.outl(0xcfc, PMBA | 1);
            qts.outl(0xcf8, PM_CONFIG | 0x80);
            qts.outb(0xcfc, 1); // PMREGMISC: PM I/O space on
            qts.irqInterceptIn("ioapic");
            qts.outw(PMBA, 0xffff); // clear every status bit
            powerdown(qts);
            Check.equal(0, qts.inw(PMBA) & 0x100, "PWRBTN_STS stays clear while PWRBTN_EN is clear");
            Check.isTrue(!qts.getIrq(9), "SCI low");
            qts.outw(PMBA + 2, 0x100); // PWRBTN_EN
            powerdown(qts);
            Check.equal(0x100, qts.inw(PMBA) & 0x100, "PWRBTN_STS set");
            Check.isTrue(qts.getIrq(9), "SCI raised");
            qts.outw(PMBA, 0x100);
            Check.equal(0, qts.inw(PMBA) & 0x100, "PWRBTN_STS cleared by writing 1");
            Check.isTrue(!qts.getIrq(9), "SCI lowered");
        }
    }
}
