#!/usr/bin/env bash
# The checks a team's CI runs on its incident repository: the events file is valid and in
# canonical form, and the committed reports are what `incident report` writes from it, byte for
# byte (a diff of each text file that would change, a line for each chart). The GitHub Action
# (action.yml) and the pre-commit hook `incident-ci` run this script; run it yourself the same way.
#
#   ci/check-reports.sh [EVENTS [OUT]]          (default: events.csv reports)
#   INCIDENT_EVENTS=events.csv INCIDENT_OUT=reports ci/check-reports.sh
#
# The arguments win over the variables (the pre-commit hook passes its `args`, the Action its inputs).
# It needs `incident` on PATH, installed from requirements.lock: the charts' bytes depend on the
# pinned matplotlib and fonts, so another version would report every chart as changed.
set -euo pipefail
events="${1:-${INCIDENT_EVENTS:-events.csv}}"
out="${2:-${INCIDENT_OUT:-reports}}"
echo "incident: checking $events and $out/"
incident validate "$events"
incident fmt --check --diff "$events"
incident report --check --diff --events "$events" --out "$out"
