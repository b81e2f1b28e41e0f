"""Mutation check of the sync simulation: does it catch real sync defects?

Each mutation below is a named, deliberate defect in the server's conflict policy,
commands, push, feed or scope, or in the laptop's push settlement or page apply: one
exact snippet of one file and its replacement. For each mutation the checker copies the
checkout's `crm_desktop/` and `tests/` (working tree, uncommitted edits included) to a
temporary folder, applies that one mutation there -- a snippet not found exactly once
is an error, never a pass --, runs the stateful simulation on SQLite
(tests/sync/test_sync_simulation.py, fixed examples, stop at the first failure) and
reports whether it failed (killed) or passed (survived).

    .venv/bin/python tools/mutation_check.py              # every mutation, then the score
    .venv/bin/python tools/mutation_check.py --list
    .venv/bin/python tools/mutation_check.py --only feed.cursor_off_by_one [--only ...]
    options: --examples N (default 100), --timeout SECONDS per run (default 1200),
             --no-baseline (skip the unmutated run), --json FILE (results)

Too slow for every CI run (one simulation per mutation): run it by hand after changing
the simulation or the sync code; docs/sync.md records the last score.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SERVER = "crm_desktop/sync/server"
CLIENT = "crm_desktop/sync/client"
SIMULATION = "tests/sync/test_sync_simulation.py::test_sync_simulation"
# Attachments (rows and blobs) under the same faults: a simulation of its own.
ATTACHMENT_SIMULATION = (
    "tests/sync/test_sync_attachments_simulation.py"
    "::test_attachments_converge_under_the_sync_faults"
)
SERVICES = "crm_desktop/services"


@dataclass(frozen=True)
class Mutation:
    name: str
    file: str
    original: str
    replacement: str
    what: str
    test: str = SIMULATION


MUTATIONS = [
    # --- server: conflict policy --------------------------------------------------------
    Mutation(
        "policy.no_overwritten_filing",
        f"{SERVER}/policy.py",
        "    for loser, fields in overridden.items():",
        "    for loser, fields in {}.items():",
        "an overwritten plain field is not filed in its author's inbox",
    ),
    Mutation(
        "policy.overwritten_only_for_other_users",
        f"{SERVER}/policy.py",
        "            if loser and not loser.is_author_of(tx.principal.user_id, tx.device_id):",
        "            if loser and loser.user_id != tx.principal.user_id:",
        "the loser is filed only when the winner is another user (not their other laptop)",
    ),
    Mutation(
        "policy.guarded_field_as_plain",
        f"{SERVER}/policy.py",
        "        elif name in guarded:",
        "        elif False:",
        "a guarded field (customer name) changed on both sides goes to the last arrival",
    ),
    Mutation(
        "policy.update_beats_delete",
        f"{SERVER}/policy.py",
        '    values.pop("deleted", None)\n    if row["deleted"]:',
        '    values.pop("deleted", None)\n    if False:',
        "an update arriving after a delete is applied to the deleted row",
    ),
    Mutation(
        "policy.stale_delete_files_nothing",
        f"{SERVER}/policy.py",
        "        for user_id, fields in swept.items():",
        "        for user_id, fields in {}.items():",
        "a delete that sweeps away edits it never saw files nothing for their authors",
    ),
    Mutation(
        "policy.sweep_off_by_one",
        f"{SERVER}/policy.py",
        "        if writer.version is None or writer.version <= m.base_version:",
        "        if writer.version is None or writer.version <= m.base_version + 1:",
        "a stale delete takes the edit right after the version it saw as seen (off by one)",
    ),
    # --- server: scope, push, commands, handover -------------------------------------------
    Mutation(
        "scope.rep_writes_any_owner",
        "crm_desktop/domain/org.py",
        "        return self.visible is None or owner_id in self.visible",
        "        return True",
        "a rep may read and write another rep's customer (a handed-over one, say)",
    ),
    Mutation(
        "push.no_receipts",
        f"{SERVER}/push.py",
        "        if receipts:  # one round trip for the whole batch",
        "        if False:  # one round trip for the whole batch",
        "no receipts are stored: a replayed push is applied again",
    ),
    Mutation(
        "push.replay_answered_as_applied",
        f"{SERVER}/push.py",
        '        update={"status": "duplicate", "reason": reason, "mutation_id": m.mutation_id}',
        '        update={"status": original.status, "reason": reason, "mutation_id": m.mutation_id}',  # noqa: E501
        "a replayed mutation is answered with its first status, not as a duplicate",
    ),
    Mutation(
        "push.rejection_without_server_row",
        f"{SERVER}/push.py",
        "        message=message,\n        server_row=_server_row(tx, m),",
        "        message=message,\n        server_row=None,",
        "a rejection does not send the server's row, so the laptop drops its copy",
    ),
    Mutation(
        "commands.sign_skips_content_hash",
        "crm_desktop/domain/commands.py",
        "    if seen_version != report.version or seen_hash != report.content_hash:",
        "    if seen_version != report.version:",
        "a sign-off is accepted for a report whose visits changed since it was opened",
    ),
    Mutation(
        "reassign.no_scope_exit",
        f"{SERVER}/reassign.py",
        "        for user_id in lost_sight:",
        "        for user_id in ():",
        "a handover writes no scope exit: the old owner's laptop keeps the customer",
    ),
    # --- server: the pull feed -------------------------------------------------------------
    Mutation(
        "feed.no_scope_filter",
        f"{SERVER}/feed.py",
        "    return [table.c.owner_id.in_(_VISIBLE)]",
        "    return []",
        "the pull feed skips the owner filter: everyone's rows reach every laptop",
    ),
    Mutation(
        "feed.cursor_off_by_one",
        f"{SERVER}/feed.py",
        "    end = int(page[-1][1]) if has_more else upto",
        "    end = int(page[-1][1]) + 1 if has_more else upto",
        "a full page's cursor ends one past its last op, skipping the next seq",
    ),
    Mutation(
        "feed.window_includes_cursor",
        f"{SERVER}/feed.py",
        "    return [table.c.server_seq > _SINCE, table.c.server_seq <= _UPTO]",
        "    return [table.c.server_seq >= _SINCE, table.c.server_seq <= _UPTO]",
        "a page re-sends the row at the cursor itself",
    ),
    Mutation(
        "feed.last_page_skips_a_seq",
        f"{SERVER}/feed.py",
        "    next_since = end if has_more else max(upto, since)",
        "    next_since = end if has_more else max(upto, since) + 1",
        "the last page's cursor runs one past the counter, skipping the next commit",
    ),
    Mutation(
        "feed.no_conflicts",
        f"{SERVER}/feed.py",
        '    for source, table in (("conflict", conflicts), ("purge", scope_exits)):',
        '    for source, table in (("purge", scope_exits),):',
        "inbox entries are not streamed in the feed",
    ),
    Mutation(
        "feed.no_purge_ops",
        f"{SERVER}/feed.py",
        '        if (row["entity"], row["row_id"]) in back:\n            continue',
        "        if True:\n            continue",
        "scope exits never become purge ops",
    ),
    # --- laptop: push settlement -----------------------------------------------------------
    Mutation(
        "client.keeps_applied_entry",
        f"{CLIENT}/push.py",
        "    conn.execute(delete(OUTBOX).where(OUTBOX.c.mutation_id == mutation.mutation_id))\n"
        "    for record in result.conflicts:",
        '    if result.status != "applied":\n'
        "        conn.execute(delete(OUTBOX).where(OUTBOX.c.mutation_id == mutation.mutation_id))\n"
        "    for record in result.conflicts:",
        "an applied entry stays in the outbox",
    ),
    Mutation(
        "client.refusal_without_write_back",
        f"{CLIENT}/push.py",
        "    _write_back(conn, mutation, result)\n"
        '    return "conflict" if status == "conflict" else "rejected"',
        '    return "conflict" if status == "conflict" else "rejected"',
        "a conflicted or rejected entry is dropped without writing back the server's row",
    ),
    Mutation(
        "client.settles_by_position",
        f"{CLIENT}/push.py",
        "        mutation = pending.pop(result.mutation_id, None)",
        "        mutation = pending.pop(next(iter(pending)), None) if pending else None",
        "results are matched to entries by position, not by mutation id",
    ),
    # --- laptop: page apply ----------------------------------------------------------------
    Mutation(
        "client.skips_purge_ops",
        f"{CLIENT}/apply.py",
        '            conn.exec_driver_sql(f"DELETE FROM {plan.table.name} WHERE id = ?", (op.id,))',
        "            pass",
        "purge ops are ignored on apply",
    ),
    Mutation(
        "client.no_overlay_on_pull",
        f"{CLIENT}/apply.py",
        "    _flush(conn, upserts)\n    overlay(conn, touched)",
        "    _flush(conn, upserts)",
        "pending local edits are not laid back over a pulled page",
    ),
    Mutation(
        "client.conflicts_not_mirrored",
        f"{CLIENT}/apply.py",
        "            if op.row is not None:\n                upsert_conflict(conn, op.row)",
        "            if False:\n                upsert_conflict(conn, op.row)",
        "inbox entries in the feed are not mirrored into the laptop's inbox",
    ),
    Mutation(
        "client.apply_without_freeze_grant",
        f"{CLIENT}/apply.py",
        "    if ids:\n        conn.exec_driver_sql(\n"
        '            "INSERT OR IGNORE INTO report_reopen_grants (report_id) VALUES (?)",',
        "    if False:\n        conn.exec_driver_sql(\n"
        '            "INSERT OR IGNORE INTO report_reopen_grants (report_id) VALUES (?)",',
        "the server's changes to a signed report meet the laptop's freeze trigger",
    ),
    # --- attachments: blob transfer ------------------------------------------------------
    Mutation(
        "blobs.upload_ignores_server_offset",
        f"{SERVICES}/attachments/transfer.py",
        "                state = client.upload(sha, path, state.offset)",
        "                state = client.upload(sha, path, 0)",
        "an upload killed midway starts again from byte 0 instead of the server's offset",
        ATTACHMENT_SIMULATION,
    ),
    Mutation(
        "blobs.reconcile_drops_owed_upload",
        f"{SERVICES}/attachments/transfer.py",
        "                unneeded = sha not in live and (direction == DOWN or sha in named)",
        "                unneeded = sha not in live",
        "a photo whose record was handed away before its upload is forgotten (bytes lost)",
        ATTACHMENT_SIMULATION,
    ),
    Mutation(
        "blobs.upload_only_in_scope",
        f"{SERVER}/blob_routes.py",
        '        if uploading and row["created_by"] == me.user_id:',
        "        if False:",
        "the creator may not upload once the record left their scope (bytes stranded)",
        ATTACHMENT_SIMULATION,
    ),
    Mutation(
        "blobs.gc_forgets_owed_uploads",
        f"{CLIENT}/blob_gc.py",
        "        keep = live_shas(conn) | owed_uploads(conn)",
        "        keep = live_shas(conn)",
        "a blob not yet uploaded is deleted when its row leaves the laptop",
        ATTACHMENT_SIMULATION,
    ),
]


def copy_checkout(target: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".hypothesis")
    for name in ("crm_desktop", "tests"):
        shutil.copytree(ROOT / name, target / name, ignore=ignore)
    shutil.copy2(ROOT / "pyproject.toml", target / "pyproject.toml")


def apply(target: Path, mutation: Mutation) -> str:
    """Apply `mutation` in the copy; returns the file's original text."""
    path = target / mutation.file
    source = path.read_text(encoding="utf-8")
    count = source.count(mutation.original)
    if count != 1:
        raise SystemExit(
            f"STALE mutation {mutation.name}: its snippet occurs {count} times in "
            f"{mutation.file} (expected exactly once); update the mutation"
        )
    path.write_text(source.replace(mutation.original, mutation.replacement), encoding="utf-8")
    return source


def run_simulation(
    target: Path, examples: int, timeout: float, test: str = SIMULATION
) -> tuple[str, str, float]:
    """(outcome, first failure line, seconds): passed, failed, error or timeout."""
    env = {
        **os.environ,
        "PYTHONPATH": str(target),
        "SYNC_SIM_EXAMPLES": str(examples),
        # The attachment simulation's examples are longer (blobs): a third as many.
        "ATTACH_SIM_EXAMPLES": str(max(10, examples // 3)),
        "SYNC_SIM_NO_SHRINK": "1",
        "QT_QPA_PLATFORM": "offscreen",
    }
    env.pop("SYNC_SIM_RANDOM", None)
    command = [sys.executable, "-m", "pytest", test, "-x", "-q", "--timeout=0"]
    started = time.monotonic()
    try:
        done = subprocess.run(
            command, cwd=target, env=env, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return "timeout", f"no result within {timeout:.0f} s", time.monotonic() - started
    seconds = time.monotonic() - started
    output = done.stdout + done.stderr
    reason = next((line.strip() for line in output.splitlines() if line.startswith("E  ")), "")
    if done.returncode == 0:
        return "passed", "", seconds
    if done.returncode == 1:
        return "failed", reason[:160], seconds
    return "error", (reason or output.strip().splitlines()[-1:][0])[:160], seconds


def check_isolation(target: Path) -> None:
    """The copy, not the editable install of the checkout, must be what the run imports."""
    found = subprocess.run(
        [sys.executable, "-c", "import crm_desktop; print(crm_desktop.__file__)"],
        cwd=target,
        env={**os.environ, "PYTHONPATH": str(target)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not Path(found).resolve().is_relative_to(target.resolve()):
        raise SystemExit(f"the mutated copy is not imported (got {found})")


def main() -> int:
    # A SIGTERM unwinds like an exception: the running simulation is killed and the
    # temporary copy removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(3))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", action="store_true", help="list the mutations and stop")
    parser.add_argument("--only", action="append", default=[], metavar="NAME")
    parser.add_argument("--examples", type=int, default=100)
    parser.add_argument("--timeout", type=float, default=1200.0)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    names = {m.name for m in MUTATIONS}
    assert len(names) == len(MUTATIONS), "mutation names must be unique"
    if args.list:
        for m in MUTATIONS:
            print(f"{m.name:50} {m.file.split('/')[-2]}/{m.file.split('/')[-1]:12} {m.what}")
        return 0
    unknown = set(args.only) - names
    if unknown:
        raise SystemExit(f"unknown mutation(s): {', '.join(sorted(unknown))}")
    chosen = [m for m in MUTATIONS if not args.only or m.name in args.only]
    results: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="crm-mutation-") as folder:
        target = Path(folder)
        copy_checkout(target)
        check_isolation(target)
        for m in chosen:  # every snippet is checked before the long runs start
            (target / m.file).read_text(encoding="utf-8")
            apply(target, m)
            (target / m.file).write_text(
                (ROOT / m.file).read_text(encoding="utf-8"), encoding="utf-8"
            )
        for test in [] if args.no_baseline else sorted({m.test for m in chosen}):
            outcome, reason, seconds = run_simulation(target, args.examples, args.timeout, test)
            print(f"baseline (no mutation): {outcome} in {seconds:.0f} s {reason}", flush=True)
            if outcome != "passed":
                print("the unmutated simulation must pass first", file=sys.stderr)
                return 2
        for m in chosen:
            original = apply(target, m)
            try:
                outcome, reason, seconds = run_simulation(
                    target, args.examples, args.timeout, m.test
                )
            finally:
                (target / m.file).write_text(original, encoding="utf-8")
            verdict = {"failed": "KILLED", "passed": "SURVIVED"}.get(outcome, outcome.upper())
            print(f"{verdict:9} {m.name:50} {seconds:6.0f} s  {reason}", flush=True)
            results.append({"name": m.name, "verdict": verdict, "seconds": round(seconds)})
            results[-1]["reason"] = reason
    killed = sum(r["verdict"] == "KILLED" for r in results)
    score = 100.0 * killed / len(results) if results else 0.0
    print(f"score: {killed}/{len(results)} killed ({score:.0f} %), {args.examples} examples")
    if args.json:
        args.json.write_text(json.dumps({"score": score, "results": results}, indent=2))
    return 0 if killed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
