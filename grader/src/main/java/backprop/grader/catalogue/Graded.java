package backprop.grader.catalogue;

import backprop.grader.results.Visibility;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a JUnit test method as a graded check. The student-readable name is the test's
 * {@code @DisplayName}; the part is the enclosing class's {@link Part}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Graded {
    /** Stable number such as "3.2": the part's number, a dot, the check's index. Never reuse one. */
    String number();

    /** Points the check is worth: a positive multiple of 0.5. */
    double points();

    /** When students may see this check. */
    Visibility visibility() default Visibility.VISIBLE;
}
