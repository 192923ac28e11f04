package org.whiteglove.reporting;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless, for the dashboard test. A fresh machine does not have it: the test installs
 * the Debian package itself (CI runs as root), so nothing has to be installed by hand.
 */
final class Chromium {

    static final Path EXECUTABLE = Path.of("/usr/bin/chromium");

    private Chromium() {
    }

    static synchronized Path executable() throws IOException, InterruptedException {
        if (Files.isExecutable(EXECUTABLE)) {
            return EXECUTABLE;
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("Debian's chromium is needed for the dashboard test: apt-get install chromium");
        }
        run(List.of("apt-get", "update", "-q"), 600);
        run(List.of("apt-get", "install", "-y", "-q", "--no-install-recommends", "chromium"), 900);
        if (!Files.isExecutable(EXECUTABLE)) {
            throw new IllegalStateException("apt-get installed chromium but " + EXECUTABLE + " is missing");
        }
        return EXECUTABLE;
    }

    /** Runs headless Chromium on {@code url} with {@code extra} arguments; returns what it printed. */
    static String headless(String url, Path profile, String... extra) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile, "--window-size=1400,1000",
                "--virtual-time-budget=20000"));
        command.addAll(List.of(extra));
        command.add(url);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("chromium did not finish within 120 s");
        }
        return new String(out, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }
}
