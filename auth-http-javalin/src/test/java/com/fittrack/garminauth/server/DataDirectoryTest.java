package com.fittrack.garminauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {
  @TempDir Path tmp;

  @Test
  void generatesTheAdminKeyOnceOwnerOnlyAndReusesIt() throws Exception {
    DataDirectory dir = new DataDirectory(tmp.resolve("data"));
    dir.create();

    DataDirectory.GeneratedKey first = dir.adminKey();
    DataDirectory.GeneratedKey second = dir.adminKey();

    assertThat(first.generatedNow()).isTrue();
    assertThat(second.generatedNow()).isFalse();
    assertThat(second.secret()).isEqualTo(first.secret());
    assertThat(first.secret()).hasSizeGreaterThan(40);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.adminKeyFile())))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.root())))
        .isEqualTo("rwx------");
    assertThat(first.toString()).doesNotContain(first.secret());
  }
}
