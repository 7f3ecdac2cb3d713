package io.qtestjvm.server.monitor;

import io.qtestjvm.server.qmp.JsonValue;

import java.util.function.Supplier;

/**
 * One property of a QOM object as {@code qom-list} names it ({@code ObjectProperty.name} and {@code .type}, e.g.
 * {@code child<edu>}, {@code link<bus>}, {@code bool}) with the value {@code qom-get} returns.
 */
record QomProperty(String name, String type, Supplier<JsonValue> value) {
}
