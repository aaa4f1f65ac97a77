package dev.herald.topic.urlpattern;

import dev.herald.topic.urlpattern.PatternTokenizer.Token;
import dev.herald.topic.urlpattern.PatternTokenizer.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** URL Pattern's pattern string parser: turns one component's pattern string into a part list. */
final class PatternParser {

    static final String FULL_WILDCARD_REGEXP = ".*";

    private final List<Token> tokens;
    private final UnaryOperator<String> encoding;
    private final String segmentWildcardRegexp;
    private final List<Part> parts = new ArrayList<>();
    private final StringBuilder pendingFixedValue = new StringBuilder();
    private int index;
    private int nextNumericName;

    private PatternParser(List<Token> tokens, UnaryOperator<String> encoding, String segmentWildcardRegexp) {
        this.tokens = tokens;
        this.encoding = encoding;
        this.segmentWildcardRegexp = segmentWildcardRegexp;
    }

    /**
     * Parses {@code input} with the component's {@code options}; {@code encoding} canonicalizes
     * fixed text and throws IllegalArgumentException for text the component cannot hold.
     */
    static List<Part> parse(String input, PatternOptions options, UnaryOperator<String> encoding) {
        PatternParser parser = new PatternParser(PatternTokenizer.tokenize(input, true), encoding,
                segmentWildcardRegexp(options));
        parser.run(options);
        return parser.parts;
    }

    static String segmentWildcardRegexp(PatternOptions options) {
        return "[^" + RegexpGenerator.escapeRegexpString(options.delimiter()) + "]+?";
    }

    private void run(PatternOptions options) {
        while (index < tokens.size()) {
            Token charToken = tryConsume(Type.CHAR);
            Token nameToken = tryConsume(Type.NAME);
            Token regexpOrWildcard = tryConsumeRegexpOrWildcard(nameToken);
            if (nameToken != null || regexpOrWildcard != null) {
                String prefix = charToken == null ? "" : charToken.value();
                if (!prefix.isEmpty() && !prefix.equals(options.prefix())) {
                    pendingFixedValue.append(prefix);
                    prefix = "";
                }
                maybeAddPartFromPendingFixedValue();
                Token modifier = tryConsumeModifier();
                addPart(prefix, nameToken, regexpOrWildcard, "", modifier);
                continue;
            }
            Token fixed = charToken != null ? charToken : tryConsume(Type.ESCAPED_CHAR);
            if (fixed != null) {
                pendingFixedValue.append(fixed.value());
                continue;
            }
            if (tryConsume(Type.OPEN) != null) {
                String prefix = consumeText();
                nameToken = tryConsume(Type.NAME);
                regexpOrWildcard = tryConsumeRegexpOrWildcard(nameToken);
                String suffix = consumeText();
                consumeRequired(Type.CLOSE, "'{' without a matching '}'");
                Token modifier = tryConsumeModifier();
                addPart(prefix, nameToken, regexpOrWildcard, suffix, modifier);
                continue;
            }
            maybeAddPartFromPendingFixedValue();
            consumeRequired(Type.END, "unexpected '" + tokens.get(index).value() + "'");
        }
    }

    private Token tryConsume(Type type) {
        Token next = tokens.get(index);
        if (next.type() != type) {
            return null;
        }
        index++;
        return next;
    }

    private Token tryConsumeModifier() {
        Token token = tryConsume(Type.OTHER_MODIFIER);
        return token != null ? token : tryConsume(Type.ASTERISK);
    }

    private Token tryConsumeRegexpOrWildcard(Token nameToken) {
        Token token = tryConsume(Type.REGEXP);
        if (nameToken == null && token == null) {
            token = tryConsume(Type.ASTERISK);
        }
        return token;
    }

    private void consumeRequired(Type type, String message) {
        Token token = tokens.get(index);
        if (tryConsume(type) == null) {
            throw new IllegalArgumentException(message + " (at position " + token.index() + ")");
        }
    }

    private String consumeText() {
        StringBuilder result = new StringBuilder();
        while (true) {
            Token token = tryConsume(Type.CHAR);
            if (token == null) {
                token = tryConsume(Type.ESCAPED_CHAR);
            }
            if (token == null) {
                return result.toString();
            }
            result.append(token.value());
        }
    }

    private void maybeAddPartFromPendingFixedValue() {
        if (pendingFixedValue.length() == 0) {
            return;
        }
        String encoded = encoding.apply(pendingFixedValue.toString());
        pendingFixedValue.setLength(0);
        parts.add(Part.fixed(encoded, Part.Modifier.NONE));
    }

    private void addPart(String prefix, Token nameToken, Token regexpOrWildcard, String suffix, Token modifierToken) {
        Part.Modifier modifier = Part.Modifier.NONE;
        if (modifierToken != null) {
            switch (modifierToken.value()) {
                case "?": modifier = Part.Modifier.OPTIONAL; break;
                case "*": modifier = Part.Modifier.ZERO_OR_MORE; break;
                default: modifier = Part.Modifier.ONE_OR_MORE;
            }
        }
        if (nameToken == null && regexpOrWildcard == null && modifier == Part.Modifier.NONE) {
            // A "{foo}" grouping: plain text, merged with the text around it.
            pendingFixedValue.append(prefix);
            return;
        }
        maybeAddPartFromPendingFixedValue();
        if (nameToken == null && regexpOrWildcard == null) {
            // A "{foo}?" grouping: its modifier keeps it a part of its own.
            if (!prefix.isEmpty()) {
                parts.add(Part.fixed(encoding.apply(prefix), modifier));
            }
            return;
        }
        String regexpValue;
        if (regexpOrWildcard == null) {
            regexpValue = segmentWildcardRegexp;
        } else if (regexpOrWildcard.type() == Type.ASTERISK) {
            regexpValue = FULL_WILDCARD_REGEXP;
        } else {
            regexpValue = regexpOrWildcard.value();
        }
        Part.Type type = Part.Type.REGEXP;
        if (regexpValue.equals(segmentWildcardRegexp)) {
            type = Part.Type.SEGMENT_WILDCARD;
            regexpValue = "";
        } else if (regexpValue.equals(FULL_WILDCARD_REGEXP)) {
            type = Part.Type.FULL_WILDCARD;
            regexpValue = "";
        }
        String name;
        if (nameToken != null) {
            name = nameToken.value();
        } else {
            name = Integer.toString(nextNumericName++);
        }
        for (Part part : parts) {
            if (part.name().equals(name)) {
                throw new IllegalArgumentException("duplicate group name '" + name + "'");
            }
        }
        parts.add(new Part(type, regexpValue, modifier, name, encoding.apply(prefix), encoding.apply(suffix)));
    }
}
