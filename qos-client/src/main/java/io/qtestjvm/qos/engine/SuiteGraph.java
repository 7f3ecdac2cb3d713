package io.qtestjvm.qos.engine;

import io.qtestjvm.qos.libqos.LibqosNodes;
import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.qgraph.QosAllocator;
import io.qtestjvm.qos.qgraph.QosEdgeOptions;
import io.qtestjvm.qos.qgraph.QosGraph;
import io.qtestjvm.qos.qgraph.QosTestOptions;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The graph of one suite class: every libqos node, then what the class registers ({@link QosGraphSuite}) and its
 * {@link QosTest} methods, in the order of their names (reflection gives no declaration order).
 */
final class SuiteGraph {
    private SuiteGraph() {
    }

    /** Whether {@code c} is a suite: a concrete class implementing {@link QosGraphSuite} or with a QosTest method. */
    static boolean isSuite(Class<?> c) {
        if (c.isInterface() || Modifier.isAbstract(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass()) {
            return false;
        }
        if (QosGraphSuite.class.isAssignableFrom(c)) {
            return true;
        }
        try {
            return !testMethods(c).isEmpty();
        } catch (LinkageError e) {
            return false; // a class whose methods cannot be resolved is not ours to run
        }
    }

    static List<Method> testMethods(Class<?> c) {
        List<Method> out = new ArrayList<>();
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Method m : k.getDeclaredMethods()) {
                if (m.isAnnotationPresent(QosTest.class)) {
                    out.add(m);
                }
            }
        }
        out.sort(Comparator.comparing(Method::getName));
        return out;
    }

    /** A fresh graph for {@code c}, nothing available yet. */
    static QosGraph<QTestState> build(Class<?> c) {
        QosGraph<QTestState> g = new QosGraph<>();
        LibqosNodes.registerAll(g);
        if (QosGraphSuite.class.isAssignableFrom(c)) {
            ((QosGraphSuite) instantiate(c)).register(g);
        }
        for (Method m : testMethods(c)) {
            QosTest t = m.getAnnotation(QosTest.class);
            String name = t.name().isEmpty() ? m.getName() : t.name();
            QosTestOptions opts = QosTestOptions.none().withEdge(new QosEdgeOptions(blankToNull(t.extraDeviceOpts()),
                    blankToNull(t.beforeCmdLine()), blankToNull(t.afterCmdLine()), blankToNull(t.edgeName()), null));
            if (!t.needsVirtualTime().isEmpty()) {
                opts = opts.withNeedsVirtualTime(t.needsVirtualTime());
            }
            m.setAccessible(true);
            g.addTest(name, t.consumes(), (obj, arg, alloc) -> invoke(c, m, obj, arg, alloc), opts);
        }
        return g;
    }

    private static void invoke(Class<?> c, Method m, Object obj, Object arg, QosAllocator alloc) {
        Class<?>[] types = m.getParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            if (QosAllocator.class.isAssignableFrom(types[i]) && types[i].isInstance(alloc)) {
                args[i] = alloc;
            } else if (types[i] != Object.class && types[i].isInstance(obj)) {
                args[i] = obj;
            } else if (types[i] == Object.class) {
                args[i] = arg;
            } else {
                throw new IllegalArgumentException(m + ": parameter " + i + " (" + types[i].getName()
                        + ") is neither the consumed object (" + (obj == null ? "null" : obj.getClass().getName())
                        + ") nor a QosAllocator");
            }
        }
        Object target = Modifier.isStatic(m.getModifiers()) ? null : instantiate(c);
        try {
            m.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(m + " is not accessible", e);
        }
    }

    private static Object instantiate(Class<?> c) {
        try {
            Constructor<?> k = c.getDeclaredConstructor();
            k.setAccessible(true);
            return k.newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(c.getName() + "'s constructor threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(c.getName() + " needs a no-argument constructor", e);
        }
    }

    private static String blankToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
