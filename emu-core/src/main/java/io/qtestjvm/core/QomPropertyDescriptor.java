package io.qtestjvm.core;

import java.util.function.Function;

/**
 * A property {@code qom-list} shows on objects of a type, with its QOM type ({@code bool}, {@code uint64},
 * {@code int32}, {@code string}, {@code link<bus>}) and how {@code qom-get} reads it: a {@link Boolean}, a
 * {@link Long} (unsigned for {@code uint*}), a {@link String}, or null when the object does not have it (e.g.
 * {@code parent_bus} of a device on no bus).
 *
 * @param name    the property name
 * @param qomType the type {@code qom-list} reports
 * @param getter  reads the value off an object of the type
 */
public record QomPropertyDescriptor(String name, String qomType, Function<QomObject, Object> getter) {
}
