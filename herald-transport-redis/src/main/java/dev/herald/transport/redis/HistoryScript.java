package dev.herald.transport.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * history.lua, the only code that changes the history in Redis: run by its digest (EVALSHA),
 * loaded again when Redis answers that it does not know it (after a restart or SCRIPT FLUSH),
 * which is safe to retry since nothing ran.
 */
final class HistoryScript {
    private static final byte[] SOURCE = load();
    private static final String DIGEST = sha1Hex(SOURCE);

    private final String[] keys;

    HistoryScript(RedisKeys keys) {
        this.keys = keys.forScript();
    }

    /** Runs the script's trim (see history.lua); returns how many entries it removed. */
    long trim(StatefulRedisConnection<String, byte[]> connection, byte[][] args, Duration timeout) throws Exception {
        return this.<Long>run(connection, ScriptOutputType.INTEGER, args, timeout);
    }

    /** Runs the script's append (see history.lua); returns the first sequence and the one Redis had before. */
    long[] append(StatefulRedisConnection<String, byte[]> connection, byte[][] args, Duration timeout) throws Exception {
        List<Object> answer = run(connection, ScriptOutputType.MULTI, args, timeout);
        return new long[] {(Long) answer.get(0), (Long) answer.get(1)};
    }

    private <T> T run(StatefulRedisConnection<String, byte[]> connection, ScriptOutputType type, byte[][] args,
            Duration timeout) throws Exception {
        try {
            return RedisFailures.await(connection.async().<T>evalsha(DIGEST, type, keys, args), timeout);
        } catch (RedisNoScriptException e) {
            load(connection, timeout);
            return RedisFailures.await(connection.async().<T>evalsha(DIGEST, type, keys, args), timeout);
        }
    }

    static void load(StatefulRedisConnection<String, byte[]> connection, Duration timeout) throws Exception {
        RedisFailures.await(connection.async().scriptLoad(SOURCE), timeout);
    }

    private static byte[] load() {
        try (InputStream in = HistoryScript.class.getResourceAsStream("history.lua")) {
            if (in == null) {
                throw new IllegalStateException("history.lua is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JRE", e);
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
