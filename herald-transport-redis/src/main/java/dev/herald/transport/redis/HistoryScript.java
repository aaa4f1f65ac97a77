package dev.herald.transport.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** history.lua, the only code that changes the history in Redis. */
final class HistoryScript {
    private static final LuaScript SCRIPT = new LuaScript("history.lua");

    private final String[] keys;

    HistoryScript(RedisKeys keys) {
        this.keys = keys.forScript();
    }

    /** Runs the script's trim (see history.lua); returns how many entries it removed. */
    long trim(StatefulRedisConnection<String, byte[]> connection, byte[][] args, Duration timeout) throws Exception {
        return SCRIPT.<Long>run(connection, ScriptOutputType.INTEGER, keys, args, timeout);
    }

    /** Runs the script's append (see history.lua); returns the first sequence and the one Redis had before. */
    long[] append(StatefulRedisConnection<String, byte[]> connection, byte[][] args, Duration timeout) throws Exception {
        List<Object> answer = SCRIPT.run(connection, ScriptOutputType.MULTI, keys, args, timeout);
        return new long[] {(Long) answer.get(0), (Long) answer.get(1)};
    }

    static void load(StatefulRedisConnection<String, byte[]> connection, Duration timeout) throws Exception {
        SCRIPT.load(connection, timeout);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
