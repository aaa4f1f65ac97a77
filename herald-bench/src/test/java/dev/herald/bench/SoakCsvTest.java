package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class SoakCsvTest {

    @Test
    void oneHeaderRowThenOneRowPerSampleWithAsManyCellsAndCrlfEnds() {
        String csv = SoakCsv.write(List.of(SoakSamples.of(0, 100.5, null, 30, 20), SoakSamples.of(10, 101, 60.25, 31, 20)));

        String[] lines = csv.split("\r\n", -1);
        assertThat(lines).hasSize(4); // header, two rows, and the empty tail after the last CRLF
        assertThat(lines[3]).isEmpty();
        int columns = lines[0].split(",", -1).length;
        assertThat(lines[1].split(",", -1)).hasSize(columns);
        assertThat(lines[2].split(",", -1)).hasSize(columns);
        assertThat(lines[0]).startsWith("seconds,utc,rss_mib,open_files,threads,cpu_seconds,heap_after_gc_mib,");
    }

    @Test
    void numbersUseADotWhateverTheLocaleAndUnknownsAreEmpty() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            String row = SoakCsv.row(SoakSamples.of(12.5, 100.125, null, 30, 20));
            String[] cells = row.strip().split(",", -1);

            assertThat(cells[0]).isEqualTo("12.500");
            assertThat(cells[2]).isEqualTo("100.125");
            assertThat(cells[3]).isEqualTo("30");
            assertThat(cells[6]).isEmpty(); // heap after GC not known yet
            assertThat(row).doesNotContain("NaN").doesNotContain("null");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void wholeNumbersHaveNoFractionAndNonFiniteValuesAreEmpty() {
        assertThat(SoakCsv.cell(256.0)).isEqualTo("256");
        assertThat(SoakCsv.cell(Double.NaN)).isEmpty();
        assertThat(SoakCsv.cell(Double.POSITIVE_INFINITY)).isEmpty();
        assertThat(SoakCsv.cell(7L)).isEqualTo("7");
    }

    @Test
    void textWithCommasOrQuotesIsQuotedAsRfc4180Says() {
        assertThat(SoakCsv.cell("plain")).isEqualTo("plain");
        assertThat(SoakCsv.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(SoakCsv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(SoakCsv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
    }
}
