package io.qtestjvm.server.board;

import io.qtestjvm.server.cli.StartupException;
import io.qtestjvm.server.qtest.Compat;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The virt board against values observed on Debian's QEMU 7.2 ({@code -M virt -accel tcg -S}, qtest reads and
 * {@code info mtree}/{@code qom-list}); each test names the behaviour it pins.
 */
class VirtBoardTest {
    private static VirtMachine virt(String props, String args) throws StartupException {
        return VirtMachine.start("aarch64", props, args);
    }

    private static String type(VirtMachine m, int n) {
        var o = io.qtestjvm.core.QomPath.resolve(m.board.qomRoot(), "/machine/unattached/device[" + n + "]");
        return o == null ? null : o.typeName();
    }

    @Test
    void unattachedDevicesComeInQemusCreationOrder() throws StartupException {
        VirtMachine m = virt("", "");
        String[] expected = {"cortex-a15-arm-cpu", "arm_gic", "arm-gicv2m", "pl011", "pl031", "gpex-pcihost",
            "virtio-net-pci", "pl061", "gpio-key"};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], type(m, i), "device[" + i + "]");
        }
        assertEquals("virtio-mmio", type(m, 9));
        assertEquals("virtio-mmio", type(m, 40));
        assertEquals("platform-bus-device", type(m, 41));
        assertNull(type(m, 42));
        assertEquals("virt-7.2-machine", m.board.qomRoot().child("machine").typeName());
    }

    @Test
    void smmuNodeFollowsTheNicAndGicv3BringsItsIts() throws StartupException {
        VirtMachine s = virt("iommu=smmuv3", "");
        assertEquals("virtio-net-pci", type(s, 6));
        assertEquals("arm-smmuv3", type(s, 7));
        VirtMachine v3 = virt("gic-version=3", "-cpu max -smp 1");
        assertEquals("max-arm-cpu", type(v3, 0));
        assertEquals("arm-gicv3", type(v3, 1));
        assertEquals("arm-gicv3-its", type(v3, 2));
        VirtMachine none = virt("", "-net none");
        assertEquals("pl061", type(none, 6));
    }

    @Test
    void highEcamShowsRootComplexAndLowEcamIsUnmappedWithHighmem() throws StartupException {
        VirtMachine m = virt("", "-device edu,addr=2");
        assertEquals(0x0008_1b36L, m.readl(0x40_1000_0000L));
        assertEquals(0L, m.readl(0x3f00_0000L));
        assertEquals(0x0010_0000_11e8_1234L, Long.decode(m.value("readq 0x4010010000")));
        assertEquals(0x1000_1af4L, m.readl(0x40_1000_8000L), "default NIC at 01.0");
        VirtMachine low = virt("highmem=off", "");
        assertEquals(0x0008_1b36L, low.readl(0x3f00_0000L));
        assertEquals(0L, low.readl(0x40_1000_0000L));
    }

    @Test
    void ecamAnswersAllOnesForAbsentFunctionsOtherBusesAndPastTheConfigSpace() throws StartupException {
        VirtMachine m = virt("", "-device edu,addr=2");
        assertEquals("0x00000000ffffffff", m.value("readl 0x4010018000"));
        assertEquals("0x000000000000ffff", m.value("readw 0x4010018000"));
        assertEquals("0xffffffffffffffff", m.value("readq 0x4010018000"));
        assertEquals("0x00000000ffffffff", m.value("readl 0x4010100000"));
        assertEquals("0x00000000ffffffff", m.value("readl 0x401ff00000"));
        assertEquals("0x00000000ffffffff", m.value("readl 0x4010010100"));
        assertEquals("0x00000000ffffffff", m.value("readl 0x4010000ffc"));
    }

    @Test
    void unalignedEcamReadsReturnTheBytesTheyCover() throws StartupException {
        VirtMachine m = virt("", "-device edu,addr=2");
        assertEquals("0x000000000011e812", m.value("readl 0x4010010001"));
        assertEquals("0x00000000000011e8", m.value("readl 0x4010010002"));
        assertEquals("0x000000000000e812", m.value("readw 0x4010010001"));
        assertEquals("0x0000000000000011", m.value("readw 0x4010010003"));
        assertEquals("OK 0x3412e8", m.qtest("read 0x4010010000 3").trim());
    }

    @Test
    void barSizingThroughEcamAndEmptyWindowsReadAllOnes() throws StartupException {
        VirtMachine m = virt("", "-device edu,addr=2");
        m.qtest("writeq 0x4010010010 0xffffffffffffffff");
        assertEquals("0x00000000fff00000", m.value("readl 0x4010010010"));
        assertEquals("0x0000000000000000", m.value("readl 0x4010010014"));
        assertEquals("0x00000000000000ff", m.value("readb 0x3eff0000"));
        assertEquals("0x00000000ffffffff", m.value("readl 0x10000000"));
        assertEquals("0x00000000ffffffff", m.value("readl 0x3efefffc"));
        assertEquals("0x00000000ffffffff", m.value("readl 0x8000000000"));
        assertEquals("0x0000000000000000", m.value("readl 0xc000000"), "platform bus");
    }

    @Test
    void eduMsiThroughTheGicv2mFrameIsAPulseOnItsSpi() throws StartupException {
        VirtMachine m = virt("", "");
        m.qtest("irq_intercept_in /machine/unattached/device[1]");
        assertEquals("IRQ raise 48\nIRQ lower 48\nOK\n", m.qtest("writel 0x8020040 0x50"));
        assertEquals("IRQ raise 49\nIRQ lower 49\nOK\n", m.qtest("writel 0x8020040 0x51"));
        assertEquals("OK\n", m.qtest("writel 0x8020040 0x4f"));
        assertEquals("OK\n", m.qtest("writel 0x8020040 0x90"));
        assertEquals(0x0050_0040L, m.readl(0x0802_0008L));
        assertEquals(0x0510_0000L, m.readl(0x0802_0fccL));
    }

    @Test
    void gicv2RegistersReadAsOnQemu() throws StartupException {
        VirtMachine m = virt("", "");
        assertEquals(0x8L, m.readl(0x0800_0004L));
        assertEquals(0x43bL, m.readl(0x0800_0008L));
        assertEquals(0xffffL, m.readl(0x0800_0100L));
        assertEquals(0xffffL, m.readl(0x0800_0180L));
        assertEquals(0L, m.readl(0x0800_0800L));
        assertEquals(0xaaaa_aaaaL, m.readl(0x0800_0c00L));
        assertEquals(0L, m.readl(0x0800_0c08L));
        long[] ids = {0x04, 0, 0, 0, 0x90, 0xb4, 0x2b, 0, 0x0d, 0xf0, 0x05, 0xb1};
        for (int i = 0; i < ids.length; i++) {
            assertEquals(ids[i], m.readl(0x0800_0fd0L + 4 * i), "ID at 0x" + Integer.toHexString(0xfd0 + 4 * i));
        }
        assertEquals("0x0000000800000000", m.value("readq 0x8000000"));
        assertEquals(0x3ffL, m.readl(0x0801_000cL));
        assertEquals(0xffL, m.readl(0x0801_0014L));
        assertEquals(0x3ffL, m.readl(0x0801_0018L));
        assertEquals(0x0002_043bL, m.readl(0x0801_00fcL));
    }

    @Test
    void gicv2AcknowledgesAnEnabledPendingSpiThroughTheCpuInterface() throws StartupException {
        VirtMachine m = virt("", "");
        m.qtest("writel 0x8000000 1"); // distributor on
        m.qtest("writel 0x8010000 1"); // CPU interface on
        m.qtest("writel 0x8010004 0xff"); // priority mask lets everything through
        m.qtest("writel 0x8000104 0x20"); // enable INTID 37 = SPI 5
        m.board.spi(5).raise();
        assertEquals(37L, m.readl(0x0801_0018L), "HPPIR");
        assertEquals(1, m.board.cpu(0).inputHigh(0) ? 1 : 0, "CPU IRQ line");
        assertEquals(37L, m.readl(0x0801_000cL), "IAR");
        assertEquals(0x3ffL, m.readl(0x0801_000cL), "active: nothing else to take");
        m.board.spi(5).lower();
        m.qtest("writel 0x8010010 37");
        assertEquals(0xffL, m.readl(0x0801_0014L), "idle after EOI");
    }

    @Test
    void gicv3DistributorRedistributorAndItsResetValues() throws StartupException {
        VirtMachine m = virt("gic-version=3", "-cpu max");
        assertEquals(0x50L, m.readl(0x0800_0000L));
        assertEquals(0x037a_0007L, m.readl(0x0800_0004L));
        assertEquals(0x3bL, m.readl(0x0800_ffe8L));
        assertEquals(0x43bL, m.readl(0x080a_0004L));
        assertEquals("0x0000000001000011", m.value("readq 0x80a0008"));
        assertEquals(0x6L, m.readl(0x080a_0014L));
        assertEquals(0xaaaa_aaaaL, m.readl(0x080b_0c00L));
        assertEquals(0x8000_0000L, m.readl(0x0808_0000L));
        assertEquals("0x0000001f0001efb1", m.value("readq 0x8080008"));
        assertEquals("0x0107000000000200", m.value("readq 0x8080100"));
        assertEquals("0x0407000000000200", m.value("readq 0x8080108"));
        VirtMachine two = virt("gic-version=3", "-cpu max -smp 2");
        assertEquals(0x0100_0001L, two.readl(0x080a_0008L));
        assertEquals(0x0100_0111L, two.readl(0x080c_0008L));
        assertEquals(1L, two.readl(0x080c_000cL));
    }

    @Test
    void primeCellRegistersAndIds() throws StartupException {
        VirtMachine m = virt("", "");
        assertEquals(0x90L, m.readl(0x0900_0018L));
        assertEquals(0x300L, m.readl(0x0900_0030L));
        assertEquals(0x12L, m.readl(0x0900_0034L));
        assertEquals("0x0000001000000011", m.value("readq 0x9000fe0"));
        long[] uart = {0x11, 0x10, 0x14, 0, 0x0d, 0xf0, 0x05, 0xb1};
        long[] rtc = {0x31, 0x10, 0x14, 0, 0x0d, 0xf0, 0x05, 0xb1};
        long[] gpio = {0x61, 0x10, 0x04, 0, 0x0d, 0xf0, 0x05, 0xb1};
        for (int i = 0; i < 8; i++) {
            assertEquals(uart[i], m.readl(0x0900_0fe0L + 4 * i));
            assertEquals(rtc[i], m.readl(0x0901_0fe0L + 4 * i));
            assertEquals(gpio[i], m.readl(0x0903_0fe0L + 4 * i));
        }
        assertEquals(1L, m.readl(0x0901_000cL), "RTC started");
        m.qtest("irq_intercept_in /machine/unattached/device[1]");
        m.qtest("writel 0x9000038 0x20"); // UART: TX interrupt unmasked
        assertEquals("IRQ raise 1\nOK\n", m.qtest("writel 0x9000000 0x41"));
        assertEquals("IRQ lower 1\nOK\n", m.qtest("writel 0x9000044 0x20"));
    }

    @Test
    void fwCfgMmioSelectorDataAndDmaSignature() throws StartupException {
        VirtMachine m = virt("", "");
        assertEquals("0x00000000554d4551", m.value("readq 0x9020000"));
        assertEquals("0x0000000000000000", m.value("readl 0x9020000"));
        assertEquals("0x0000000000000000", m.value("readw 0x9020008"));
        assertEquals("0x47464320554d4551", m.value("readq 0x9020010"));
        assertEquals("0x0000000047464320", m.value("readl 0x9020014"));
        m.qtest("writew 0x9020008 0x0100");
        assertEquals("0x0000000000000003", m.value("readb 0x9020000"));
        assertEquals("0x0000000000000000", m.value("readw 0x9020000"));
        m.qtest("writew 0x9020008 0x0500");
        assertEquals("0x0000000000000001", m.value("readq 0x9020000"), "NB_CPUS");
        m.qtest("writew 0x9020008 0x0300");
        assertEquals("0x0000000000000000", m.value("readq 0x9020000"), "no RAM_SIZE item on arm");
        m.qtest("writew 0x9020008 0x1900");
        m.qtest("readl 0x9020000");
        m.qtest("readl 0x9020000");
        m.qtest("writel 0x9020008 0x0000"); // dropped: the selector takes 16-bit writes only
        assertEquals("0x0000000000002000", m.value("readl 0x9020000"), "first file's select key 0x20");
        m.qtest("writeb 0x9020008 0x01");
        assertEquals("0x00000000736f6962", m.value("readl 0x9020000"), "\"bios\"-geometry");
    }

    @Test
    void emptyVirtioMmioSlotsReadMagicLegacyVersionAndDeviceIdZero() throws StartupException {
        VirtMachine m = virt("", "");
        for (int n : new int[] {0, 31}) {
            long base = 0x0a00_0000L + n * 0x200L;
            assertEquals(0x7472_6976L, m.readl(base));
            assertEquals(1L, m.readl(base + 4));
            assertEquals(0L, m.readl(base + 8));
            assertEquals(0x554d_4551L, m.readl(base + 0xc));
            m.qtest("writel 0x" + Long.toHexString(base + 0x28) + " 0x200");
            assertEquals(0L, m.readl(base + 0x28), "writes to an empty slot are dropped");
        }
        assertEquals("0x0000000000000076", m.value("readb 0xa000000"));
        assertEquals("0x0000000000006976", m.value("readw 0xa000000"));
        assertEquals("0x0000000000000000", m.value("readb 0xa000001"));
        assertEquals("0x0000000000010000", m.value("readl 0xa000002"));
        assertEquals("0x0000000174726976", m.value("readq 0xa000000"));
    }

    @Test
    void virtioMmioSlotNDrivesSpi16PlusN() throws StartupException {
        VirtMachine m = virt("", "");
        m.qtest("irq_intercept_in /machine/unattached/device[1]");
        m.board.transport(31).irqOut().raise();
        assertEquals("IRQ raise 47\nOK 0x0000000000000000\n", m.qtest("readl 0x0"));
        assertEquals(true, ((io.qtestjvm.devices.arm.Gicv2) m.board.gic()).pending(32 + 16 + 31));
    }

    @Test
    void ramIsSparseAndLimitedWithoutHighmem() throws StartupException {
        VirtMachine m = virt("", "-m 4G");
        m.qtest("writeq 0x13fffff00 0x1122334455667788");
        assertEquals("0x1122334455667788", m.value("readq 0x13fffff00"));
        assertEquals("0x0000000000000000", m.value("readl 0x48000000"));
        StartupException e = assertThrows(StartupException.class,
                () -> VirtMachine.board(Compat.parse("7.2"), "aarch64", "highmem=off", "-m 4G"));
        assertEquals("Addressing limited to 32 bits, but memory exceeds it by 1073741824 bytes\n", e.getMessage());
    }

    @Test
    void optionErrorsAreQemus() {
        assertEquals("gic-version=4 requires virtualization enabled", error("gic-version=4", ""));
        assertEquals("gic-version=host requires KVM", error("gic-version=host", ""));
        assertEquals("Invalid gic-version value\nValid values are 3, 2, host, max.", error("gic-version=5", ""));
        assertEquals("Invalid iommu value\nValid values are none, smmuv3.", error("iommu=foo", ""));
        assertEquals("Parameter 'acpi' does not accept value 'foo'", error("acpi=foo", ""));
        assertEquals("Parameter 'highmem' expects 'on' or 'off'", error("highmem=foo", ""));
        assertEquals("unable to find CPU model 'host'", error("", "-cpu host"));
        assertEquals("mach-virt: CPU type cortex-m3-arm-cpu not supported", error("", "-cpu cortex-m3"));
    }

    @Test
    void gicVersionDefaultsToTwoMaxMeansThreeUnderTcgAndFourNeedsVirtualization() throws StartupException {
        assertEquals(2, VirtOptions.parse(java.util.Map.of(), null).gicVersion());
        assertEquals(3, VirtOptions.parse(java.util.Map.of("gic-version", "max"), null).gicVersion());
        assertEquals(4, VirtOptions.parse(java.util.Map.of("gic-version", "4", "virtualization", "on"), null)
                .gicVersion());
        assertEquals("MTE requested, but not supported by the guest CPU", error("mte=on", "-cpu cortex-a72"));
        assertEquals(true, VirtOptions.parse(java.util.Map.of("mte", "on"), "max") != null);
    }

    @Test
    void gicv2TakesEightCpusAndGicv3More() throws StartupException {
        assertEquals("Number of SMP CPUs requested (9) exceeds max CPUs supported by machine 'mach-virt' (8)",
                error("", "-smp 9"));
        VirtMachine m = virt("gic-version=3", "-cpu max -smp 9");
        assertEquals("max-arm-cpu", type(m, 8));
        assertEquals("arm-gicv3", type(m, 9));
        assertEquals(0x0100_0811L, m.readl(0x080a_0000L + 8 * 0x2_0000L + 8), "the ninth redistributor is last");
    }

    private static String error(String props, String args) {
        return assertThrows(StartupException.class,
                () -> VirtMachine.board(Compat.parse("7.2"), "aarch64", props, args)).getMessage();
    }

    @Test
    void deviceErrorsAndHotplugAreQemus() throws StartupException {
        assertEquals("-device sd-card: No 'sd-bus' bus found for device 'sd-card'", error("", "-device sd-card", true));
        assertEquals("-device edu,addr=0: PCI: slot 0 function 0 not available for edu, in use by gpex-root,id=(null)",
                error("", "-device edu,addr=0", true));
        assertEquals("-device edu,addr=1: PCI: slot 1 function 0 not available for edu, in use by "
                + "virtio-net-pci,id=(null)", error("", "-device edu,addr=1", true));
        assertEquals("-device edu,id=a: Duplicate ID 'a' for device", error("", "-device edu,id=a -device edu,id=a",
                true));
        assertEquals("-device foo: 'foo' is not a valid device model name", error("", "-device foo", true));
        assertEquals("-device edu,bar=1: Property 'edu.bar' not found", error("", "-device edu,bar=1", true));
        VirtMachine m = virt("", "-device edu,id=e0");
        io.qtestjvm.core.QemuOpts edu = io.qtestjvm.core.QemuOpts.parse("edu,id=e1", "driver");
        assertEquals("Bus 'pcie.0' does not support hotplugging",
                assertThrows(StartupException.class, () -> m.board.hotplug(edu)).getMessage());
        io.qtestjvm.core.QemuOpts card = io.qtestjvm.core.QemuOpts.parse("sd-card", "driver");
        assertEquals("No 'sd-bus' bus found for device 'sd-card'",
                assertThrows(StartupException.class, () -> m.board.hotplug(card)).getMessage());
        io.qtestjvm.core.Device e0 = m.board.devices().stream().filter(d -> "e0".equals(d.id())).findFirst()
                .orElseThrow();
        assertEquals("Bus 'pcie.0' does not support hotplugging",
                assertThrows(StartupException.class, () -> m.board.unplugRequest(e0)).getMessage());
    }

    @Test
    void sdhciPciOnTheGpexBusAnswersThroughEcam() throws StartupException {
        VirtMachine m = virt("", "-net none -device sdhci-pci,addr=04.0");
        assertEquals(0x0007_1b36L, m.readl(0x40_1002_0000L));
        assertEquals("0x00000000ffffffff", m.value("readl 0x4010008000"), "no NIC with -net none");
    }

    private static String error(String props, String args, boolean plug) {
        return assertThrows(StartupException.class, () -> VirtMachine.start("aarch64", props, args)).getMessage();
    }

    @Test
    void randomAccessesAcrossTheDeviceWindowsAlwaysAnswerOk() throws StartupException {
        long[][] windows = {{0x0800_0000L, 0x10_0000L}, {0x0900_0000L, 0x6_0000L}, {0x0a00_0000L, 0x4000L},
            {0x3eff_0000L, 0x1_0000L}, {0x40_1000_0000L, 0x2_0000L}, {0x1000_0000L, 0x1000L}};
        String[] reads = {"readb", "readw", "readl", "readq"};
        String[] writes = {"writeb", "writew", "writel", "writeq"};
        for (String props : new String[] {"", "gic-version=3", "secure=on", "gic-version=4,virtualization=on"}) {
            VirtMachine m = virt(props, "-device edu,addr=2 -device sdhci-pci,addr=3");
            java.util.SplittableRandom r = new java.util.SplittableRandom(11);
            for (int i = 0; i < 4000; i++) {
                long[] w = windows[r.nextInt(windows.length)];
                long addr = w[0] + r.nextLong(w[1]);
                int k = r.nextInt(4);
                String cmd = r.nextBoolean() ? reads[k] + " 0x" + Long.toHexString(addr)
                        : writes[k] + " 0x" + Long.toHexString(addr) + " 0x" + Long.toHexString(r.nextLong());
                String reply = m.qtest(cmd);
                String last = reply.substring(reply.lastIndexOf('\n', reply.length() - 2) + 1);
                org.junit.jupiter.api.Assertions.assertTrue(last.startsWith("OK"), props + ": " + cmd + " -> "
                        + reply);
            }
        }
    }
}
