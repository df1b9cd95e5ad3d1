package backprop.grader.catalogue;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Names the part of the assignment a suite class grades, e.g. "Activations". */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Part {
    String value();
}
