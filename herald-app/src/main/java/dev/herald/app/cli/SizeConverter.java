package dev.herald.app.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Byte sizes: {@code 1048576}, {@code 512k}/{@code 512KiB}, {@code 1m}/{@code 1MiB}. */
final class SizeConverter implements CommandLine.ITypeConverter<Integer> {
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,10})\\s*(b|k|kb|kib|m|mb|mib)?");

    @Override
    public Integer convert(String value) {
        Matcher m = FORMAT.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new CommandLine.TypeConversionException(
                    "invalid size '" + value + "': use e.g. 1048576, 512KiB or 1MiB");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        long bytes = switch (unit.charAt(0)) {
            case 'k' -> n * 1024;
            case 'm' -> n * 1024 * 1024;
            default -> n;
        };
        if (bytes > Integer.MAX_VALUE) {
            throw new CommandLine.TypeConversionException("size too large: '" + value + "'");
        }
        return (int) bytes;
    }
}
