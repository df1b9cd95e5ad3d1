package backprop.grader.catalogue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;

/**
 * The list of graded checks, read from the suites' annotations in the parent JVM without running
 * any of them: every check starts at 0 and only a reported pass earns its points.
 */
public final class Catalogue {
    /** The graded suite classes, in report order. The child JVM runs exactly these. */
    public static final List<String> SUITES = List.of(
            "backprop.grader.suites.ActivationChecks",
            "backprop.grader.suites.LossChecks",
            "backprop.grader.suites.DenseLayerChecks",
            "backprop.grader.suites.NetworkChecks",
            "backprop.grader.suites.WorkedExampleChecks");

    private static volatile List<CheckSpec> checks;

    private Catalogue() {
    }

    /** The checks of {@link #SUITES}, read once from the grader's own classes. */
    public static List<CheckSpec> checks() {
        List<CheckSpec> c = checks;
        if (c == null) {
            c = read(Catalogue.class.getClassLoader());
            checks = c;
        }
        return c;
    }

    /** How many student JVMs the checks need: one per part and visibility. */
    public static int groups(List<CheckSpec> checks) {
        return (int) checks.stream().map(c -> c.part() + "/" + c.visibility()).distinct().count();
    }

    /** Reads the checks of {@link #SUITES} through {@code loader}. */
    public static List<CheckSpec> read(ClassLoader loader) {
        List<CheckSpec> specs = new ArrayList<>();
        Set<String> numbers = new HashSet<>();
        for (String suite : SUITES) {
            Class<?> type;
            try {
                type = Class.forName(suite, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalStateException("cannot load graded suite " + suite + ": " + e, e);
            }
            Part part = type.getAnnotation(Part.class);
            if (part == null) {
                throw new IllegalStateException(suite + " has no @Part annotation");
            }
            List<Method> methods = Arrays.stream(type.getDeclaredMethods())
                    .filter(m -> m.isAnnotationPresent(Graded.class))
                    .sorted(Comparator.comparing((Method m) -> new CheckNumber(m.getAnnotation(Graded.class).number())))
                    .toList();
            for (Method m : methods) {
                Graded graded = m.getAnnotation(Graded.class);
                if (!numbers.add(graded.number())) {
                    throw new IllegalStateException("check number " + graded.number() + " is used twice (" + suite + "." + m.getName() + ")");
                }
                DisplayName displayName = m.getAnnotation(DisplayName.class);
                String name = displayName == null ? m.getName() : displayName.value();
                specs.add(new CheckSpec(uniqueId(type, m), graded.number(), name, part.value(), graded.points(), graded.visibility()));
            }
        }
        return List.copyOf(specs);
    }

    /** The unique id the JUnit Jupiter engine gives a top-level class's test method. */
    static String uniqueId(Class<?> type, Method method) {
        String params = Arrays.stream(method.getParameterTypes()).map(Class::getName).collect(Collectors.joining(","));
        return "[engine:junit-jupiter]/[class:" + type.getName() + "]/[method:" + method.getName() + "(" + params + ")]";
    }

    /** Orders "2.10" after "2.9". */
    private record CheckNumber(String value) implements Comparable<CheckNumber> {
        @Override
        public int compareTo(CheckNumber o) {
            String[] a = value.split("\\.");
            String[] b = o.value.split("\\.");
            for (int i = 0; i < Math.min(a.length, b.length); i++) {
                int c = Integer.compare(Integer.parseInt(a[i]), Integer.parseInt(b[i]));
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(a.length, b.length);
        }
    }
}
