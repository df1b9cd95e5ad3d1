package backprop.grader.run;

/**
 * The test JVM's security manager: the policy written by {@link Sandbox} decides everything, except
 * exiting. The JVM's application class loader grants every class on the class path the right to exit,
 * student classes included, so exiting is refused here unless the harness itself is ending the JVM.
 */
@SuppressWarnings("removal")
final class ChildSecurityManager extends SecurityManager {
    private static volatile boolean harnessExiting;

    /** Ends the JVM at once; only the harness calls this. */
    static void halt(int status) {
        harnessExiting = true;
        Runtime.getRuntime().halt(status);
    }

    @Override
    public void checkExit(int status) {
        if (!harnessExiting) {
            throw new SecurityException("exiting the JVM (System.exit or Runtime.halt, status " + status
                    + ") is not allowed in graded code");
        }
    }
}
