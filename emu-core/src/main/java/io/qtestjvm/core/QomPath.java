package io.qtestjvm.core;

import java.util.ArrayList;
import java.util.List;

/**
 * QOM path resolution as QMP's {@code qom-get}/{@code qom-list} answer it: an absolute path walks from the root;
 * a partial path (no leading {@code /}) matches any object whose path ends with the given components, and
 * resolves only when exactly one object matches. Components are child names only: {@code .} and {@code ..} name
 * no child (QEMU 7.2 answers {@code /machine/../machine} with DeviceNotFound).
 */
public final class QomPath {
    private QomPath() {
    }

    public static QomObject resolve(QomObject root, String path) {
        if (path == null || path.isEmpty()) {
            return null;
        }
        if (path.startsWith("/")) {
            return resolveAbsolute(root, path);
        }
        String[] parts = path.split("/", -1);
        for (String part : parts) {
            if (part.isEmpty()) {
                return null;
            }
        }
        List<QomObject> matches = new ArrayList<>();
        for (QomObject o : root.descendants()) {
            if (endsWith(o, parts)) {
                matches.add(o);
            }
        }
        return matches.size() == 1 ? matches.get(0) : null;
    }

    private static QomObject resolveAbsolute(QomObject root, String path) {
        QomObject o = root;
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            o = o.child(part);
            if (o == null) {
                return null;
            }
        }
        return o;
    }

    private static boolean endsWith(QomObject o, String[] parts) {
        QomObject cur = o;
        for (int i = parts.length - 1; i >= 0; i--) {
            if (cur == null || cur.parent() == null || !parts[i].equals(cur.name())) {
                return false;
            }
            cur = cur.parent();
        }
        return true;
    }
}
