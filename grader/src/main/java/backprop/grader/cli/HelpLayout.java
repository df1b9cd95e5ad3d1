package backprop.grader.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The description and the option list of every command's help, wrapped at spaces only. picocli wraps
 * where {@link java.text.BreakIterator} allows, which includes after a dot or a slash: at some widths
 * its help read "classroom.\njson" and ".github/\nworkflows/classroom.yml", names nobody can copy.
 */
final class HelpLayout {
    /** Where option descriptions start, as in picocli's own layout. */
    private static final int DESCRIPTION_COLUMN = 28;

    private HelpLayout() {
    }

    /** Installs the layout on {@code cli} and all its subcommands. */
    static void install(CommandLine cli) {
        cli.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_DESCRIPTION, help -> paragraphs(
                help.commandSpec().usageMessage().description(), help.commandSpec().usageMessage().width()));
        cli.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_PARAMETER_LIST, help -> arguments(
                help.commandSpec().positionalParameters(), help.commandSpec().usageMessage().width()));
        cli.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, help -> arguments(
                sorted(help.commandSpec().options(), help.commandSpec().usageMessage().sortOptions()),
                help.commandSpec().usageMessage().width()));
        cli.getSubcommands().values().forEach(HelpLayout::install);
    }

    /** Options by name (the first long one, without dashes) when the command sorts them, as picocli does. */
    private static List<OptionSpec> sorted(List<OptionSpec> options, boolean sort) {
        List<OptionSpec> list = new ArrayList<>(options);
        if (sort) {
            list.sort(java.util.Comparator.comparing(o -> o.longestName().replaceFirst("^-+", "").toLowerCase(java.util.Locale.ROOT)));
        }
        return list;
    }

    private static String paragraphs(String[] description, int width) {
        StringBuilder out = new StringBuilder();
        for (String paragraph : description) {
            for (String line : String.format(paragraph.replace("%n", "\u0000")).split("\u0000", -1)) {
                out.append(line.isEmpty() ? "\n" : wrap(line, width, "", ""));
            }
        }
        return out.toString();
    }

    private static String arguments(List<? extends ArgSpec> args, int width) {
        StringBuilder out = new StringBuilder();
        for (ArgSpec arg : args) {
            if (arg.hidden()) {
                continue;
            }
            String names = arg instanceof OptionSpec o ? optionNames(o) : "      " + ((PositionalParamSpec) arg).paramLabel();
            String text = String.join(" ", arg.renderedDescription()).replace("%n", " ").replace("%%", "%");
            String indent = " ".repeat(DESCRIPTION_COLUMN);
            if (names.length() + 2 > DESCRIPTION_COLUMN - 2) {
                out.append(names).append('\n').append(wrap(text, width, indent.substring(2), indent));
            } else {
                String first = names + " ".repeat(DESCRIPTION_COLUMN - 2 - names.length());
                out.append(wrap(text, width, first, indent));
            }
        }
        return out.toString();
    }

    private static String optionNames(OptionSpec o) {
        List<String> shortNames = new ArrayList<>();
        List<String> longNames = new ArrayList<>();
        for (String n : o.names()) {
            (n.startsWith("--") ? longNames : shortNames).add(n);
        }
        String label = o.arity().max() > 0 ? "=" + o.paramLabel() : "";
        String shorts = shortNames.isEmpty() ? "    " : String.join(", ", shortNames) + (longNames.isEmpty() ? "" : ", ");
        return "  " + shorts + String.join(", ", longNames) + label;
    }

    /**
     * {@code text} in lines of at most {@code width} characters where it can, the first starting with
     * {@code first}, the others with {@code rest}, broken at spaces only (a word longer than a line gets
     * a line of its own).
     */
    static String wrap(String text, int width, String first, String rest) {
        StringBuilder out = new StringBuilder(first);
        int lineLength = first.length();
        boolean empty = true;
        for (String word : text.trim().split(" +")) {
            if (!empty && lineLength + 1 + word.length() > width) {
                out.append('\n').append(rest);
                lineLength = rest.length();
                empty = true;
            }
            if (!empty) {
                out.append(' ');
                lineLength++;
            }
            out.append(word);
            lineLength += word.length();
            empty = false;
        }
        return out.append('\n').toString();
    }
}
