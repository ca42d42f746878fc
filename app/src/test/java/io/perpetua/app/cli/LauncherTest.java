package io.perpetua.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's first-run build as a newcomer sees it when stderr is not a terminal (CI, a pipe):
 * a line per module, no escape codes. Runs a copy of {@code ./perpetua} in a temporary root with a
 * stand-in {@code mvn} that replays Maven 3.8's batch output (which carries ESC[0m resets) and a
 * stand-in JDK, so nothing is built.
 */
class LauncherTest {
  private static final String ESC = "\u001b";

  @TempDir Path root;

  @Test
  void firstRun_build_showsEachModuleWithoutAnsiCodes() throws Exception {
    Result r = launch(0);
    assertThat(r.exit).as(r.stderr).isZero();
    assertThat(r.stdout).isEqualTo("app ran with --version\n");
    assertThat(r.stderr).doesNotContain(ESC);
    assertThat(r.stderr)
        .containsPattern("\\[ 1/3\\] Perpetua core \\(at \\d+ s\\)")
        .containsPattern("\\[ 2/3\\] Perpetua server \\(at \\d+ s\\)")
        .containsPattern("\\[ 3/3\\] Perpetua app \\(at \\d+ s\\)")
        .containsPattern("perpetua: built in \\d+ s");
    assertThat(r.stderr).doesNotContain("[INFO]");
    assertThat(root.resolve("app/target/.perpetua-build-stamp")).exists();
  }

  @Test
  void firstRun_failedBuild_showsTheEndOfMavensOutputAndExits1() throws Exception {
    Result r = launch(1);
    assertThat(r.exit).isEqualTo(1);
    assertThat(r.stdout).isEmpty();
    assertThat(r.stderr)
        .doesNotContain(ESC)
        .contains("perpetua: the build failed")
        .contains("[ERROR] COMPILATION ERROR")
        .contains("Main.java:[3,1] class, interface, enum, or record expected");
    assertThat(root.resolve("app/target/.perpetua-build-stamp")).doesNotExist();
  }

  private Result launch(int mavenExit) throws IOException, InterruptedException {
    Path launcher = root.resolve("perpetua");
    // Tests run in the module directory; the launcher is at the repository root.
    Files.copy(Path.of("../perpetua"), launcher);
    Files.createDirectories(root.resolve("app/target"));
    Path jdk = root.resolve("jdk");
    Files.createDirectories(jdk.resolve("bin"));
    Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"21.0.5\"\n");
    script(jdk.resolve("bin/javac"), "exit 0");
    script(jdk.resolve("bin/java"), "echo \"app ran with ${@: -1}\"");
    Path bin = Files.createDirectories(root.resolve("fake-bin"));
    String e = "\\033[0m";
    script(
        bin.resolve("mvn"),
        String.join(
            "\n",
            "printf '" + e + e + "[INFO] Scanning for projects...\\n'",
            "for m in core:1 server:2 app:3; do",
            "  printf '[INFO] \\n[INFO] -----< io.perpetua:perpetua-%s >-----\\n' \"${m%%:*}\"",
            "  printf '[INFO] Building Perpetua %s 0.1.0-SNAPSHOT                  [%s/3]\\n'"
                + " \"${m%%:*}\" \"${m##*:}\"",
            "  printf '[INFO] --- maven-compiler-plugin:3.13.0:compile @ perpetua-%s ---\\n'"
                + " \"${m%%:*}\"",
            "done",
            mavenExit == 0
                ? "printf '[INFO] BUILD SUCCESS\\n" + e + e + "'"
                : "printf '[ERROR] COMPILATION ERROR : \\n[ERROR] /x/Main.java:[3,1] class,"
                    + " interface, enum, or record expected\\n[INFO] BUILD FAILURE\\n"
                    + e
                    + e
                    + "'",
            "exit " + mavenExit));
    ProcessBuilder pb = new ProcessBuilder("bash", launcher.toString(), "--version");
    pb.environment().put("JAVA_HOME", jdk.toString());
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().remove("MAVEN_OPTS");
    Process p = pb.start();
    p.getOutputStream().close();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(
        p.exitValue(),
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  private static void script(Path file, String body) throws IOException {
    Files.write(file, List.of("#!/usr/bin/env bash", body));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private record Result(int exit, String stdout, String stderr) {}
}
