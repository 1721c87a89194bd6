"""Write a synthetic events.csv: N incidents × E events × about C claims, realistic in shape.

Each event gets absolute claims (to the minute, some approximate, some bounds) and relative claims
to an earlier event; about 1 claim in 200 contradicts the others, so reconciliation has work to do.

    python benchmarks/generate.py OUT.csv --incidents 1000 --events 10 --claims 100
"""

from __future__ import annotations

import argparse
import csv
import random
from datetime import datetime, timedelta

# Between the impact start and the recovery: kinds the milestone order allows anywhere there.
KINDS = ["detection", "report", "acknowledgement", "communication", "mitigation", "other"]
COLUMNS = ["incident", "event", "kind", "label", "time", "tz", "uncertainty_min", "bound", "relative_to", "offset_min", "source", "as_reported"]


def kind_of(e: int, events: int, rng: random.Random) -> str:
    """Kinds in the order real milestones come: scheduled start, impact start, …, recovery, resolution."""
    if e == 0:
        return "scheduled_start"
    if e == 1:
        return "impact_start"
    if e == events - 1 and events > 3:
        return "resolution"
    if e == events - 2 and events > 3:
        return "recovery"
    return rng.choice(KINDS)


def rows(incidents: int, events: int, claims: int, seed: int = 1, wrong_rate: float = 0.005):
    rng = random.Random(seed)
    per_event = max(1, claims // events)
    for i in range(incidents):
        incident = f"incident-{i:05d}"
        start = datetime(2024, 1, 1) + timedelta(minutes=rng.randrange(0, 500_000))
        times = sorted(rng.randrange(0, 24 * 60) for _ in range(events))
        for e, minute in enumerate(times):
            event = f"event-{e:04d}"
            kind = kind_of(e, events, rng)
            true = start + timedelta(minutes=minute)
            for c in range(per_event):
                label = f"Event {e} of {incident}" if c == 0 else ""
                roll = rng.random()
                row = {"incident": incident, "event": event, "kind": kind, "label": label, "source": f"source-{rng.randrange(200)}"}
                if e > 0 and roll < 0.3:
                    anchor = rng.randrange(0, e)
                    row.update(relative_to=f"event-{anchor:04d}", offset_min=str(minute - times[anchor]), uncertainty_min=str(rng.choice([0, 2, 5])))
                elif roll < 0.4:
                    bound = rng.choice(["not_before", "not_after"])
                    shift = -5 if bound == "not_before" else 5
                    row.update(time=(true + timedelta(minutes=shift)).strftime("%Y-%m-%d %H:%M"), tz="UTC", bound=bound)
                else:
                    wrong = rng.random() < wrong_rate
                    when = true + timedelta(minutes=rng.choice([-30, 30]) if wrong else 0)
                    row.update(time=when.strftime("%Y-%m-%d %H:%M"), tz="UTC", uncertainty_min=str(rng.choice([0, 0, 1, 5])), as_reported=when.strftime("%H:%M"))
                yield row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--incidents", type=int, default=1)
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--claims", type=int, default=10000, help="claims per incident")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--wrong", type=float, default=0.005, help="share of exact claims half an hour off")
    args = parser.parse_args()
    with open(args.out, "w", newline="", encoding="utf-8") as fp:
        writer = csv.DictWriter(fp, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows(args.incidents, args.events, args.claims, args.seed, args.wrong))


if __name__ == "__main__":
    main()
