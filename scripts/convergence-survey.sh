#!/usr/bin/env bash
# The large mass-action convergence survey (issue 15; docs/mass-action.md, "Convergence survey"):
# MassActionConvergenceSurveyTest on more seeds than the CI run's 2000.
#
#   scripts/convergence-survey.sh [CASES [FIRST_SEED [TIMEOUT_S]]]
#
# CASES      number of seeds (default 20000)
# FIRST_SEED first seed (default 1; CI runs seeds 1 … 2000)
# TIMEOUT_S  seconds after which a solve is abandoned and counted as "too slow" (default 60)
# SURVEY_OUT output directory (environment; default target/survey-CASES)
#
# Writes OUT/cases.csv (one row per seed), OUT/failures.txt (one line per failure), OUT/seed-S.yaml
# for each failing seed and OUT/summary.txt; exits non-zero when a criterion is missed.
set -uo pipefail
cd "$(dirname "$0")/.."
cases=${1:-20000}
seed=${2:-1}
timeout=${3:-60}
out=${SURVEY_OUT:-target/survey-$cases}
mvn -B -q test -Dtest=MassActionConvergenceSurveyTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dsurvey.cases="$cases" -Dsurvey.seed="$seed" -Dsurvey.timeout="$timeout" -Dsurvey.out="$out"
status=$?
if [ -f "$out/summary.txt" ]; then
    cat "$out/summary.txt"
    echo "failures: $out/failures.txt"
fi
exit $status
