package backprop.grader.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Reads the compiled submission before any of it runs and lists every use of Java API that the
 * {@link Allowlist} does not allow: member calls and field accesses, the types named in code,
 * signatures and exception handlers, method references and lambdas (their bootstrap arguments),
 * constants of {@code java.lang.invoke}, native methods. Only the lambda, string concatenation and
 * record bootstraps may link call sites.
 *
 * <p>Verification is what the grader's verdicts rely on: it holds on every JDK, whatever the
 * operating system adds around the student JVM.
 */
public final class BytecodeVerifier {
    private static final String OWN_PACKAGE = "backprop/nn/";
    /** The bootstrap methods javac emits for lambdas, string concatenation and records: nothing else links a call site. */
    private static final Set<String> BOOTSTRAPS = Set.of(
            "java/lang/invoke/LambdaMetafactory.metafactory", "java/lang/invoke/LambdaMetafactory.altMetafactory",
            "java/lang/invoke/StringConcatFactory.makeConcatWithConstants", "java/lang/invoke/StringConcatFactory.makeConcat",
            "java/lang/runtime/ObjectMethods.bootstrap");

    private final Allowlist allowlist;

    /** The allowlist's fingerprint: verdicts of two verifiers with equal fingerprints are equal. */
    public String fingerprint() {
        return allowlist.fingerprint();
    }

    public BytecodeVerifier(Allowlist allowlist) {
        this.allowlist = allowlist;
    }

    /** Every refused use in the class files under {@code classesDir}, in file and line order, one per API and line. */
    public List<Violation> verify(Path classesDir) {
        Map<String, ClassReader> classes = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(classesDir)) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                ClassReader reader = new ClassReader(Files.readAllBytes(p));
                classes.put(reader.getClassName(), reader);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the compiled submission in " + classesDir, e);
        }
        Hierarchy hierarchy = new Hierarchy(classes);
        Set<Violation> found = new LinkedHashSet<>();
        for (ClassReader reader : classes.values()) {
            reader.accept(new ClassCheck(hierarchy, found), ClassReader.SKIP_FRAMES);
        }
        return found.stream().sorted(java.util.Comparator.comparing(Violation::sourceFile).thenComparingInt(Violation::line))
                .toList();
    }

    /** Superclass and interfaces of the submission's own classes, to resolve members they inherit from the JDK. */
    private static final class Hierarchy {
        private final Map<String, String> superclass = new HashMap<>();
        private final Map<String, String[]> interfaces = new HashMap<>();
        private final Map<String, Set<String>> declared = new HashMap<>();

        Hierarchy(Map<String, ClassReader> classes) {
            for (ClassReader r : classes.values()) {
                superclass.put(r.getClassName(), r.getSuperName());
                interfaces.put(r.getClassName(), r.getInterfaces());
                Set<String> members = new LinkedHashSet<>();
                r.accept(new ClassVisitor(Opcodes.ASM9) {
                    @Override
                    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] ex) {
                        members.add(name + descriptor);
                        members.add(name);
                        return null;
                    }

                    @Override
                    public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                        members.add(name);
                        return null;
                    }
                }, ClassReader.SKIP_CODE);
                declared.put(r.getClassName(), members);
            }
        }

        boolean own(String internalName) {
            return superclass.containsKey(internalName);
        }

        /** Whether {@code name} is declared by {@code owner} or one of its own (submission) superclasses or interfaces. */
        boolean declares(String owner, String name, String descriptor) {
            Set<String> seen = new LinkedHashSet<>();
            List<String> todo = new ArrayList<>(List.of(owner));
            while (!todo.isEmpty()) {
                String c = todo.remove(todo.size() - 1);
                if (!own(c) || !seen.add(c)) {
                    continue;
                }
                Set<String> members = declared.get(c);
                if (members.contains(descriptor == null ? name : name + descriptor) || descriptor == null && members.contains(name)) {
                    return true;
                }
                todo.add(superclass.get(c));
                todo.addAll(List.of(interfaces.get(c)));
            }
            return false;
        }

        /** The JDK classes {@code owner} inherits from directly: the first JDK superclass, and JDK interfaces on the way. */
        List<String> jdkAncestors(String owner) {
            List<String> out = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            List<String> todo = new ArrayList<>(List.of(owner));
            while (!todo.isEmpty()) {
                String c = todo.remove(0);
                if (c == null || !seen.add(c)) {
                    continue;
                }
                if (!own(c)) {
                    out.add(c);
                    continue;
                }
                todo.add(superclass.get(c));
                todo.addAll(List.of(interfaces.get(c)));
            }
            return out;
        }
    }

    private final class ClassCheck extends ClassVisitor {
        private final Hierarchy hierarchy;
        private final Set<Violation> found;
        private String className;
        private String sourceFile = "?";
        /** Findings of this class, kept until {@link #visitEnd} knows the source file (visitSource comes after visit). */
        private final List<Violation> pending = new ArrayList<>();

        ClassCheck(Hierarchy hierarchy, Set<Violation> found) {
            super(Opcodes.ASM9);
            this.hierarchy = hierarchy;
            this.found = found;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            className = name;
            String simple = name.substring(name.lastIndexOf('/') + 1);
            if (name.startsWith(OWN_PACKAGE) && !simple.contains("$") && hidesJavaLang(simple)) {
                // Classes of the package come before java.lang when a name is resolved: such a class would
                // run the submission's code inside the given files (a backprop.nn.System in Matrix.java).
                report(0, "the name " + simple, "a class of the course's package named like java.lang." + simple
                        + " takes its place in every file of the package; rename it");
            }
            if (superName != null) {
                type(superName, 0, "extends");
            }
            for (String i : interfaces) {
                type(i, 0, "implements");
            }
        }

        @Override
        public void visitSource(String source, String debug) {
            if (source != null) {
                sourceFile = source;
            }
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            descriptor(descriptor, 0);
            return null;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            if ((access & Opcodes.ACC_NATIVE) != 0) {
                report(0, "a native method (" + name + ")", "graded code may not declare native methods");
            }
            if (name.equals("finalize") && descriptor.equals("()V")) {
                report(0, "a finalize() method", "graded code may not declare finalizers");
            }
            descriptor(descriptor, 0);
            return new CodeCheck();
        }

        private final class CodeCheck extends MethodVisitor {
            private int line;

            CodeCheck() {
                super(Opcodes.ASM9);
            }

            @Override
            public void visitLineNumber(int line, Label start) {
                this.line = line;
            }

            @Override
            public void visitTypeInsn(int opcode, String type) {
                type(type, line, null);
            }

            @Override
            public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
                descriptor(descriptor, line);
            }

            @Override
            public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
                if (type != null) {
                    type(type, line, null);
                }
            }

            @Override
            public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
                member(owner, name, descriptor, line, false);
            }

            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
                member(owner, name, descriptor, line, true);
            }

            @Override
            public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
                String bsm = bootstrap.getOwner() + "." + bootstrap.getName();
                if (!BOOTSTRAPS.contains(bsm)) {
                    report(line, "invokedynamic with " + bsm.replace('/', '.'), null);
                    return;
                }
                descriptor(descriptor, line);
                for (Object a : arguments) {
                    constant(a, line, true);
                }
            }

            @Override
            public void visitLdcInsn(Object value) {
                constant(value, line, false);
            }
        }

        private void constant(Object value, int line, boolean bootstrapArgument) {
            if (value instanceof Type t) {
                if (t.getSort() == Type.METHOD) {
                    if (!bootstrapArgument) {
                        report(line, "java.lang.invoke.MethodType", null);
                    } else {
                        descriptor(t.getDescriptor(), line);
                    }
                } else {
                    descriptor(t.getDescriptor(), line);
                }
            } else if (value instanceof Handle h) {
                if (!bootstrapArgument) {
                    report(line, "java.lang.invoke.MethodHandle", null);
                } else {
                    boolean method = h.getTag() >= Opcodes.H_INVOKEVIRTUAL;
                    member(h.getOwner(), h.getName(), h.getDesc(), line, method);
                }
            } else if (value instanceof ConstantDynamic) {
                report(line, "a dynamic constant (java.lang.invoke)", null);
            }
        }

        /** A member use: the member itself first; only an allowed member's signature types are looked at. */
        private void member(String owner, String name, String descriptor, int line, boolean method) {
            if (owner.startsWith("[")) {
                descriptor(owner, line); // clone() or length of an array
                descriptor(descriptor, line);
                return;
            }
            String what = dotted(owner) + "." + name;
            if (hierarchy.own(owner)) {
                if (!hierarchy.declares(owner, name, method ? descriptor : null)) {
                    boolean allowed = false;
                    for (String ancestor : hierarchy.jdkAncestors(owner)) {
                        Allowlist.Decision d = allowlist.member(dotted(ancestor), name, descriptor);
                        if (d == Allowlist.Decision.DENIED) {
                            report(line, dotted(ancestor) + "." + name, null);
                            return;
                        }
                        allowed |= d == Allowlist.Decision.ALLOWED;
                    }
                    if (!allowed) {
                        report(line, what, null);
                        return;
                    }
                }
            } else if (!(owner.startsWith(OWN_PACKAGE) && owner.indexOf('/', OWN_PACKAGE.length()) < 0)
                    && allowlist.member(dotted(owner), name, descriptor) != Allowlist.Decision.ALLOWED) {
                report(line, allowlist.allowsType(dotted(owner)) ? what : dotted(owner), null);
                return;
            }
            descriptor(descriptor, line);
        }

        private void descriptor(String descriptor, int line) {
            Type t = Type.getType(descriptor);
            if (t.getSort() == Type.METHOD) {
                for (Type a : t.getArgumentTypes()) {
                    type(a, line);
                }
                type(t.getReturnType(), line);
            } else {
                type(t, line);
            }
        }

        private void type(Type t, int line) {
            if (t.getSort() == Type.ARRAY) {
                t = t.getElementType();
            }
            if (t.getSort() == Type.OBJECT) {
                type(t.getInternalName(), line, null);
            }
        }

        private void type(String internalName, int line, String how) {
            if (internalName.startsWith("[")) {
                descriptor(internalName, line);
                return;
            }
            if (hierarchy.own(internalName)
                    || internalName.startsWith(OWN_PACKAGE) && internalName.indexOf('/', OWN_PACKAGE.length()) < 0) {
                return;
            }
            if (!allowlist.allowsType(dotted(internalName))) {
                report(line, dotted(internalName), how == null ? null : "graded code may not " + how + " " + dotted(internalName));
            }
        }

        private void report(int line, String api, String reason) {
            pending.add(new Violation(null, line, dotted(className), api, reason == null ? "" : reason));
        }

        @Override
        public void visitEnd() {
            if (sourceFile.equals("?")) { // no SourceFile attribute: the file javac names after the top-level class
                String simple = className.substring(className.lastIndexOf('/') + 1);
                int nested = simple.indexOf('$');
                sourceFile = (nested > 0 ? simple.substring(0, nested) : simple) + ".java";
            }
            for (Violation v : pending) {
                found.add(new Violation(sourceFile, v.line(), v.className(), v.api(), v.reason()));
            }
        }
    }

    /** Whether java.lang has a class of this simple name (what a class of the same name in the package hides). */
    private static boolean hidesJavaLang(String simpleName) {
        return ClassLoader.getPlatformClassLoader().getResource("java/lang/" + simpleName + ".class") != null;
    }

    private static String dotted(String internalName) {
        return internalName.replace('/', '.');
    }
}
