package org.example.sdhci;

import io.qtestjvm.qos.engine.QosTest;
import io.qtestjvm.qos.libqos.sdhci.QSdhci;

/**
 * An external project's graph tests on the {@code sdhci} interface: the engine runs each method once for every
 * graph path that reaches an SD Host Controller (sdhci-pci on pc, the raspi2b's generic-sdhci), on each configured
 * backend. Register offsets and fields are those of the SD Host Controller Simplified Specification 3.00, 2.2.
 */
public class SdhciCapabilitiesTest {
    private static final int BLOCK_SIZE = 0x04;
    private static final int CAPABILITIES = 0x40;
    private static final int SOFTWARE_RESET = 0x2f;
    private static final int HOST_CONTROLLER_VERSION = 0xfe;

    /** 2.2.26: the capabilities register reads as the machine's controller is configured. */
    @QosTest(consumes = "sdhci")
    void capabilitiesAreTheMachines(QSdhci sdhci) {
        long capab = sdhci.readq(CAPABILITIES);
        expect(sdhci.props().capareg(), capab, "capabilities");
    }

    /** 2.2.33: the specification version number in bits 7:0 (0 for 1.00) is the machine's. */
    @QosTest(consumes = "sdhci")
    void specificationVersionIsTheMachines(QSdhci sdhci) {
        expect(sdhci.props().version(), (sdhci.readw(HOST_CONTROLLER_VERSION) & 0xff) + 1,
                "specification version");
    }

    /** 2.2.2 and 2.2.12: Software Reset For All clears the Block Size register. */
    @QosTest(consumes = "sdhci", name = "reset-all-clears-block-size")
    void resetAllClearsBlockSize(QSdhci sdhci) {
        sdhci.writew(BLOCK_SIZE, 0x200);
        expect(0x200, sdhci.readw(BLOCK_SIZE), "block size before the reset");
        sdhci.writeb(SOFTWARE_RESET, 0x01);
        expect(0, sdhci.readw(BLOCK_SIZE), "block size after Software Reset For All");
    }

    private static void expect(long expected, long actual, String what) {
        if (expected != actual) {
            throw new AssertionError(what + ": 0x" + Long.toHexString(actual) + ", expected 0x"
                    + Long.toHexString(expected));
        }
    }
}
