package dev.multicast.harness;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/** See {@link RequiresDocker}. */
final class DockerCondition implements ExecutionCondition {
  private static final String HOW =
      "no Docker engine answers: install one (Debian: apt-get install docker.io), start dockerd,"
          + " and set TESTCONTAINERS_HOST_OVERRIDE=localhost; .ci/run does all of this";

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (DockerClientFactory.instance().isDockerAvailable()) {
      return ConditionEvaluationResult.enabled("a Docker engine answers");
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException("CI=true, but " + HOW);
    }
    return ConditionEvaluationResult.disabled("container harness skipped: " + HOW);
  }
}
