#!/usr/bin/env bash
# The Spark job on a real standalone cluster (issue 20; docs/sweep.md, "CI test on a standalone
# cluster"). Starts a Spark master and one worker as separate JVMs on 127.0.0.1 from the Spark jars
# that Maven resolved for spark/ (spark/target/spark-classpath.txt, written by `mvn -f spark/pom.xml
# package`), submits the job jar through org.apache.spark.deploy.SparkSubmit (client deploy mode; no
# Spark distribution or spark-submit script needed) and checks:
#   1. the job's merged CSV (--merge) is byte for byte the CSV of `sxcascade sweep` on the same spec,
#      and without --partitions the job waited for the executor's 2 cores (8 partitions);
#   2. with the executor JVM killed (SIGKILL) once after the first tasks have committed, the worker's
#      replacement executor finishes the job and the merged CSV is again byte for byte the local one
#      (every point once, none lost, none duplicated).
# Every process it starts is stopped on exit (also on failure), and its temporary directory removed
# (SXCASCADE_CLUSTER_TEST_KEEP=1 keeps it). Exit code 0: all checks passed; 1: a check failed or
# the cluster or the job did not run (the reason on stderr); 2: the build outputs are missing.
#
# Usage: spark/cluster-test.sh [SPEC.yaml]   (default: spark/cluster-test.yaml, 2 000 design points)
# Needs: the root jar (target/sxcascade.jar) and spark/target/{sxcascade-spark.jar,spark-classpath.txt},
# Java 17, bash, curl. Memory: master and worker 256 MB heap each, driver 512 MB, executor 512 MB.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SPEC=$(realpath "${1:-$ROOT/spark/cluster-test.yaml}")
CLASSPATH_FILE=$ROOT/spark/target/spark-classpath.txt
JOB_JAR=$ROOT/spark/target/sxcascade-spark.jar
CLI_JAR=$ROOT/target/sxcascade.jar
# partitions of the second run: small tasks, so that most are still to run when the executor is killed
KILL_RUN_PARTITIONS=40
# committed tasks of the second run's first stage before the executor is killed
KILL_AFTER_TASKS=2
# the longest any one step may take, seconds
STEP_TIMEOUT=300

for f in "$CLASSPATH_FILE" "$JOB_JAR" "$CLI_JAR" "$SPEC"; do
  if [ ! -f "$f" ]; then
    echo "cluster-test: $f is missing; build first: mvn -B -q -DskipTests install && mvn -B -f spark/pom.xml package" >&2
    exit 2
  fi
done
command -v curl >/dev/null || { echo "cluster-test: curl is needed (to read the master's JSON status)" >&2; exit 2; }

# what Spark's launcher passes to its JVMs on Java 17 (org.apache.spark.launcher.JavaModuleOptions; the
# same list as spark/pom.xml's spark.java.options); executors get it from SparkContext itself
JAVA_MODULE_OPTIONS=(-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false
  -Dio.netty.tryReflectionSetAccessible=true)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/sxcascade-cluster-test.XXXXXX")
PIDS=()        # every JVM started here, in start order
WORKER_PID=""
STATUS=1       # the exit code, 0 once every check has passed

log() { printf '%s cluster-test: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# the executor JVMs the worker launched: its children running CoarseGrainedExecutorBackend
executor_pids() {
  [ -n "$WORKER_PID" ] || return 0
  local p
  for p in $(pgrep -P "$WORKER_PID" 2>/dev/null || true); do
    if tr '\0' ' ' < "/proc/$p/cmdline" 2>/dev/null | grep -q 'CoarseGrainedExecutorBackend'; then
      echo "$p"
    fi
  done
}

# stops one process by its id: TERM, then KILL after 10 s
stop_pid() {
  local pid=$1 i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 40); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.25
  done
  kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$? pid executors
  trap - EXIT INT TERM
  [ "$STATUS" = 0 ] && rc=0 || { [ "$rc" = 0 ] && rc=1; }
  executors=$(executor_pids)
  # newest first: drivers, then the worker (it stops its executors), then the master
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    stop_pid "${PIDS[i]}"
  done
  for pid in $executors; do stop_pid "$pid"; done   # if the worker left any behind
  if [ "$rc" != 0 ]; then
    log "FAILED; the last lines of the logs:"
    for f in "$WORK"/*.log "$WORK"/*.err "$WORK"/work/app-*/*/stderr; do
      [ -f "$f" ] || continue
      echo "----- $f" >&2
      tail -n 25 "$f" >&2
    done
  fi
  if [ "${SXCASCADE_CLUSTER_TEST_KEEP:-}" = 1 ]; then
    log "kept $WORK"
  else
    rm -rf "$WORK"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() { log "FAIL: $*"; exit 1; }

# a port nothing listens on (bash's /dev/tcp: a refused connection), not one handed out before
TAKEN=" "
free_port() {
  local p _
  for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 30000))
    case "$TAKEN" in *" $p "*) continue ;; esac
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      TAKEN="$TAKEN$p "
      echo "$p"
      return 0
    fi
  done
  fail "no free port found on 127.0.0.1"
}

# A Spark home for the worker: its executors' class path is SPARK_HOME/jars/* (Spark's launcher,
# WorkerCommandBuilder), here links to the jars of the class path file; SPARK_SCALA_VERSION tells the
# launcher the Scala version, which it would otherwise look for in a Spark build tree.
SPARK_HOME=$WORK/spark-home
mkdir -p "$SPARK_HOME/jars" "$WORK/work"
SPARK_CP=$(cat "$CLASSPATH_FILE")
IFS=: read -r -a JARS <<< "$SPARK_CP"
n=0
for j in "${JARS[@]}"; do
  [ -f "$j" ] || fail "$j (in $CLASSPATH_FILE) is missing"
  n=$((n + 1))
  ln -s "$j" "$SPARK_HOME/jars/$(printf '%03d' "$n")-$(basename "$j")"
done
export SPARK_HOME SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_HOSTNAME=127.0.0.1
unset SPARK_CONF_DIR SPARK_CLASSPATH SPARK_MASTER_OPTS SPARK_WORKER_OPTS SPARK_DAEMON_JAVA_OPTS

MASTER_PORT=$(free_port)
MASTER_UI_PORT=$(free_port)
WORKER_UI_PORT=$(free_port)
MASTER=spark://127.0.0.1:$MASTER_PORT

SPARK_VERSION=$(printf '%s\n' "${JARS[@]}" | sed -nE 's|.*/spark-core_([0-9.]+)-([^/]+)\.jar$|\2 (Scala \1)|p')
log "Spark ${SPARK_VERSION:-?} from ${#JARS[@]} jars; work directory $WORK"
java -Xmx256m "${JAVA_MODULE_OPTIONS[@]}" -cp "$SPARK_CP" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "$MASTER_PORT" --webui-port "$MASTER_UI_PORT" > "$WORK/master.log" 2>&1 &
PIDS+=($!)
MASTER_PID=$!
java -Xmx256m "${JAVA_MODULE_OPTIONS[@]}" -cp "$SPARK_CP" org.apache.spark.deploy.worker.Worker "$MASTER" \
  --host 127.0.0.1 --webui-port "$WORKER_UI_PORT" --cores 2 --memory 1g --work-dir "$WORK/work" \
  > "$WORK/worker.log" 2>&1 &
PIDS+=($!)
WORKER_PID=$!

master_json() { curl -sf --max-time 5 "http://127.0.0.1:$MASTER_UI_PORT/json/" || true; }

# the master is up and the worker has registered with it
for i in $(seq 1 $((2 * STEP_TIMEOUT))); do
  kill -0 "$MASTER_PID" 2>/dev/null || fail "the master exited (master.log below)"
  kill -0 "$WORKER_PID" 2>/dev/null || fail "the worker exited (worker.log below)"
  if master_json | tr -d ' \n' | grep -q '"aliveworkers":1,'; then
    break
  fi
  [ "$i" -lt $((2 * STEP_TIMEOUT)) ] || fail "the worker did not register with $MASTER in ${STEP_TIMEOUT} s"
  sleep 0.5
done
log "master $MASTER (web UI port $MASTER_UI_PORT, pid $MASTER_PID), worker pid $WORKER_PID with 2 cores, 1 GB"

# submits the job in client deploy mode in the background: submit NAME JOB-ARGS...; sets DRIVER_PID
submit() {
  local name=$1
  shift
  java -Xmx512m "${JAVA_MODULE_OPTIONS[@]}" -cp "$SPARK_CP" org.apache.spark.deploy.SparkSubmit \
    --master "$MASTER" --deploy-mode client --class org.sxcascade.spark.SparkSweep \
    --total-executor-cores 2 --executor-memory 512m \
    --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
    --conf spark.ui.enabled=false \
    "$JOB_JAR" "$SPEC" "$@" > "$WORK/$name.out" 2> "$WORK/$name.err" &
  DRIVER_PID=$!
  PIDS+=("$DRIVER_PID")
}

# waits for the driver; fails unless it exits 0 within the time limit
wait_driver() {
  local name=$1 i rc
  for i in $(seq 1 $((4 * STEP_TIMEOUT))); do
    kill -0 "$DRIVER_PID" 2>/dev/null || break
    [ "$i" -lt $((4 * STEP_TIMEOUT)) ] || fail "$name: the job did not end within ${STEP_TIMEOUT} s"
    sleep 0.25
  done
  if wait "$DRIVER_PID"; then rc=0; else rc=$?; fi
  [ "$rc" = 0 ] || fail "$name: the job exited with code $rc ($name.err below)"
  cat "$WORK/$name.out" >&2
}

# the merged CSV of a run against the local one: byte for byte, and every point once
compare() {
  local name=$1 merged=$2 local_csv=$3 points
  [ -f "$merged" ] || fail "$name: no merged CSV $merged"
  points=$(($(wc -l < "$local_csv") - 1))
  if ! tail -n +2 "$merged" | cut -d, -f1 | cmp -s - <(seq 0 $((points - 1))); then
    fail "$name: the point column is not 0 … $((points - 1)) once each, in order \
($(($(wc -l < "$merged") - 1)) rows; points repeated: $(tail -n +2 "$merged" | cut -d, -f1 | sort -n | uniq -d | wc -l))"
  fi
  if ! cmp "$local_csv" "$merged" >&2; then
    diff "$local_csv" "$merged" | head -n 10 >&2 || true
    fail "$name: the rows differ from the local sweep's"
  fi
  log "$name: $points rows, byte for byte the local sweep's ($(sha256sum < "$merged" | cut -c1-16))"
}

# the local run of the same spec, the reference
T0=$(date +%s)
java -jar "$CLI_JAR" sweep "$SPEC" -o "$WORK/local.csv" --threads 2 > "$WORK/local.log" 2>&1 \
  || fail "the local sweep failed (local.log below)"
log "local sweep: $(($(wc -l < "$WORK/local.csv") - 1)) rows in $(($(date +%s) - T0)) s"

# Run 1: as a user would on a standalone cluster: no --partitions (the job waits for its executor's 2
# cores: 8 partitions), --merge
T0=$(date +%s)
submit run1 --out "$WORK/out1" --merge
wait_driver run1
grep -q 'note: 1 executor registered, 2 cores of 2 asked; 8 partitions' "$WORK/run1.err" \
  || fail "run1: the job did not count the executor's 2 cores ($(grep -m1 '^note:' "$WORK/run1.err" || echo 'no note'))"
compare run1 "$WORK/out1/sweep.csv" "$WORK/local.csv"
log "run1: $(($(date +%s) - T0)) s"

# Run 2: 40 partitions; the executor is killed once after the first tasks have committed their files
T0=$(date +%s)
submit run2 --out "$WORK/out2" --merge --partitions "$KILL_RUN_PARTITIONS"
KILLED=""
for i in $(seq 1 $((10 * STEP_TIMEOUT))); do
  kill -0 "$DRIVER_PID" 2>/dev/null || fail "run2: the job ended before the executor was killed: no kill mid-job"
  # committed tasks of the Parquet stage (Hadoop's FileOutputCommitter: _temporary/0/task_*)
  committed=$({ find "$WORK/out2/parquet/_temporary/0" -maxdepth 1 -name 'task_*' 2>/dev/null || true; } | wc -l)
  if [ "$committed" -ge "$KILL_AFTER_TASKS" ]; then
    KILLED=$(executor_pids)
    [ "$(echo "$KILLED" | wc -w)" = 1 ] || fail "run2: expected one executor JVM under the worker, found: ${KILLED:-none}"
    [ ! -e "$WORK/out2/csv/_SUCCESS" ] || fail "run2: the job had already written its CSV: no kill mid-job"
    kill -KILL "$KILLED"
    log "run2: killed the executor JVM (pid $KILLED, SIGKILL) after $committed of $KILL_RUN_PARTITIONS tasks committed"
    break
  fi
  [ "$i" -lt $((10 * STEP_TIMEOUT)) ] || fail "run2: no task committed within ${STEP_TIMEOUT} s"
  sleep 0.1
done
wait_driver run2
# the worker started a second executor for the application, and it ran tasks
APP_DIR=$(ls -d "$WORK"/work/app-* | sort | tail -n 1)
EXECUTORS=$(find "$APP_DIR" -mindepth 1 -maxdepth 1 -type d | wc -l)
[ "$EXECUTORS" -ge 2 ] || fail "run2: the worker started $EXECUTORS executor(s) for $(basename "$APP_DIR"), not a replacement"
REPLACEMENT=$(find "$APP_DIR" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort -n | tail -n 1)
TASKS=$(grep -c 'Finished task' "$APP_DIR/$REPLACEMENT/stderr" || true)
[ "$TASKS" -gt 0 ] || fail "run2: the replacement executor $REPLACEMENT finished no task"
grep -q 'Lost executor\|ExecutorLostFailure\|Removed executor' "$WORK/run2.err" \
  || fail "run2: the driver did not see the executor's loss"
log "run2: executor $REPLACEMENT replaced the killed one and finished $TASKS tasks"
compare run2 "$WORK/out2/sweep.csv" "$WORK/local.csv"
log "run2: $(($(date +%s) - T0)) s"

STATUS=0
log "passed: standalone cluster rows = local rows, with and without the executor killed mid-job"
