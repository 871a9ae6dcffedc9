package io.github.nrf91emu.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A state file held by one modem: the lock for its lifetime, reading, and atomic, durable writes.
 *
 * <p>Locking: the lock is an exclusive {@link FileChannel#tryLock()} on {@code <name>.lock} next to
 * the state file, because each write replaces the state file itself by a rename. The lock file is
 * left in place after {@link #close()}: if it were deleted, a modem that had opened it just before
 * could lock the deleted file while another modem locks a new one. The operating system releases
 * the lock when the process ends, also on a crash. Within one JVM, a set of held files rejects a
 * second modem before it opens the lock file. On Linux (checked with JDK 17), closing any channel
 * to a locked file releases the lock that the process has on it, so the second modem must not open
 * one.
 *
 * <p>Writing: {@link #write} writes {@code <name>.tmp} in the same directory, forces it to disk,
 * renames it over the state file with {@link StandardCopyOption#ATOMIC_MOVE}, and then forces the
 * directory so that the rename itself is durable. A crash at any moment therefore leaves either the
 * old or the new file, never a mix. Where the file system has POSIX permissions, the file is
 * created with mode 0600, because the seed in it derives the identity key.
 */
public final class StateFile implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StateFile.class);

    /** Lock files held in this JVM, by real path, so that a second modem fails before it opens. */
    private static final Set<Path> HELD_LOCK_FILES = ConcurrentHashMap.newKeySet();

    private final Path path;
    private final Path lockPath;
    private final Path temporaryPath;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private boolean directorySyncUnsupportedLogged;
    private boolean closed;

    private StateFile(Path path, Path lockPath, FileChannel lockChannel, FileLock lock) {
        this.path = path;
        this.lockPath = lockPath;
        this.temporaryPath = path.resolveSibling(path.getFileName() + ".tmp");
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Locks a state file for this modem, whether the file exists or not. The lock is held until
     * {@link #close()} or the end of the process.
     *
     * @throws StateFileException if the directory does not exist, the lock file can't be created,
     *     or another modem, in this process or another, holds the lock
     */
    public static StateFile lock(Path file) {
        Path path = realPath(file.toAbsolutePath());
        if (Files.isDirectory(path)) {
            throw new StateFileException(path, "is a directory, not a file");
        }
        Path realLockPath = path.resolveSibling(path.getFileName() + ".lock");
        if (!HELD_LOCK_FILES.add(realLockPath)) {
            throw inUse(path, realLockPath, "another modem in this process");
        }
        try {
            return lockFile(path, realLockPath);
        } catch (RuntimeException e) {
            HELD_LOCK_FILES.remove(realLockPath);
            throw e;
        }
    }

    /**
     * Returns the path with every symbolic link resolved, for a file that does not exist yet those
     * of its directory. Locking and replacing the link's target, not the link, keeps two modems
     * given different links to one file from both writing it, and keeps the link intact.
     */
    // NOTE: a hard link to the state file is not detected: it gets a lock of its own, and the
    // first write through either name replaces that name only.
    private static Path realPath(Path path) {
        Path directory = path.getParent();
        if (directory == null || path.getFileName() == null) {
            throw new StateFileException(path, "not a file name");
        }
        try {
            if (Files.exists(path)) {
                return path.toRealPath();
            }
            return directory.toRealPath().resolve(path.getFileName());
        } catch (IOException e) {
            throw new StateFileException(
                    path, "directory " + directory + " does not exist or can't be read", e);
        }
    }

    private static StateFile lockFile(Path path, Path lockPath) {
        FileChannel channel;
        try {
            channel =
                    FileChannel.open(
                            lockPath,
                            Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                            ownerOnly(lockPath.getParent()));
        } catch (IOException e) {
            throw new StateFileException(
                    path, "creating the lock file " + lockPath + " failed: " + e, e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // Code in this JVM other than StateFile locked the file.
            lock = null;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StateFileException(path, "locking " + lockPath + " failed: " + e, e);
        }
        if (lock == null) {
            closeQuietly(channel);
            throw inUse(path, lockPath, "another modem");
        }
        StateFile stateFile = new StateFile(path, lockPath, channel, lock);
        stateFile.deleteStaleTemporaryFile();
        return stateFile;
    }

    /**
     * Deletes a temporary file that a process killed while saving left behind. It contains a full
     * copy of the state, secrets included, so it should not wait for the next write.
     */
    private void deleteStaleTemporaryFile() {
        try {
            if (Files.deleteIfExists(temporaryPath)) {
                LOG.info("Deleted {} left by an interrupted save", temporaryPath);
            }
        } catch (IOException e) {
            LOG.warn(
                    "Deleting the stale temporary file {} failed: {}", temporaryPath, e.toString());
        }
    }

    private static StateFileException inUse(Path path, Path lockPath, String holder) {
        return new StateFileException(
                path,
                "in use by "
                        + holder
                        + " (lock file "
                        + lockPath
                        + " is locked); close that modem or use another state file");
    }

    /** Returns the absolute path of the state file. */
    public Path path() {
        return path;
    }

    /**
     * Reads the state file.
     *
     * @return the state, or empty if the file does not exist
     * @throws StateFileException if the file can't be read, is not valid JSON, has a newer format
     *     version, or has a missing, unknown, repeated or invalid field
     */
    public Optional<DeviceState> read() {
        byte[] json;
        try {
            json = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (AccessDeniedException e) {
            throw new StateFileException(path, "reading failed: permission denied", e);
        } catch (IOException e) {
            throw new StateFileException(path, "reading failed: " + e, e);
        }
        try {
            return Optional.of(StateJson.decode(json));
        } catch (StateJson.FormatException e) {
            throw new StateFileException(path, e.getMessage());
        }
    }

    /**
     * Replaces the state file with {@code state}, atomically and durably: when this method returns,
     * the new state is on disk, and a crash at any moment leaves the old or the new state. A
     * failure is logged at warn level with the file name and the error.
     *
     * @throws IOException if writing, forcing or renaming fails; the file then keeps its old state
     * @throws IllegalStateException if this state file was closed
     */
    public synchronized void write(DeviceState state) throws IOException {
        if (closed) {
            throw new IllegalStateException("state file " + path + " is closed");
        }
        try {
            replace(StateJson.encode(state));
        } catch (IOException e) {
            LOG.warn("Saving state file {} failed: {}", path, e.toString());
            throw e;
        }
    }

    private void replace(byte[] json) throws IOException {
        // A file left by a crash is stale, because only the holder of the lock writes here.
        Files.deleteIfExists(temporaryPath);
        boolean moved = false;
        try {
            try (FileChannel channel =
                    FileChannel.open(
                            temporaryPath,
                            Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                            ownerOnly(path.getParent()))) {
                ByteBuffer buffer = ByteBuffer.wrap(json);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(
                    temporaryPath,
                    path,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        } finally {
            if (!moved) {
                deleteTemporaryFile();
            }
        }
        forceDirectory();
    }

    /** Deletes the temporary file after a failed write, because it may contain secrets. */
    private void deleteTemporaryFile() {
        try {
            Files.deleteIfExists(temporaryPath);
        } catch (IOException e) {
            LOG.warn("Deleting temporary file {} failed: {}", temporaryPath, e.toString());
        }
    }

    /**
     * Forces the directory entry of the renamed file to disk. Where the platform can't open or
     * force a directory as a channel, the rename is durable only once the operating system writes
     * the directory. A power loss right after a write may then bring back the previous state, but
     * never a damaged file.
     */
    private void forceDirectory() throws IOException {
        FileChannel directory;
        try {
            directory = FileChannel.open(path.getParent(), StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException e) {
            logDirectorySyncUnsupported(e);
            return;
        }
        try (directory) {
            directory.force(true);
        } catch (IOException e) {
            logDirectorySyncUnsupported(e);
        }
    }

    private void logDirectorySyncUnsupported(Exception e) {
        if (!directorySyncUnsupportedLogged) {
            directorySyncUnsupportedLogged = true;
            LOG.info(
                    "Directory of state file {} can't be forced to disk on this platform ({}), so"
                            + " a power loss right after a save may restore the previous state",
                    path,
                    e.toString());
        }
    }

    /** Releases the lock. Later writes fail; closing again does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            lock.release();
        } catch (IOException e) {
            LOG.warn("Releasing the lock on {} failed: {}", lockPath, e.toString());
        } finally {
            closeQuietly(lockChannel);
            HELD_LOCK_FILES.remove(lockPath);
        }
    }

    /** Returns the permission attribute 0600 where the file system has POSIX permissions. */
    private static FileAttribute<?>[] ownerOnly(Path directory) {
        if (!directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
        };
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("Closing a lock file channel failed: {}", e.toString());
        }
    }

    @Override
    public String toString() {
        return "StateFile{" + path + (closed ? ", closed" : "") + "}";
    }
}
