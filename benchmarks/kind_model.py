"""Would a learned clause model pick kinds better than the rules? Measured, leave one set out.

    .venv/bin/python benchmarks/kind_model.py [SET ...]

Every drafted row that matches an analyst's claim in the labelled sets of tests/data/drafts is one
example: the words around the row's expression (the ten before it on its line, the eight after it,
their last and first four apart, the pairs of neighbours), the expression's own words, its form and
bound, the incident's kind, the source's type, whether the text drafted that kind before, and the
kind the rules gave it; the analyst's kind is the answer. For each set in turn, two models are
trained on the other sets alone and score that set: a multinomial logistic regression (L2, batch
gradient descent from zeros: deterministic) and a naive Bayes over the rules' kind and the nearest
words. A model's kind replaces the rules' only when its probability reaches a threshold; threshold
0 always takes the model's. The table prints, per set, how many kinds the rules get right and how
many each model does. The figures are in benchmarks/README.md ("A clause model, measured").
"""

from __future__ import annotations

import math
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.draft_scoring import draft_text, locate, outages, texts_of

SETS = ("dev", "heldout", "heldout2", "heldout3", "heldout4")
WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+")  # no nested quantifier: linear


def tokens(words: str) -> list[str]:
    return WORD.findall(words.lower())


def features(text: str, span: tuple[int, int], row: dict, live: bool, source_type: str, seen: set[str]) -> set[str]:
    a, b = span
    line_start = text.rfind("\n", 0, a) + 1
    line_end = text.find("\n", b)
    line_end = len(text) if line_end < 0 else line_end
    before = tokens(text[max(line_start, a - 160):a])[-10:]
    after = tokens(text[b:min(line_end, b + 120)])[:8]
    kind, first = row["kind"], row["kind"] not in seen
    form = "relative" if row.get("relative_to") else "day" if len(row.get("time", "")) == 10 else "clock"
    found = {f"k={kind}", f"form={form}", f"bound={row.get('bound', '')}", f"live={live}", f"src={source_type}",
             f"k={kind}|live={live}", f"first={first}", f"k={kind}|first={first}"}
    found |= {f"b:{w}" for w in before} | {f"b4:{w}" for w in before[-4:]}
    found |= {f"a:{w}" for w in after} | {f"a4:{w}" for w in after[:4]}
    found |= {f"bb:{x}_{y}" for x, y in zip(before, before[1:])} | {f"ab:{x}_{y}" for x, y in zip(after, after[1:])}
    return found | {f"w:{w}" for w in tokens(row["as_reported"])}


def examples(split: str) -> list[dict]:
    """(features, the analyst's kind, the rules' kind) of every drafted row matching a claim."""
    found = []
    for folder in outages(split):
        for text in texts_of(folder):
            drafted = draft_text(text)
            seen: set[str] = set()
            feats = []
            for row, span in zip(drafted.rows, drafted.spans):
                feats.append(features(text.text, span, row, text.kind == "live-event", text.source_type, seen))
                seen.add(row["kind"])
            for gold, (a, b) in zip(text.gold, locate(text.text, text.gold)):
                hits = [i for i, (c, d) in enumerate(drafted.spans) if c < b and a < d]
                if hits:
                    found.append({"set": split, "feats": feats[hits[0]], "gold": gold["kind"], "rule": drafted.rows[hits[0]]["kind"]})
    return found


class Logistic:
    def __init__(self, rows: list[dict], kinds: list[str], l2: float = 1.0, iterations: int = 300, rate: float = 1.0):
        counts = Counter(f for d in rows for f in d["feats"])
        self.index = {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= 2))}
        self.kinds = kinds
        x = np.stack([self._vector(d) for d in rows])
        y = np.zeros((len(rows), len(kinds)))
        for r, d in enumerate(rows):
            y[r, kinds.index(d["gold"])] = 1
        self.w = np.zeros((x.shape[1], len(kinds)))
        for _ in range(iterations):
            p = self._softmax(x @ self.w)
            self.w -= rate * (x.T @ (p - y) + l2 * self.w) / len(rows)

    def _vector(self, d: dict) -> np.ndarray:
        v = np.zeros(len(self.index) + 1)
        v[-1] = 1.0
        for f in d["feats"]:
            if f in self.index:
                v[self.index[f]] = 1.0
        return v

    @staticmethod
    def _softmax(z: np.ndarray) -> np.ndarray:
        z = np.exp(z - z.max(axis=-1, keepdims=True))
        return z / z.sum(axis=-1, keepdims=True)

    def predict(self, d: dict) -> tuple[str, float]:
        p = self._softmax(self._vector(d) @ self.w)
        return self.kinds[int(p.argmax())], float(p.max())


class Bayes:
    NEAR = ("k=", "b4:", "a4:", "live=", "first=")

    def __init__(self, rows: list[dict], kinds: list[str], alpha: float = 1.0):
        self.kinds, self.alpha = kinds, alpha
        self.prior = Counter(d["gold"] for d in rows)
        self.counts: dict[str, Counter] = defaultdict(Counter)
        for d in rows:
            self.counts[d["gold"]].update(f for f in d["feats"] if f.startswith(self.NEAR))
        self.vocabulary = {f for c in self.counts.values() for f in c}

    def predict(self, d: dict) -> tuple[str, float]:
        scores = {}
        for kind in self.kinds:
            total = sum(self.counts[kind].values()) + self.alpha * len(self.vocabulary)
            scores[kind] = math.log(self.prior[kind] + 1) + sum(
                math.log((self.counts[kind][f] + self.alpha) / total) for f in d["feats"] if f in self.vocabulary)
        best = max(scores, key=lambda k: (scores[k], k))
        return best, 1.0 / sum(math.exp(s - scores[best]) for s in scores.values())


def main(argv: list[str]) -> int:
    sets = argv or list(SETS)
    data = [d for s in sets for d in examples(s)]
    kinds = sorted({d["gold"] for d in data} | {d["rule"] for d in data})
    models = {"logistic": Logistic, "naive Bayes": Bayes}
    thresholds = (0.0, 0.5, 0.7, 0.9)
    print(f"{len(data)} drafted rows matching a claim, in {len(sets)} sets; each set scored by models trained on the others")
    print("| set | rows | rules right | " + " | ".join(f"{m} ≥ {t}" for m in models for t in thresholds) + " |")
    print("|---|---:|---:|" + "---:|" * len(models) * len(thresholds))
    totals = Counter()
    for held in sets:
        train = [d for d in data if d["set"] != held]
        test = [d for d in data if d["set"] == held]
        cells = [len(test), sum(d["rule"] == d["gold"] for d in test)]
        for model in models.values():
            fitted = model(train, kinds)
            guesses = [fitted.predict(d) for d in test]
            for t in thresholds:
                cells.append(sum((kind if p >= t else d["rule"]) == d["gold"] for d, (kind, p) in zip(test, guesses)))
        totals.update(dict(enumerate(cells)))
        print(f"| {held} | " + " | ".join(str(c) for c in cells) + " |")
    print("| all | " + " | ".join(str(totals[i]) for i in range(len(totals))) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
