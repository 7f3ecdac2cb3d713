package io.qtestjvm.qos.tests;

import io.qtestjvm.qos.libqos.iommu.QIommuTestdev;
import io.qtestjvm.qos.libqos.iommu.QSmmuTestdev;
import io.qtestjvm.qos.libqos.pci.PciBusGeneric;
import io.qtestjvm.qos.libqos.pci.QPciDevice;
import io.qtestjvm.qos.libqos.smmu.SmmuCd;
import io.qtestjvm.qos.libqos.smmu.SmmuRegs;
import io.qtestjvm.qos.libqos.smmu.SmmuSte;
import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.libqtest.QtestFunctions;

import java.util.List;

/**
 * Two plain aarch64 tests of the SMMUv3 on {@code virt,iommu=smmuv3}, re-created from what their originals check:
 * <ul>
 * <li>upstream QEMU's {@code iommu-smmuv3-test} ({@code /aarch64/iommu-testdev/translation/ns-s1-only},
 *     {@code ns-s2-only}, {@code ns-nested}): one STE at StreamID = the device's devfn in a linear table of 32
 *     entries, a CD for the stage-1 modes, and one 4K four-level walk for IOVA 0x8080604567 whose four tables serve
 *     both stages (stage 2 maps every table page and the output page onto themselves), so the DMA of 4 bytes lands
 *     at 0x4ecba567 in every mode; the same addresses, attributes and register values as upstream's test;</li>
 * <li>the 2025 RFC's smoke test ({@code /aarch64/smmu-testdev/mmio}): the device's own table builder for stage 1,
 *     stage 2 and nested, the RFC's SMMU programming, a 32-byte device-to-host DMA through the SMMU in each mode,
 *     and TRANS_CLEAR between modes.</li>
 * </ul>
 * Neither device is in Debian's QEMU 7.2 and DMA needs virtual time there, so both run on [jvm] and [jvm-process]
 * (under the default compat, where the devices are registered) and are not applicable on [qemu].
 */
public final class IommuSmmuv3Tests {
    static final String NOT_ON_QEMU = "DMA through the SMMU needs the main loop's virtual time, and Debian's QEMU 7.2 "
            + "has neither iommu-testdev nor smmu-testdev";

    // upstream's layout: every address is an offset into RAM (Non-secure space offset 0x4000_0000)
    static final long RAM = 0x4000_0000L;
    static final long IOVA = 0x80_8060_4567L;
    static final long TABLE_L0 = RAM + 0x0e4d_0000L;
    static final long[] TABLES = {TABLE_L0, RAM + 0x0e4d_1000L, RAM + 0x0e4d_2000L, RAM + 0x0e4d_3000L};
    static final long OUTPUT_PAGE = RAM + 0x0ecb_a000L;
    static final long STREAM_TABLE = RAM + 0x0e17_9000L;
    static final long CD = STREAM_TABLE - 0x40;
    static final long CMDQ = RAM + 0x0e16_b000L;
    static final long EVENTQ = RAM + 0x0e17_0000L;
    static final int QUEUE_LOG2 = 10;
    static final int STRTAB_LOG2 = 5;
    static final int DMA_LEN = 4;
    static final int ASID = 0x1e20;
    /** Table descriptor bits: valid, table, NSTable. */
    static final long TABLE_BITS = 0x8000_0000_0000_0003L;
    /** Stage-1 leaf read/write (AP 01) = stage-2 leaf read-only (S2AP 01); AF, SH inner, NS, bit 58. */
    static final long LEAF_S1_RW_S2_RO = 0x0400_0000_0000_0763L;
    /** Stage-2 leaf read/write (S2AP 11). */
    static final long LEAF_S2_RW = 0x0400_0000_0000_07e3L;

    /**
     * The paths registered here. Their devices exist only under the default compat (10.2), so runners that use an
     * older compat leave them out.
     */
    public static final List<String> PATHS = List.of("/aarch64/iommu-testdev/translation/ns-s1-only",
            "/aarch64/iommu-testdev/translation/ns-s2-only", "/aarch64/iommu-testdev/translation/ns-nested",
            "/aarch64/smmu-testdev/mmio");

    enum Mode { S1_ONLY, S2_ONLY, NESTED }

    private IommuSmmuv3Tests() {
    }

    public static void register(QtestFunctions reg) {
        if (!reg.arch().equals("aarch64")) {
            return;
        }
        reg.addNeedingVirtualTime("iommu-testdev/translation/ns-s1-only", NOT_ON_QEMU,
                l -> translation(l, Mode.S1_ONLY));
        reg.addNeedingVirtualTime("iommu-testdev/translation/ns-s2-only", NOT_ON_QEMU,
                l -> translation(l, Mode.S2_ONLY));
        reg.addNeedingVirtualTime("iommu-testdev/translation/ns-nested", NOT_ON_QEMU,
                l -> translation(l, Mode.NESTED));
        reg.addNeedingVirtualTime("smmu-testdev/mmio", NOT_ON_QEMU, IommuSmmuv3Tests::smmuTestdevSmoke);
    }

    static void translation(QtestFunctions.Launcher l, Mode mode) {
        try (QTestState qts = l.init("-machine virt,acpi=off,gic-version=3,iommu=smmuv3 -smp 1 -m 512 -cpu max "
                + "-net none -device iommu-testdev")) {
            QPciDevice pci = new PciBusGeneric(qts).find(QIommuTestdev.VENDOR_ID, QIommuTestdev.DEVICE_ID);
            Check.isTrue(pci != null, "iommu-testdev found on the root bus");
            pci.enable();
            QIommuTestdev dev = new QIommuTestdev(pci);
            long gpa = OUTPUT_PAGE + (IOVA & 0xfff);
            qts.memset(gpa, 0, DMA_LEN);
            buildTranslation(qts, mode, pci.devfn());
            programSmmu(qts, 0x0a, 0x0a);
            Check.equal(QIommuTestdev.RESULT_OK, dev.runDma(IOVA, gpa, DMA_LEN, QIommuTestdev.ATTRS_NS_VALID),
                    mode + " DMA result");
            Check.equalBytes(new byte[] {0x78, 0x56, 0x34, 0x12}, qts.memread(gpa, DMA_LEN),
                    mode + " pattern at the translated address");
        }
    }

    /** The STE (and CD, and the shared tables) for {@code mode} at StreamID {@code sid}. */
    static void buildTranslation(QTestState qts, Mode mode, int sid) {
        SmmuSte ste = SmmuSte.valid(switch (mode) {
            case S1_ONLY -> SmmuSte.CONFIG_S1;
            case S2_ONLY -> SmmuSte.CONFIG_S2;
            case NESTED -> SmmuSte.CONFIG_NESTED;
        }).s2T0sz(0x14).s2Sl0(2).s2Tg(SmmuSte.S2TG_4K).s2Ps(SmmuCd.PS_48).s2Aa64(true)
                .s1ContextPtr(CD).s2Ttb(TABLE_L0);
        ste.writeTo(qts, STREAM_TABLE + (long) SmmuSte.BYTES * sid);
        if (mode != Mode.S2_ONLY) {
            SmmuCd cd = new SmmuCd().asid(ASID).aa64(true).v(true).a(true).ips(SmmuCd.PS_44).epd1(true).t0sz(0x10)
                    .tg0(SmmuCd.TG0_4K).r(true).ttb0(TABLE_L0);
            cd.set(64, 64, 1); // NSCFG0
            cd.set(128, 128, 1); // NSCFG1
            cd.writeTo(qts, CD);
            for (int i = 0; i < 8; i++) {
                Check.equal(cd.word(i), qts.readq(CD + 8L * i), "CD word " + i + " reads back");
            }
        }
        long leafIpa = OUTPUT_PAGE;
        // stage 1 (or the stage-2-only walk of the IOVA as an IPA): L0..L2 link the shared tables, L3 the output
        for (int level = 0; level < 3; level++) {
            mapTablePage(qts, TABLES[level]);
            qts.writeq(entry(TABLES[level], level, IOVA), TABLES[level + 1] | TABLE_BITS);
        }
        mapTablePage(qts, TABLES[3]);
        qts.writeq(entry(TABLES[3], 3, IOVA), leafIpa | (mode == Mode.S2_ONLY ? LEAF_S2_RW : LEAF_S1_RW_S2_RO));
        // the final stage-2 walk of the output IPA (read/write)
        walkToLeaf(qts, leafIpa, leafIpa | LEAF_S2_RW);
        if (mode == Mode.NESTED) {
            mapTablePage(qts, CD);
        }
    }

    /** A stage-2 walk that maps the page holding {@code ipa} onto itself, read-only (a table or CD page). */
    private static void mapTablePage(QTestState qts, long ipa) {
        walkToLeaf(qts, ipa, (ipa & ~0xfffL) | LEAF_S1_RW_S2_RO);
    }

    /** Links L0..L2 of the shared tables for {@code ipa} and writes {@code leaf} at L3. */
    private static void walkToLeaf(QTestState qts, long ipa, long leaf) {
        for (int level = 0; level < 3; level++) {
            qts.writeq(entry(TABLES[level], level, ipa), TABLES[level + 1] | TABLE_BITS);
        }
        qts.writeq(entry(TABLES[3], 3, ipa), leaf);
    }

    /** The 4K-granule descriptor of {@code address} in the level-{@code level} table at {@code table}. */
    private static long entry(long table, int level, long address) {
        return table + 8 * ((address >>> (39 - 9 * level)) & 0x1ff);
    }

    /** GBPA update, CR0 off, CR1, both queues (2^10 entries), a linear table of 32 STEs, then CR0 = 0xd. */
    static void programSmmu(QTestState qts, int cmdqLog2Bits, int evtqLog2Bits) {
        long smmu = 0x0905_0000L;
        qts.writel(smmu + SmmuRegs.GBPA, SmmuRegs.GBPA_UPDATE);
        qts.writel(smmu + SmmuRegs.CR0, 0);
        qts.writel(smmu + SmmuRegs.CR1, 0x0d75);
        qts.writeq(smmu + SmmuRegs.CMDQ_BASE, CMDQ | cmdqLog2Bits);
        qts.writel(smmu + SmmuRegs.CMDQ_CONS, 0);
        qts.writel(smmu + SmmuRegs.CMDQ_PROD, 0);
        qts.writeq(smmu + SmmuRegs.EVENTQ_BASE, EVENTQ | evtqLog2Bits);
        qts.writel(smmu + SmmuRegs.EVENTQ_PROD, 0);
        qts.writel(smmu + SmmuRegs.EVENTQ_CONS, 0);
        qts.writel(smmu + SmmuRegs.STRTAB_BASE_CFG, STRTAB_LOG2);
        qts.writeq(smmu + SmmuRegs.STRTAB_BASE, STREAM_TABLE);
        qts.writel(smmu + SmmuRegs.CR0, SmmuRegs.CR0_SMMUEN | SmmuRegs.CR0_EVENTQEN | SmmuRegs.CR0_CMDQEN);
    }

    /**
     * The RFC's smoke test: the device at function 1 of device 0 (StreamID 1) whatever its slot; ATTR_NS reads 2;
     * for stage 1, stage 2 and nested: the device builds its tables (TRANS_DBELL clear, then build), the SMMU is
     * programmed as the RFC does (queue bases with RA set, the write to offset 0x3c it makes), a 32-byte DMA to the
     * RFC's IOVA in DMA_MODE 1 with the Non-secure attributes succeeds and writes the device's counting pattern at
     * the RFC's data address, and TRANS_CLEAR removes the structures.
     */
    static void smmuTestdevSmoke(QtestFunctions.Launcher l) {
        try (QTestState qts = l.init("-machine virt,acpi=off,gic-version=3,iommu=smmuv3 -display none -smp 1 -m 512 "
                + "-cpu max -net none -device smmu-testdev,device=0x0,function=0x1")) {
            QPciDevice pci = new PciBusGeneric(qts).find(QIommuTestdev.VENDOR_ID, QIommuTestdev.DEVICE_ID);
            Check.isTrue(pci != null, "smmu-testdev found on the root bus");
            pci.enable();
            QSmmuTestdev dev = new QSmmuTestdev(pci);
            Check.equal(0x2, dev.read(QSmmuTestdev.ATTR_NS), "ATTR_NS");
            long smmu = 0x0905_0000L;
            dev.write(QSmmuTestdev.SMMU_BASE_LO, (int) smmu);
            dev.write(QSmmuTestdev.SMMU_BASE_HI, 0);
            dev.write(QSmmuTestdev.DMA_IOVA_LO, (int) QSmmuTestdev.IOVA);
            dev.write(QSmmuTestdev.DMA_IOVA_HI, (int) (QSmmuTestdev.IOVA >>> 32));
            dev.write(QSmmuTestdev.DMA_LEN, 0x20);
            dev.write(QSmmuTestdev.DMA_DIR, QSmmuTestdev.DIR_DEVICE_TO_HOST);
            dev.write(QSmmuTestdev.ID, 1);
            dev.write(QSmmuTestdev.DMA_MODE, 1);
            for (int mode : new int[] {QSmmuTestdev.MODE_S1, QSmmuTestdev.MODE_S2, QSmmuTestdev.MODE_NESTED}) {
                qts.memset(QSmmuTestdev.DATA, 0, 0x20);
                dev.write(QSmmuTestdev.TRANS_MODE, mode);
                dev.write(QSmmuTestdev.S1_SPACE, 1);
                dev.write(QSmmuTestdev.S2_SPACE, 1);
                dev.write(QSmmuTestdev.TRANS_DBELL, 0x2);
                dev.write(QSmmuTestdev.TRANS_DBELL, 0x1);
                Check.equal(0, dev.read(QSmmuTestdev.TRANS_STATUS), "build status, mode " + mode);
                programSmmuAsTheRfc(qts, smmu);
                dev.write(QSmmuTestdev.DMA_ATTRS, 1 << 1);
                dev.write(QSmmuTestdev.DMA_DOORBELL, 1);
                dev.read(QSmmuTestdev.ID);
                int r = dev.read(QSmmuTestdev.DMA_RESULT);
                for (int i = 0; i < 1000 && r == QSmmuTestdev.RESULT_BUSY; i++) {
                    r = dev.read(QSmmuTestdev.DMA_RESULT);
                }
                Check.equal(0, r, "DMA result, mode " + mode);
                byte[] got = qts.memread(QSmmuTestdev.DATA, 0x20);
                for (int i = 0; i < 0x20; i++) {
                    Check.equal(0xa0 + (i & 0x1f), got[i] & 0xff, "mode " + mode + " byte " + i);
                }
                dev.write(QSmmuTestdev.TRANS_CLEAR, 1);
                Check.equal(0, qts.readq(QSmmuTestdev.STREAM_TABLE + SmmuSte.BYTES), "STE of StreamID 1 cleared");
            }
        }
    }

    private static void programSmmuAsTheRfc(QTestState qts, long b) {
        qts.writel(b + SmmuRegs.GBPA, SmmuRegs.GBPA_UPDATE);
        qts.writel(b + SmmuRegs.CR0, 0);
        qts.writel(b + SmmuRegs.CR1, 0x0d75);
        qts.writeq(b + SmmuRegs.CMDQ_BASE, 0x4000_0000_0e16_b00aL + RAM);
        qts.writel(b + SmmuRegs.CMDQ_CONS, 0);
        qts.writel(b + SmmuRegs.CMDQ_PROD, 0);
        qts.writeq(b + SmmuRegs.EVENTQ_BASE, 0x4000_0000_0e17_000aL + RAM);
        qts.writel(b + SmmuRegs.EVENTQ_PROD, 0);
        qts.writel(b + SmmuRegs.EVENTQ_CONS, 0);
        qts.writel(b + SmmuRegs.STRTAB_BASE_CFG, 0x5);
        qts.writeq(b + SmmuRegs.STRTAB_BASE, 0x4000_0000_0e17_9000L + RAM);
        qts.writel(b + 0x3c, 0x1);
        qts.writel(b + SmmuRegs.CR0, 0xd);
    }
}
