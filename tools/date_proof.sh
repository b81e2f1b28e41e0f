#!/usr/bin/env bash
# The suite is date-proof: run tests with the machine's clock at awkward moments (a Monday
# 00:05, a Sunday 23:55, a month's end, 29 February) in Asia/Shanghai and in UTC. Code and
# tests read time from the injected clock (crm_desktop/domain/clock.py), so every run must
# pass. Usage: tools/date_proof.sh [pytest args...]   (default: the domain and services
# tests). CI runs it on the time-dependent modules; pass tests/domain tests/services for
# the full profile.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(tests/domain tests/services)
fi
moments=(
    "2027-03-01T00:05"  # a Monday, five minutes after midnight (and a month's first day)
    "2027-02-28T23:55"  # a Sunday, five minutes before midnight (and a month's end)
    "2026-11-30T23:59"  # a month's end, a minute before the next
    "2028-02-29T12:00"  # 29 February
)
for zone in Asia/Shanghai UTC; do
    for moment in "${moments[@]}"; do
        echo "--- machine clock ${moment} ${zone}"
        TZ="$zone" CRM_TEST_MACHINE_NOW="$moment" "$PYTHON" -m pytest -q -x \
            "${targets[@]}" | tail -n 1
    done
done
