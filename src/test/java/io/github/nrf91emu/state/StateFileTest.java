package io.github.nrf91emu.state;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.nrf91emu.device.Model;
import io.github.nrf91emu.keystore.CredentialRecord;
import io.github.nrf91emu.keystore.CredentialType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests of {@link StateFile}: locking, reading, and atomic writes with their failure paths. */
class StateFileTest {
    @TempDir Path directory;

    private static DeviceState state(String identity) {
        return new DeviceState(
                new byte[] {1, 2, 3},
                Model.NRF9160,
                "mfw_nrf9160_1.3.5",
                OptionalInt.empty(),
                OptionalInt.empty(),
                List.of(
                        new CredentialRecord(
                                1, CredentialType.PSK_IDENTITY, identity.getBytes(UTF_8), null)));
    }

    @Test
    void lockTwiceInOneJvmFails() {
        Path path = directory.resolve("state.json");
        try (StateFile first = StateFile.lock(path)) {
            StateFileException e =
                    assertThrows(StateFileException.class, () -> StateFile.lock(path));

            assertEquals(path.toAbsolutePath(), e.file());
            assertTrue(e.getMessage().startsWith("state file " + path.toAbsolutePath() + ": "));
            assertTrue(
                    e.problem().contains("in use by another modem in this process"), e.problem());
            assertTrue(e.problem().contains("state.json.lock is locked"), e.problem());
        }
    }

    @Test
    void lockThroughOtherPathFails() throws IOException {
        Path path = directory.resolve("state.json");
        Files.createDirectory(directory.resolve("sub"));
        Path sameFile = directory.resolve("sub").resolve("..").resolve("state.json");
        try (StateFile first = StateFile.lock(path)) {
            assertThrows(StateFileException.class, () -> StateFile.lock(sameFile));
        }
    }

    @Test
    void closeReleasesLock() {
        Path path = directory.resolve("state.json");
        StateFile first = StateFile.lock(path);
        first.close();
        first.close();

        try (StateFile second = StateFile.lock(path)) {
            assertEquals(path.toAbsolutePath(), second.path());
        }
        assertTrue(Files.exists(directory.resolve("state.json.lock")), "lock file is kept");
    }

    @Test
    void failedLockKeepsFirstLock() throws Exception {
        Path path = directory.resolve("state.json");
        try (StateFile first = StateFile.lock(path)) {
            assertThrows(StateFileException.class, () -> StateFile.lock(path));

            first.write(state("still mine"));
            assertThrows(StateFileException.class, () -> StateFile.lock(path));
        }
    }

    @Test
    void lockInMissingDirectoryFails() {
        Path path = directory.resolve("missing").resolve("state.json");

        StateFileException e = assertThrows(StateFileException.class, () -> StateFile.lock(path));

        assertTrue(e.problem().contains("does not exist"), e.problem());
        assertFalse(Files.exists(directory.resolve("missing")));
    }

    @Test
    void readMissingFileIsEmpty() {
        try (StateFile file = StateFile.lock(directory.resolve("state.json"))) {
            assertTrue(file.read().isEmpty());
        }
        assertFalse(Files.exists(directory.resolve("state.json")), "reading creates nothing");
    }

    @Test
    void lockDirectoryFails() throws IOException {
        Path path = Files.createDirectory(directory.resolve("state.json"));

        StateFileException e = assertThrows(StateFileException.class, () -> StateFile.lock(path));

        assertEquals("is a directory, not a file", e.problem());
        assertFalse(Files.exists(directory.resolve("state.json.lock")));
    }

    @Test
    void lockThroughSymbolicLinkSharesLock() throws Exception {
        Path target = directory.resolve("state.json");
        Files.writeString(target, "");
        Files.createDirectory(directory.resolve("links"));
        Path link =
                Files.createSymbolicLink(directory.resolve("links").resolve("link.json"), target);
        try (StateFile first = StateFile.lock(target)) {
            assertThrows(StateFileException.class, () -> StateFile.lock(link));
        }

        try (StateFile throughLink = StateFile.lock(link)) {
            throughLink.write(state("through the link"));
        }

        assertTrue(Files.isSymbolicLink(link));
        try (StateFile file = StateFile.lock(target)) {
            assertEquals(
                    "through the link",
                    new String(file.read().orElseThrow().credentials().get(0).content(), UTF_8));
        }
    }

    @Test
    void lockDeletesStaleTemporaryFile() throws Exception {
        Path temporary = Files.writeString(directory.resolve("state.json.tmp"), "left by a crash");

        try (StateFile file = StateFile.lock(directory.resolve("state.json"))) {
            assertFalse(Files.exists(temporary));
        }
    }

    @Test
    void readInvalidFileNamesProblem() throws IOException {
        Path path = directory.resolve("state.json");
        Files.writeString(path, "{\"formatVersion\": 2}");
        try (StateFile file = StateFile.lock(path)) {
            StateFileException e = assertThrows(StateFileException.class, file::read);

            assertEquals(
                    "state file "
                            + path.toAbsolutePath()
                            + ": formatVersion 2 is newer than this version of nrf91-at-emulator"
                            + " reads (1); use a newer version or another state file",
                    e.getMessage());
        }
    }

    @Test
    void writeThenRead() throws Exception {
        Path path = directory.resolve("state.json");
        try (StateFile file = StateFile.lock(path)) {
            file.write(state("first"));
            file.write(state("second"));

            DeviceState read = file.read().orElseThrow();

            assertArrayEquals("second".getBytes(UTF_8), read.credentials().get(0).content());
        }
        assertFalse(Files.exists(directory.resolve("state.json.tmp")), "temporary file is gone");
    }

    @Test
    void writeCreatesOwnerOnlyFile() throws Exception {
        assumeTrue(
                directory.getFileSystem().supportedFileAttributeViews().contains("posix"),
                "POSIX permissions");
        Path path = directory.resolve("state.json");
        try (StateFile file = StateFile.lock(path)) {
            file.write(state("secret"));
        }

        assertEquals(
                "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
    }

    @Test
    void writeReplacesStaleTemporaryFile() throws Exception {
        Path path = directory.resolve("state.json");
        Files.writeString(directory.resolve("state.json.tmp"), "left by a crash");
        try (StateFile file = StateFile.lock(path)) {
            file.write(state("fresh"));

            assertEquals(
                    "fresh",
                    new String(file.read().orElseThrow().credentials().get(0).content(), UTF_8));
        }
        assertFalse(Files.exists(directory.resolve("state.json.tmp")));
    }

    @Test
    void writeFailureKeepsOldFile() throws Exception {
        Path path = directory.resolve("state.json");
        try (StateFile file = StateFile.lock(path)) {
            file.write(state("old"));
            byte[] before = Files.readAllBytes(path);
            FileTime modified = Files.getLastModifiedTime(path);
            // A directory that is not empty where the temporary file goes makes the write fail,
            // also for root, who can write to read-only directories.
            Path blocker = Files.createDirectory(directory.resolve("state.json.tmp"));
            Files.writeString(blocker.resolve("inside"), "x");

            assertThrows(IOException.class, () -> file.write(state("new")));

            assertArrayEquals(before, Files.readAllBytes(path));
            assertEquals(modified, Files.getLastModifiedTime(path));
            Files.delete(blocker.resolve("inside"));
            Files.delete(blocker);
            file.write(state("new"));
            assertEquals(
                    "new",
                    new String(file.read().orElseThrow().credentials().get(0).content(), UTF_8));
        }
    }

    @Test
    void writeAfterCloseFails() {
        StateFile file = StateFile.lock(directory.resolve("state.json"));
        file.close();

        assertThrows(IllegalStateException.class, () -> file.write(state("late")));
    }
}
