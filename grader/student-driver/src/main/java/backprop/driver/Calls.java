package backprop.driver;

import java.io.DataInputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes the grader's calls on the submission's classes by reflection, and turns what comes back into
 * wire values: numbers and arrays as they are, objects of a value class as rows, any other object as
 * a {@link Wire.Ref} to an entry of this JVM's object table.
 */
final class Calls {
    /** At most this many stack frames of an exception are sent, and this many causes. */
    static final int FRAMES = 48;
    static final int CAUSES = 4;
    /** Exception messages are cut to this many characters. */
    static final int MESSAGE = 4000;
    /** Limits of one answer: no student value is larger. */
    static final Wire.Limits OUT = new Wire.Limits(1 << 20, 2_000_000, 10_000, 4);

    private final ClassLoader loader;
    private final Map<String, ValueClass> valueClasses = new LinkedHashMap<>();
    private final List<Object> objects = new ArrayList<>();
    private final Map<Object, Integer> ids = new IdentityHashMap<>();

    /** A class whose objects travel as rows: built with {@code of(double[][])}, read with {@code toArray()}. */
    private record ValueClass(Class<?> type, Method of, Method toArray) {
    }

    Calls(List<String> valueClassNames, ClassLoader loader) {
        this.loader = loader;
        for (String name : valueClassNames) {
            valueClasses.put(name, null); // resolved on first use: loading it now would run code before hello
        }
    }

    Answer handle(byte op, DataInputStream in) throws IOException {
        Wire.Resolver resolver = resolver();
        switch (op) {
            case Wire.NEW -> {
                String className = Wire.readString(in, Wire.Limits.DEFAULT);
                Object[] args = readArgs(in, resolver);
                return construct(className, args);
            }
            case Wire.CALL -> {
                Object target = objectAt(in.readInt());
                String method = Wire.readString(in, Wire.Limits.DEFAULT);
                Object[] args = readArgs(in, resolver);
                return target == null ? Answer.fault("no object with that number in the student JVM")
                        : invoke(target.getClass(), target, method, args);
            }
            case Wire.STATIC -> {
                String className = Wire.readString(in, Wire.Limits.DEFAULT);
                String method = Wire.readString(in, Wire.Limits.DEFAULT);
                Object[] args = readArgs(in, resolver);
                Class<?> type;
                try {
                    type = Class.forName(className, false, loader);
                } catch (ClassNotFoundException e) {
                    return Answer.fault("there is no class " + className);
                } catch (LinkageError e) {
                    return Answer.threw(describe(e), -1);
                }
                return invoke(type, null, method, args);
            }
            case Wire.CALL_EACH -> {
                Object target = objectAt(in.readInt());
                String method = Wire.readString(in, Wire.Limits.DEFAULT);
                Object xs = Wire.read(in, Wire.Limits.DEFAULT, resolver);
                if (target == null || !(xs instanceof double[] values)) {
                    return Answer.fault("CALL_EACH needs an object and a double[]");
                }
                return each(target, method, values);
            }
            default -> throw new Wire.ProtocolException("unknown request " + op);
        }
    }

    private Object[] readArgs(DataInputStream in, Wire.Resolver resolver) throws IOException {
        Object list = Wire.read(in, Wire.Limits.DEFAULT, resolver);
        if (!(list instanceof List<?> l)) {
            throw new Wire.ProtocolException("arguments must be a list");
        }
        return l.toArray();
    }

    private Object objectAt(int id) {
        return id >= 0 && id < objects.size() ? objects.get(id) : null;
    }

    private Wire.Resolver resolver() {
        return new Wire.Resolver() {
            @Override
            public Object value(String type, double[][] rows) throws IOException {
                ValueClass v = valueClass(type);
                if (v == null) {
                    throw new Wire.ProtocolException("not a value class: " + type);
                }
                try {
                    return v.of().invoke(null, (Object) rows);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    throw new Wire.ProtocolException("cannot build a " + type + ": " + e);
                }
            }

            @Override
            public Object ref(int id, String type) throws IOException {
                Object o = objectAt(id);
                if (o == null) {
                    throw new Wire.ProtocolException("no object number " + id);
                }
                return o;
            }
        };
    }

    private ValueClass valueClass(String name) {
        if (!valueClasses.containsKey(name)) {
            return null;
        }
        ValueClass v = valueClasses.get(name);
        if (v == null) {
            try {
                Class<?> type = Class.forName(name, true, loader);
                v = new ValueClass(type, type.getMethod("of", double[][].class), type.getMethod("toArray"));
                valueClasses.put(name, v);
            } catch (ReflectiveOperationException | LinkageError e) {
                return null;
            }
        }
        return v;
    }

    private Answer construct(String className, Object[] args) {
        Class<?> type;
        try {
            type = Class.forName(className, false, loader);
        } catch (ClassNotFoundException e) {
            return Answer.fault("there is no class " + className);
        } catch (LinkageError e) {
            return Answer.threw(describe(e), -1);
        }
        Constructor<?> constructor = find(type.getConstructors(), args);
        if (constructor == null) {
            return Answer.fault(simple(className) + " has no public constructor " + simple(className) + signature(args));
        }
        try {
            constructor.setAccessible(true);
            return returned(constructor.newInstance(args));
        } catch (InvocationTargetException e) {
            return Answer.threw(describe(e.getCause()), -1);
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            return Answer.fault("cannot call " + constructor + ": " + e);
        } catch (Throwable e) { // ExceptionInInitializerError and the like: the student's static code
            return Answer.threw(describe(e), -1);
        }
    }

    private Answer invoke(Class<?> type, Object target, String name, Object[] args) {
        Method method = find(methods(type, name, target == null), args);
        if (method == null) {
            return Answer.fault(simple(type.getName()) + " has no public " + (target == null ? "static " : "") + "method "
                    + name + signature(args));
        }
        try {
            method.setAccessible(true);
            return returned(method.invoke(target, args));
        } catch (InvocationTargetException e) {
            return Answer.threw(describe(e.getCause()), -1);
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            return Answer.fault("cannot call " + method + ": " + e);
        } catch (Throwable e) {
            return Answer.threw(describe(e), -1);
        }
    }

    private Answer each(Object target, String name, double[] xs) {
        Method method = find(methods(target.getClass(), name, false), new Object[] {0.0});
        if (method == null || !(method.getReturnType() == double.class)) {
            return Answer.fault(simple(target.getClass().getName()) + " has no public method double " + name + "(double)");
        }
        double[] ys = new double[xs.length];
        method.setAccessible(true);
        for (int i = 0; i < xs.length; i++) {
            try {
                ys[i] = (Double) method.invoke(target, xs[i]);
            } catch (InvocationTargetException e) {
                return Answer.threw(describe(e.getCause()), i);
            } catch (ReflectiveOperationException | IllegalArgumentException e) {
                return Answer.fault("cannot call " + method + ": " + e);
            } catch (Throwable e) {
                return Answer.threw(describe(e), i);
            }
        }
        return Answer.returned(ys);
    }

    private static Method[] methods(Class<?> type, String name, boolean statics) {
        List<Method> found = new ArrayList<>();
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && Modifier.isStatic(m.getModifiers()) == statics) {
                found.add(m);
            }
        }
        return found.toArray(Method[]::new);
    }

    /** The first executable whose parameters accept {@code args}. */
    private static <E extends Executable> E find(E[] candidates, Object[] args) {
        for (E e : candidates) {
            Class<?>[] params = e.getParameterTypes();
            if (params.length != args.length) {
                continue;
            }
            boolean fits = true;
            for (int i = 0; i < params.length && fits; i++) {
                fits = accepts(params[i], args[i]);
            }
            if (fits) {
                return e;
            }
        }
        return null;
    }

    private static boolean accepts(Class<?> param, Object arg) {
        if (arg == null) {
            return !param.isPrimitive();
        }
        if (param.isPrimitive()) {
            return param == double.class && arg instanceof Double || param == int.class && arg instanceof Integer
                    || param == long.class && arg instanceof Long || param == boolean.class && arg instanceof Boolean;
        }
        return param.isInstance(arg);
    }

    private Answer returned(Object value) {
        try {
            return Answer.returned(toWire(value, 0, new int[] {0}));
        } catch (TooLarge e) {
            return Answer.fault("returned " + e.getMessage() + ", too large to check");
        } catch (Throwable e) { // the student's List or value class threw while being read
            return Answer.threw(describe(e), -1);
        }
    }

    /** A returned value as the wire sends it; objects that are not values stay here as references. */
    private Object toWire(Object v, int depth, int[] doubles) throws TooLarge, ReflectiveOperationException {
        if (v == null || v instanceof Double || v instanceof Integer || v instanceof Long || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof Short || v instanceof Byte) {
            return ((Number) v).intValue();
        }
        if (v instanceof Character c) {
            return String.valueOf(c);
        }
        if (v instanceof String s) {
            return s.length() > MESSAGE ? s.substring(0, MESSAGE) : s;
        }
        if (v instanceof double[] a) {
            count(doubles, a.length, "an array of " + a.length + " doubles");
            return a.clone();
        }
        if (v instanceof double[][] m) {
            count(doubles, m.length, "an array of " + m.length + " rows");
            double[][] copy = new double[m.length][];
            for (int i = 0; i < m.length; i++) {
                if (m[i] != null) {
                    count(doubles, m[i].length, "a matrix with more than " + OUT.maxDoubles() + " elements");
                    copy[i] = m[i].clone();
                }
            }
            return copy;
        }
        ValueClass value = valueClasses.containsKey(v.getClass().getName()) ? valueClass(v.getClass().getName()) : null;
        if (value != null && value.type() == v.getClass()) {
            double[][] rows = (double[][]) value.toArray().invoke(v);
            Object copied = toWire(rows, depth, doubles);
            return new Wire.Value(v.getClass().getName(), (double[][]) copied);
        }
        if (v instanceof List<?> list && depth < OUT.maxDepth()) {
            int size = list.size();
            if (size > OUT.maxList()) {
                throw new TooLarge("a list of " + size + " elements");
            }
            List<Object> out = new ArrayList<>(size);
            for (Object e : list) {
                out.add(toWire(e, depth + 1, doubles));
                if (out.size() > OUT.maxList()) {
                    throw new TooLarge("a list of more than " + OUT.maxList() + " elements");
                }
            }
            return out;
        }
        return new Wire.Ref(register(v), v.getClass().getName());
    }

    private static void count(int[] doubles, int n, String what) throws TooLarge {
        doubles[0] += n;
        if (n > OUT.maxDoubles() || doubles[0] > OUT.maxDoubles()) {
            throw new TooLarge(what);
        }
    }

    private int register(Object o) {
        Integer id = ids.get(o);
        if (id == null) {
            id = objects.size();
            objects.add(o);
            ids.put(o, id);
        }
        return id;
    }

    /** An exception as the wire sends it: class, message cut short, the first frames, a few causes. */
    static Wire.Thrown describe(Throwable t) {
        return describe(t, 0, new IdentityHashMap<>());
    }

    private static Wire.Thrown describe(Throwable t, int depth, Map<Throwable, Boolean> seen) {
        if (t == null || depth > CAUSES || seen.put(t, Boolean.TRUE) != null) {
            return null;
        }
        String message;
        try {
            message = t.getMessage();
        } catch (Throwable e) {
            message = "(its getMessage() threw " + e.getClass().getName() + ")";
        }
        if (message != null && message.length() > MESSAGE) {
            message = message.substring(0, MESSAGE) + " [… " + (message.length() - MESSAGE) + " more characters]";
        }
        List<Wire.Frame> frames = new ArrayList<>();
        Throwable cause;
        try {
            StackTraceElement[] trace = t.getStackTrace();
            for (int i = 0; i < Math.min(FRAMES, trace.length); i++) {
                StackTraceElement e = trace[i];
                frames.add(new Wire.Frame(e.getClassName(), e.getMethodName(), e.getFileName(), e.getLineNumber()));
            }
            cause = t.getCause();
        } catch (Throwable e) {
            cause = null;
        }
        return new Wire.Thrown(t.getClass().getName(), message, frames, describe(cause, depth + 1, seen));
    }

    private static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static String signature(Object[] args) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < args.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(args[i] == null ? "null" : args[i].getClass().getSimpleName());
        }
        return sb.append(')').toString();
    }

    /** A returned value beyond the limits of one answer. */
    private static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        TooLarge(String what) {
            super(what, null, false, false);
        }
    }
}
