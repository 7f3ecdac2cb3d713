package io.qtestjvm.qos.libqos.sdhci;

/**
 * libqos' {@code QSDHCIProperties} (tests/qtest/libqos/sdhci.h): what sdhci-test checks of a controller.
 *
 * @param version   the SD Host Controller specification version (2 or 3)
 * @param baseClock the base clock in MHz the capabilities must show, or 0 when not checked
 * @param sdma      whether the capabilities offer SDMA
 * @param capareg   the whole capabilities register
 */
public record SdhciProps(int version, int baseClock, boolean sdma, long capareg) {
}
