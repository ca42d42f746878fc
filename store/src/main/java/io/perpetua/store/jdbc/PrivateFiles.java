package io.perpetua.store.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps the embedded database private to its owner: the directory holding an H2 file database is
 * {@code rwx------} and its files ({@code perpetua.mv.db}, the lock and trace files) {@code
 * rw-------}, since they hold the journal and the API-key hashes. Applied when the database is
 * created and again on every start (tightening a directory or file created earlier with looser
 * permissions). A no-op on file systems without POSIX permissions. Stateless.
 */
final class PrivateFiles {
  private static final Pattern H2_FILE = Pattern.compile("^jdbc:h2:(?:file:)?([^;]+)");

  private PrivateFiles() {}

  /**
   * The database file's base path of an embedded H2 URL (e.g. {@code /d/perpetua}), if it is one.
   */
  static Optional<Path> h2Base(String url) {
    Matcher m = H2_FILE.matcher(url);
    if (!m.find() || m.group(1).startsWith("mem:") || m.group(1).contains(":")) {
      return Optional.empty();
    }
    return Optional.of(Path.of(m.group(1)).toAbsolutePath().normalize());
  }

  /** Creates the directory of {@code base} if needed and makes it and {@code base.*} private. */
  static void restrict(Path base) {
    Path dir = base.getParent();
    try {
      Files.createDirectories(dir);
      if (Files.getFileAttributeView(dir, PosixFileAttributeView.class) == null) {
        return;
      }
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      String prefix = base.getFileName() + ".";
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, prefix + "*")) {
        for (Path file : files) {
          if (Files.isRegularFile(file)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restrict permissions under " + dir, e);
    }
  }
}
