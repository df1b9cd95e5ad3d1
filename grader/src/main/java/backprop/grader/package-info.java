/**
 * The grader: {@code submission} → {@code compile} → {@code run} (sandboxed child JVM) → {@code checks}
 * and {@code suites} → {@code results} → {@code report} and {@code html}, driven by {@code engine},
 * {@code batch} and {@code cli}. This package holds only helpers they all share.
 */
package backprop.grader;
