package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcGaugesTest {

    @Test
    void readsRssThreadsOpenFilesAndCpu(@TempDir Path proc) throws Exception {
        Path dir = Files.createDirectories(proc.resolve("777"));
        Files.writeString(dir.resolve("status"), "Name:\tjava\nVmRSS:\t  204800 kB\nThreads:\t31\n");
        Files.writeString(dir.resolve("stat"), "777 (java) S 1 1 1 0 -1 0 0 0 0 0 250 50 0 0 20 0 31 0 1 1 1");
        Path fd = Files.createDirectories(dir.resolve("fd"));
        for (int i = 0; i < 5; i++) {
            Files.writeString(fd.resolve(Integer.toString(i)), "");
        }

        ProcGauges.Reading r = new ProcGauges(proc).read(777);

        assertThat(r.rssKb()).isEqualTo(204800);
        assertThat(r.threads()).isEqualTo(31);
        assertThat(r.openFiles()).isEqualTo(5);
        assertThat(r.cpuMillis()).isEqualTo(3000);
    }

    @Test
    void aStatusWithoutThreadsIsAnError() {
        assertThatThrownBy(() -> ProcGauges.threads("Name:\tx\n")).hasMessageContaining("no Threads line");
    }

    @Test
    void readsThisVeryProcess() throws Exception {
        ProcGauges.Reading r = ProcGauges.system().read(ProcessHandle.current().pid());

        assertThat(r.rssKb()).isPositive();
        assertThat(r.threads()).isGreaterThan(1);
        assertThat(r.openFiles()).isGreaterThan(2);
    }
}
