package io.qtestjvm.core;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** QOM type hierarchy as qom-list-types reports it (qom/object.c object_class_dynamic_cast). */
class TypeRegistryTest {
    private final TypeRegistry types = new TypeRegistry()
            .register("object", null, true)
            .register("interface", null, true)
            .register("pci-express-device", "interface", true)
            .register("conventional-pci-device", "interface", true)
            .register("device", "object", true)
            .register("pci-device", "device", true)
            .register("virtio-pci", "pci-device", true, "pci-express-device", "conventional-pci-device")
            .register("virtio-blk-pci", "virtio-pci", false)
            .register("sdhci-pci", "pci-device", false, "conventional-pci-device")
            .register("sysbus-device", "device", true)
            .register("generic-sdhci", "sysbus-device", false);

    private List<String> names(List<TypeRegistry.TypeInfo> list) {
        return list.stream().map(TypeRegistry.TypeInfo::name).toList();
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
