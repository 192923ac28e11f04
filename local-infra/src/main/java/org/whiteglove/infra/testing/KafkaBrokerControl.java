package org.whiteglove.infra.testing;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import java.lang.management.ManagementFactory;

/**
 * Takes the shared embedded broker away and brings it back on the same port with its data, for tests
 * of what happens while Kafka is down. The broker is reached through the platform MBean server because
 * the test and the test resource that started it may live in different class loaders.
 */
public final class KafkaBrokerControl {

    private static final ObjectName NAME = name();

    private KafkaBrokerControl() {
    }

    /** What the shared broker offers; an MBean interface, so only JDK types cross the class loaders. */
    public interface Broker {
        void stop();

        void start();
    }

    static void register(Broker broker) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (!server.isRegistered(NAME)) {
                server.registerMBean(new StandardMBean(broker, Broker.class), NAME);
            }
        } catch (JMException e) {
            throw new IllegalStateException("cannot publish the test broker's control", e);
        }
    }

    /** False in Testcontainers mode, where the broker is not ours to stop. */
    public static boolean available() {
        return ManagementFactory.getPlatformMBeanServer().isRegistered(NAME);
    }

    public static void stop() {
        invoke("stop");
    }

    public static void start() {
        invoke("start");
    }

    private static void invoke(String operation) {
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(NAME, operation, null, null);
        } catch (JMException e) {
            throw new IllegalStateException("cannot " + operation + " the test broker", e);
        }
    }

    private static ObjectName name() {
        try {
            return new ObjectName("org.whiteglove.test:type=KafkaBroker");
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
    }
}
