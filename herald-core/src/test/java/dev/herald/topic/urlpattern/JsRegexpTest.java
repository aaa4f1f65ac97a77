package dev.herald.topic.urlpattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.google.re2j.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The JavaScript (v flag) to RE2 translation, checked by what the translated expression matches. */
class JsRegexpTest {

    private static boolean matches(String jsRegexp, String input) {
        return Pattern.compile(JsRegexp.translate(jsRegexp).re2()).matches(input);
    }

    static Stream<Arguments> equivalences() {
        return Stream.of(
                Arguments.of("^\\d+$", "123", true),
                Arguments.of("^\\d+$", "١٢", false),  // \d is ASCII only
                Arguments.of("^\\w+$", "a_Z9", true),
                Arguments.of("^\\s$", "\u00a0", true),  // JavaScript's \s includes NBSP
                Arguments.of("^\\S$", "\u2028", false),
                Arguments.of("^.$", "\n", false),  // '.' stops at line terminators
                Arguments.of("^.$", "\u2028", false),
                Arguments.of("^.$", "\uD83D\uDE00", true),  // one code point, as with the u and v flags
                Arguments.of("^(?s:.)$", "\n", true),
                Arguments.of("^(?i:abc)$", "ABC", true),
                Arguments.of("^(?i:a(?-i:b))$", "AB", false),
                Arguments.of("^[^]$", "x", true),
                Arguments.of("^[]$", "x", false),
                Arguments.of("^[[a-z]--[aeiou]]+$", "xyz", true),
                Arguments.of("^[[a-z]--[aeiou]]+$", "xaz", false),
                Arguments.of("^[\\w&&[^\\d]]+$", "ab_", true),
                Arguments.of("^[\\w&&[^\\d]]+$", "a1", false),
                Arguments.of("^[\\d--[05]]$", "5", false),
                Arguments.of("^[^\\d--[05]]$", "5", true),
                Arguments.of("^[\\p{Lu}a]+$", "ÀBa", true),
                Arguments.of("^[^\\p{Lu}]$", "À", false),
                Arguments.of("^\\p{Script=Greek}+$", "αβγ", true),
                Arguments.of("^\\P{L}$", "1", true),
                Arguments.of("^\\u{1F600}$", "\uD83D\uDE00", true),
                Arguments.of("^\\uD83D\\uDE00$", "\uD83D\uDE00", true),
                Arguments.of("^\\x41\\u0042\\cC$", "AB\u0003", true),
                Arguments.of("^\\/\\.\\*$", "/.*", true),
                Arguments.of("^[\\-\\&\\b]+$", "-&", true),
                Arguments.of("^a{2,3}$", "aaaa", false),
                Arguments.of("^a{2,}?b$", "aaab", true),
                Arguments.of("^(?:ab|cd)+$", "abcdab", true),
                Arguments.of("^(?<name>a)b$", "ab", true),
                Arguments.of("^\\bab\\b$", "ab", true)
        );
    }

    @ParameterizedTest(name = "/{0}/ on \"{1}\" is {2}")
    @MethodSource("equivalences")
    void translatesWithTheSameMeaning(String regexp, String input, boolean expected) {
        assertThat(matches(regexp, input)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "/{0}/ is rejected: {1}")
    @CsvSource(delimiter = '¦', value = {
        "(?=a) ¦ lookahead",
        "(?!a) ¦ lookahead",
        "(?<=a)b ¦ lookbehind",
        "(?<!a)b ¦ lookbehind",
        "(a)\\1 ¦ backreferences",
        "(?<x>a)\\k<x> ¦ backreferences",
        "a{1001} ¦ repeat counts above 1000",
        "(?:a{40}){40} ¦ repetition too large",
        "a** ¦ nothing to repeat",
        "^* ¦ assertion cannot be repeated",
        "a{ ¦ lone '{'",
        "a} ¦ lone '}'",
        "a] ¦ lone ']'",
        "(a ¦ missing ')'",
        "a) ¦ unmatched ')'",
        "[a ¦ missing ']'",
        "[(] ¦ '(' must be escaped",
        "[a-] ¦ '-' must be escaped",
        "[a&&] ¦ must be escaped",
        "[aa&&b] ¦ mixing a union",
        "[a-c&&b] ¦ a range cannot be an operand",
        "[a&&b--c] ¦ mixing '&&' with other operations",
        "[ab--c] ¦ mixing a union",
        "[!!] ¦ '!!' is reserved",
        "[z-a] ¦ range out of order",
        "[\\p{L}--a] ¦ Unicode property escapes inside '--'",
        "[[^\\p{L}]a] ¦ Unicode property escapes inside a negated nested class",
        "[\\q{abc}] ¦ \\q{...}",
        "\\p{Emoji_Presentation=Yes} ¦ is not supported",
        "\\a ¦ invalid escape",
        "\\- ¦ invalid escape",
        "\\01 ¦ invalid decimal escape",
        "\\xZ1 ¦ invalid \\x escape",
        "\\u{110000} ¦ above U+10FFFF",
        "(?x:a) ¦ invalid group",
        "(?<1>a) ¦ invalid capture group name",
    })
    void rejectsWithTheReason(String regexp, String reason) {
        assertThatIllegalArgumentException().isThrownBy(() -> JsRegexp.translate(regexp))
                .withMessageContaining(reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '¦', value = {"^(a)(?:b)(?<n>c)$ ¦ 2", "^((?:a)|(b))$ ¦ 2", "^\\(a\\)$ ¦ 0"})
    void keepsTheCaptureGroups(String regexp, int groups) {
        JsRegexp.Translation translation = JsRegexp.translate(regexp);
        assertThat(translation.groupCount()).isEqualTo(groups);
        assertThat(Pattern.compile(translation.re2()).groupCount()).isEqualTo(groups);
    }
}
