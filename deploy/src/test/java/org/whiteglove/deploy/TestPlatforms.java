package org.whiteglove.deploy;

import org.apache.commons.io.FileUtils;
import org.whiteglove.deploy.check.Platform;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

/** Platforms for tests: their own state folder and free ports, so one someone already runs here is not touched. */
final class TestPlatforms {

    static final Path REPO = Path.of(System.getProperty("whiteglove.repo", "..")).toAbsolutePath().normalize();
    private static final Path TARGET = Path.of(System.getProperty("whiteglove.it.target", "target")).toAbsolutePath();

    private TestPlatforms() {
    }

    /**
     * A platform description with ports found free from the given bases; services on base+1..base+6. Keep the bases
     * below Linux's ephemeral range (32768 up): a port found free there can be taken by any outgoing connection
     * before the service binds it.
     */
    static Platform on(String name, int serviceBase, int kafkaBase, int pgBase, int smtpBase) {
        return new Platform(REPO, TARGET.resolve(name), freeRange(6, serviceBase) - 1, freeRange(2, kafkaBase),
                freeRange(1, pgBase), freeRange(1, smtpBase));
    }

    /**
     * Stops whatever an earlier run left in this platform's folder and deletes its state (databases, Kafka log,
     * mail), keeping the unpacked PostgreSQL binaries. A run must not inherit the tickets, rules and open clocks of
     * the runs before it: a policy the test shortens would re-time all of them, and their alerts would queue ahead
     * of the ones the test waits for. A clean clone starts like this anyway.
     */
    static void fresh(Platform platform) throws IOException, InterruptedException {
        platform.whiteglove("down");
        for (String state : List.of("data", "mail", "pids", "tmp")) {
            FileUtils.deleteDirectory(platform.home().resolve(state).toFile());
        }
    }

    /** The first port from {@code start} up where {@code count} consecutive ports are free. */
    static int freeRange(int count, int start) {
        for (int base = start; base < start + 2000; base += count + 1) {
            boolean free = true;
            for (int p = base; p < base + count && free; p++) {
                try (ServerSocket s = new ServerSocket(p, 50, InetAddress.getLoopbackAddress())) {
                    s.setReuseAddress(true);
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no free ports near " + start);
    }
}
