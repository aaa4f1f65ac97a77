package dev.herald.transport.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;

/**
 * A Lua script shipped as a resource beside this class, run by its digest (EVALSHA) and loaded
 * again when Redis answers that it does not know it (after a restart or SCRIPT FLUSH), which is
 * safe to retry since nothing ran.
 */
final class LuaScript {
    private final String name;
    private final byte[] source;
    private final String digest;

    LuaScript(String resource) {
        this.name = resource;
        this.source = read(resource);
        this.digest = sha1Hex(source);
    }

    <T> T run(StatefulRedisConnection<String, byte[]> connection, ScriptOutputType type, String[] keys,
            byte[][] args, Duration timeout) throws Exception {
        try {
            return RedisFailures.await(connection.async().<T>evalsha(digest, type, keys, args), timeout);
        } catch (RedisNoScriptException e) {
            load(connection, timeout);
            return RedisFailures.await(connection.async().<T>evalsha(digest, type, keys, args), timeout);
        }
    }

    /** Without waiting: the caller handles an unknown script ({@link RedisNoScriptException}) with {@link #loadAsync}. */
    <T> CompletableFuture<T> evalAsync(StatefulRedisConnection<String, byte[]> connection, ScriptOutputType type,
            String[] keys, byte[][] args) {
        return connection.async().<T>evalsha(digest, type, keys, args).toCompletableFuture();
    }

    CompletableFuture<String> loadAsync(StatefulRedisConnection<String, byte[]> connection) {
        return connection.async().scriptLoad(source).toCompletableFuture();
    }

    void load(StatefulRedisConnection<String, byte[]> connection, Duration timeout) throws Exception {
        RedisFailures.await(connection.async().scriptLoad(source), timeout);
    }

    private static byte[] read(String resource) {
        try (InputStream in = LuaScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
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

    @Override
    public String toString() {
        return name;
    }
}
