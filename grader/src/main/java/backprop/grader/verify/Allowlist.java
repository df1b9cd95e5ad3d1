package backprop.grader.verify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which Java API graded code may use, as data: rules read from {@code allowlist.txt} (whose header
 * documents the format) and, optionally, an instructor's extra file. A member is allowed when the
 * most specific rule that matches it allows it; nothing matches means refused.
 */
public final class Allowlist {
    private static final String RESOURCE = "/backprop/grader/verify/allowlist.txt";

    /** One rule: allow or deny {@code member} (null: all) with {@code descriptor} (null: any) of the classes matching. */
    record Rule(boolean allow, String classes, Pattern pattern, String member, String descriptor, String source) {
        boolean matchesClass(String className) {
            return pattern.matcher(className).matches();
        }

        int specificity() {
            return (descriptor != null ? 4 : 0) + (member != null ? 2 : 0) + (classes.contains("*") ? 0 : 1);
        }
    }

    private final List<Rule> rules;

    private Allowlist(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The grader's built-in rules. */
    public static Allowlist defaults() {
        try (InputStream in = Allowlist.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the grader was built without " + RESOURCE);
            }
            return new Allowlist(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "allowlist.txt"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A digest of the rules: equal for allowlists that decide alike (what cached compilations are keyed by). */
    public String fingerprint() {
        StringBuilder all = new StringBuilder();
        for (Rule r : rules) {
            all.append(r.allow()).append('|').append(r.classes()).append('|').append(r.member()).append('|')
                    .append(r.descriptor()).append('\n');
        }
        return backprop.grader.GraderFiles.sha256(all.toString());
    }

    /** These rules and those of {@code file} (an instructor's additions, same format). */
    public Allowlist with(Path file) {
        try {
            List<Rule> all = new ArrayList<>(rules);
            all.addAll(parse(Files.readString(file, StandardCharsets.UTF_8), file.toString()));
            return new Allowlist(all);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API allowlist " + file + ": " + e.getMessage(), e);
        }
    }

    /** Rules from text; a malformed line is an IllegalArgumentException naming the file and line. */
    static List<Rule> parse(String text, String source) {
        List<Rule> rules = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+");
            if (words.length < 2 || !(words[0].equals("allow") || words[0].equals("deny"))) {
                throw new IllegalArgumentException(source + ":" + (n + 1) + ": expected 'allow <classes> [member ...]' or"
                        + " 'deny <classes> [member ...]', got: " + line);
            }
            boolean allow = words[0].equals("allow");
            Pattern pattern = glob(words[1]);
            String where = source + ":" + (n + 1);
            if (words.length == 2) {
                rules.add(new Rule(allow, words[1], pattern, null, null, where));
            }
            for (int i = 2; i < words.length; i++) {
                String m = words[i];
                int paren = m.indexOf('(');
                rules.add(new Rule(allow, words[1], pattern, paren < 0 ? m : m.substring(0, paren),
                        paren < 0 ? null : m.substring(paren), where));
            }
        }
        return rules;
    }

    /** {@code *} alone: every class; elsewhere {@code *} stands for any characters but a dot. */
    private static Pattern glob(String classes) {
        if (classes.equals("*")) {
            return Pattern.compile(".*");
        }
        String[] parts = classes.split("\\*", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            regex.append(i == 0 ? "" : "[^.]*").append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString());
    }

    /** Whether graded code may name the class {@code className} (binary name, e.g. java.util.Map$Entry). */
    public boolean allowsType(String className) {
        Rule best = null;
        boolean someMember = false;
        for (Rule r : rules) {
            if (!r.matchesClass(className)) {
                continue;
            }
            if (r.member() == null && better(r, best)) {
                best = r;
            }
            someMember |= r.member() != null && r.allow();
        }
        // A class with only some members allowed (Class, System) may still be named, e.g. as a variable's type.
        return best == null ? someMember : best.allow();
    }

    /** Whether graded code may use member {@code name} (descriptor {@code descriptor}) of class {@code className}. */
    public Decision member(String className, String name, String descriptor) {
        Rule best = null;
        for (Rule r : rules) {
            if (r.matchesClass(className) && (r.member() == null || r.member().equals(name))
                    && (r.descriptor() == null || r.descriptor().equals(descriptor)) && better(r, best)) {
                best = r;
            }
        }
        return best == null ? Decision.UNLISTED : best.allow() ? Decision.ALLOWED : Decision.DENIED;
    }

    /** What the rules say about a member. */
    public enum Decision {
        ALLOWED, DENIED, UNLISTED
    }

    private static boolean better(Rule r, Rule best) {
        if (best == null) {
            return true;
        }
        int a = r.specificity();
        int b = best.specificity();
        return a > b || a == b && !r.allow() && best.allow();
    }
}
