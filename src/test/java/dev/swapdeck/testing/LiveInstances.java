package dev.swapdeck.testing;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * How many instances of a class this JVM holds that a full collection leaves alive: what
 * {@code jcmd <pid> GC.class_histogram} prints, asked of the running JVM itself. For tests that an
 * object is let go of (a timer, a cache, a listener must not keep what it refers to).
 */
public final class LiveInstances {
    private LiveInstances() {
    }

    /** Live instances of {@code type} after a full collection (the histogram collects first). */
    public static long of(Class<?> type) {
        String histogram;
        try {
            histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {null}, new String[] {String[].class.getName()});
        } catch (JMException e) {
            throw new IllegalStateException("this JVM cannot print a class histogram", e);
        }
        // rows: "   7:   9908   1030432  dev.swapdeck.proxy.UpstreamCall", a module may follow the name
        for (String row : histogram.split("\n")) {
            String[] columns = row.trim().split("\\s+");
            if (columns.length >= 4 && columns[3].equals(type.getName())) {
                return Long.parseLong(columns[1]);
            }
        }
        return 0;
    }
}
