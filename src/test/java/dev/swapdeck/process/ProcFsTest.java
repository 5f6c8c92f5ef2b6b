package dev.swapdeck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /proc/<pid>/stat} read field by field, with a command name that holds spaces and parentheses. */
class ProcFsTest {

    @Test
    void boundAddressesReadAsTheKernelWritesThem() throws Exception {
        Assumptions.assumeTrue(java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN, "x86 and ARM");
        assertEquals("127.0.0.1", ProcFs.boundAddress("0100007F").getHostAddress());
        assertTrue(ProcFs.boundAddress("00000000").isAnyLocalAddress());
        assertEquals("192.0.2.2", ProcFs.boundAddress("020200C0").getHostAddress());
        assertEquals("127.0.0.1", ProcFs.boundAddress("0000000000000000FFFF00000100007F").getHostAddress());
        assertEquals("0:0:0:0:0:0:0:1", ProcFs.boundAddress("00000000000000000000000001000000").getHostAddress());
        assertTrue(ProcFs.boundAddress("00000000000000000000000000000000").isAnyLocalAddress());
    }

    /** Only the sockets a connection to the given addresses would reach: the any-address's and theirs. */
    @Test
    void listenersOfAPortAreTheOnesItsAddressReaches() throws Exception {
        Assumptions.assumeTrue(ProcFs.available(), "Linux /proc only");
        java.net.InetAddress one = java.net.InetAddress.getByName("127.0.0.1");
        java.net.InetAddress two = java.net.InetAddress.getByName("127.0.0.2");
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1, two)) {
            int port = server.getLocalPort();
            assertTrue(ProcFs.listeningInodes(port, java.util.Set.of(one)).isEmpty());
            assertEquals(1, ProcFs.listeningInodes(port, java.util.Set.of(two)).size());
        }
        try (java.net.ServerSocket any = new java.net.ServerSocket(0, 1)) {
            assertEquals(1, ProcFs.listeningInodes(any.getLocalPort(), java.util.Set.of(one)).size());
        }
    }

    @Test
    void statReadsStateGroupAndStartPastAnOddCommandName(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(ProcFs.available(), "Linux /proc only");
        Path script = dir.resolve("odd) na me (x");
        Files.writeString(script, "#!/bin/sh\nexec sleep 30\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Process child = new ProcessBuilder("/bin/sh", "-c", "exec \"$0\"", script.toString()).start();
        try {
            ProcFs.Stat own = ProcFs.stat(ProcessHandle.current().pid()).orElseThrow();
            ProcFs.Stat stat = ProcFs.stat(child.pid()).orElseThrow();
            assertEquals(own.pgid(), stat.pgid(), "a plain child stays in this JVM's group");
            assertFalse(stat.gone());
            assertTrue(stat.startTicks() >= own.startTicks(), stat + " started after " + own);
            assertTrue(ProcFs.isSameLiving(child.pid(), stat.startTicks()));
            assertTrue(ProcFs.groupMembers(own.pgid()).contains(child.pid()));
            assertFalse(ProcFs.isSameLiving(child.pid(), stat.startTicks() + 1), "another start time is another process");
        } finally {
            child.toHandle().destroyForcibly();
            child.waitFor();
        }
        assertFalse(ProcFs.isSameLiving(child.pid(), 0));
    }
}
