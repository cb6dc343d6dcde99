# Sourced by the bench scripts: builds the bench module and what it needs in one reactor run, and
# sets BENCH_CP to its class path. The reactor's own jars stand in for the installed artifacts.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mvn -B -q -pl bench -am package dependency:build-classpath -DskipTests -Dspotless.check.skip=true \
  -Dmdep.outputFile=target/bench.classpath >/dev/null
BENCH_CP="bench/target/classes:$(cat bench/target/bench.classpath)"
