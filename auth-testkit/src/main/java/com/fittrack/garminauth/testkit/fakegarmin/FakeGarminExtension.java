package com.fittrack.garminauth.testkit.fakegarmin;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one FakeGarmin per test class, {@link FakeGarmin#reset() resets} it before each test and
 * stops it after the class. Register it on a static field; test methods and constructors may take a
 * {@link FakeGarmin} parameter.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final FakeGarminExtension garmin = new FakeGarminExtension();           // demo accounts
 *
 * @RegisterExtension
 * static final FakeGarminExtension custom =
 *     new FakeGarminExtension(() -> FakeGarmin.builder().account(FakeAccount.plain("a@x.io", "pw")));
 * }</pre>
 */
public final class FakeGarminExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {
  private final Supplier<FakeGarmin.Builder> configuration;
  private FakeGarmin fake;
  // Registered on an instance field, JUnit calls only the per-test callbacks: start and stop there.
  private boolean perTest;

  /** With the demo accounts. */
  public FakeGarminExtension() {
    this(() -> FakeGarmin.builder().demoAccounts());
  }

  public FakeGarminExtension(Supplier<FakeGarmin.Builder> configuration) {
    this.configuration = configuration;
  }

  /** The running fake (between beforeAll and afterAll). */
  public FakeGarmin fake() {
    if (fake == null) {
      throw new IllegalStateException("FakeGarmin runs only while the test class runs");
    }
    return fake;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    fake = configuration.get().start();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (fake == null) {
      perTest = true;
      fake = configuration.get().start();
    }
    fake.reset();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (perTest) {
      afterAll(context);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (fake != null) {
      fake.close();
      fake = null;
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == FakeGarmin.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return fake();
  }
}
