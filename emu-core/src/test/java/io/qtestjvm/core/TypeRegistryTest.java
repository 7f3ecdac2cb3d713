package io.qtestjvm.core;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** QOM type hierarchy as qom-list-types reports it (qom/object.c object_class_dynamic_cast). */
class TypeRegistryTest {
    private static TypeDescriptor<Void> t(String name, String parent, boolean isAbstract, String... interfaces) {
        TypeDescriptor.Builder<Void> b = TypeDescriptor.<Void>builder(name, parent).interfaces(interfaces);
        return (isAbstract ? b.abstractType() : b).build();
    }

    private final TypeRegistry<Void> types = new TypeRegistry<Void>()
            .register(t("object", null, true))
            .register(t("interface", null, true))
            .register(t("pci-express-device", "interface", true))
            .register(t("conventional-pci-device", "interface", true))
            .register(t("device", "object", true))
            .register(t("pci-device", "device", true))
            .register(t("virtio-pci", "pci-device", true, "pci-express-device", "conventional-pci-device"))
            .register(t("virtio-blk-pci", "virtio-pci", false))
            .register(t("sdhci-pci", "pci-device", false, "conventional-pci-device"))
            .register(t("sysbus-device", "device", true))
            .register(t("generic-sdhci", "sysbus-device", false));

    private List<String> names(List<TypeDescriptor<Void>> list) {
        return list.stream().map(TypeDescriptor::name).toList();
    }

    @Test
    void isAFollowsParents() {
        assertTrue(types.isA("virtio-blk-pci", "virtio-blk-pci"));
        assertTrue(types.isA("virtio-blk-pci", "pci-device"));
        assertTrue(types.isA("virtio-blk-pci", "object"));
        assertFalse(types.isA("generic-sdhci", "pci-device"));
        assertFalse(types.isA("pci-device", "virtio-pci"));
        assertFalse(types.isA("unknown-type", "object"));
    }

    @Test
    void isAFollowsInterfacesOfAncestorsAndTheInterfacesOwnParents() {
        assertTrue(types.isA("virtio-blk-pci", "pci-express-device"));
        assertTrue(types.isA("virtio-blk-pci", "interface"));
        assertTrue(types.isA("sdhci-pci", "conventional-pci-device"));
        assertFalse(types.isA("sdhci-pci", "pci-express-device"));
    }

    @Test
    void listFiltersByImplementedTypeAndAbstractness() {
        assertEquals(List.of("virtio-blk-pci", "sdhci-pci"), names(types.list("pci-device", false)));
        assertEquals(List.of("pci-device", "virtio-pci", "virtio-blk-pci", "sdhci-pci"),
                names(types.list("pci-device", true)));
        assertEquals(List.of("virtio-blk-pci", "sdhci-pci"), names(types.list("conventional-pci-device", false)));
        assertEquals(List.of("virtio-blk-pci", "sdhci-pci", "generic-sdhci"), names(types.list(null, false)));
    }

    @Test
    void registeredTypesAreFound() {
        assertTrue(types.contains("sdhci-pci"));
        assertEquals("pci-device", types.get("sdhci-pci").parent());
        assertTrue(types.get("virtio-pci").isAbstract());
        assertEquals(List.of("pci-express-device", "conventional-pci-device"),
                types.get("virtio-pci").interfaces());
    }
}
