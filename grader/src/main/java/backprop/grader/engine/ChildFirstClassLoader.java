package backprop.grader.engine;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;

/**
 * Loads the student's classes and the graded suites from its own URLs before asking its parent, so
 * that the parent JVM can read the suites' annotations against this submission's classes.
 */
final class ChildFirstClassLoader extends URLClassLoader {
    private final List<String> childFirstPrefixes;

    ChildFirstClassLoader(URL[] urls, ClassLoader parent, List<String> childFirstPrefixes) {
        super(urls, parent);
        this.childFirstPrefixes = List.copyOf(childFirstPrefixes);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (childFirstPrefixes.stream().noneMatch(name::startsWith)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                try {
                    c = findClass(name);
                } catch (ClassNotFoundException e) {
                    c = super.loadClass(name, false);
                }
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }
}
