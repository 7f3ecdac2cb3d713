/**
 * libqos for IOMMU tests: the DMA engines that drive an IOMMU from a qtest ({@link
 * io.qtestjvm.qos.libqos.iommu.QIommuTestdev}, upstream's {@code qos-iommu-testdev}; {@link
 * io.qtestjvm.qos.libqos.iommu.QSmmuTestdev}, the 2025 RFC's device). The SMMUv3 helpers (stream tables, STEs, CDs,
 * page tables per granule and stage, command and event queues; upstream's {@code qos-smmuv3}) are in
 * {@code libqos.smmu}: they program the IOMMU, then a test calls
 * {@link io.qtestjvm.qos.libqos.iommu.QIommuTestdev#runDma} with the IOVA and the physical address they mapped it to.
 */
package io.qtestjvm.qos.libqos.iommu;
