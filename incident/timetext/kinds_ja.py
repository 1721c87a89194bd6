"""What a Japanese clause says happened at its time. Japanese writes no spaces and puts the verb after
the time ("同日午前10時40分に復旧した": recovered at 10:40 the same day), so its cues are found as
strings, and the words after the time come first: the first cue after it is the event, the words
before it (the topic, "障害は") only when none follows."""

from __future__ import annotations

from typing import NamedTuple

# (kind, cues): a longer cue before the shorter it contains ("全面復旧" before "復旧"); on the same
# place, the earlier of this table
CUES = (
    ("resolution", ("全面復旧", "完全復旧", "全面的に復旧", "全面再開", "解消", "正常化", "収束", "最終確認")),
    ("recovery", ("復旧", "回復", "再開", "復帰", "解除", "正常に", "利用できるようになった", "つながるようになった",
                  "問題がないことを確認", "問題ないことを確認", "通常通り")),  # "confirmed no problem", "as usual"
    ("mitigation", ("切り替え", "切り戻", "再起動", "暫定対応", "回避策", "応急")),
    ("detection", ("検知", "検出", "確認", "把握")),
    ("acknowledgement", ("調査中", "調査を開始", "調査している", "対応中", "対応している", "認識")),
    ("scheduled_start", ("予定だった", "予定していた", "予定されていた")),
    ("cause", ("原因", "起因", "よるもの")),
    ("report", ("苦情", "問い合わせが相次", "投稿が相次", "報告が相次", "声が相次", "投稿で埋め尽く", "投稿が殺到", "投稿が急増")),
    ("communication", ("発表", "明らかにした", "公表", "述べ", "説明", "会見", "謝罪", "おわび", "お詫び", "陳謝", "告知",
                       "コメント", "発信", "お知らせ")),
)
STARTS = ("発生", "始ま", "起き", "起こ", "開始")
FAILURES = ("システム障害", "通信障害", "障害", "不具合", "つながりにくい", "つながらない", "繋がりにくい", "繋がらない",
            "利用しづらい", "利用できない", "使えな", "停止", "ダウン", "エラー", "不通", "見合わせ", "できない状態",
            "できなくな", "できなかった", "つながらなかった", "繋がらなかった", "不能", "ことができない", "できない状況",
            "影響時間", "影響がございました", "ご利用いただけない", "ご利用いただけなかった")  # an operator's notice: "impact time"  # past: "利用できなかった"
_STILL = ("続いて", "続く", "状態が続")
_NOT_YET = ("していない", "しておらず", "できていない", "できておらず", "せず", "しないまま", "されていない", "されておらず",
            "のめどが立っていない", "のめどは立っていない", "の見通しは立っていない", "の見通しが立っていない",
            "のめどが立たない", "の目途が立っていない")  # "復旧のめどが立っていない": no outlook of it yet
_AS_OF = ("時点", "現在")
_ANOTHER = ("同様の障害", "同様のトラブル", "前回の障害", "以前の障害", "過去の障害")
_PARTIAL = ("一部", "徐々に", "ほぼ", "順次")
_FAR = 10_000  # a cue before the time counts only when none after it does


def written_in_japanese(before: str, after: str) -> bool:
    """Whether the words right around the time are Japanese."""
    near = before[-6:] + after[:6]
    return any("\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff" for c in near)


def _first(words: str, cues: tuple[str, ...]) -> tuple[int, str] | None:
    found = [(words.find(cue), cue) for cue in cues if cue in words]
    return min(found, key=lambda f: (f[0], -len(f[1]))) if found else None


def _last(words: str, cues: tuple[str, ...]) -> tuple[int, str] | None:
    found = [(len(words) - words.rfind(cue) - len(cue), cue) for cue in cues if cue in words]
    return min(found, key=lambda f: (f[0], -len(f[1]))) if found else None


class Vocabulary(NamedTuple):
    """The words a language's clause tells its kind by, for `classify`: the cues of each kind (the
    last, communication), the words of a start and of a failure, of a state still going on, of
    something not yet done after a cue, of "as of", of a part, of the whole, and of "since"."""
    cues: tuple[tuple[str, tuple[str, ...]], ...]
    starts: tuple[str, ...]
    failures: tuple[str, ...]
    still: tuple[str, ...]
    not_yet: tuple[str, ...]
    as_of: tuple[str, ...]
    partial: tuple[str, ...]
    whole: tuple[str, ...]
    since: str


JAPANESE = Vocabulary(CUES, STARTS, FAILURES, _STILL, _NOT_YET, _AS_OF, _PARTIAL, ("全面", "完全"), "から")


def classify(before: str, after: str, span: bool, live: bool | None, not_yet: str, whole: str,
             vocabulary: Vocabulary = JAPANESE) -> tuple[str, str, str]:
    """(kind, note, bound) of the clause around a time (see `_classify`); a cause said not yet known
    ("原因は不明", "原因は分かっていない") is a statement, no cause."""
    kind, note, bound = _classify(before, after, span, live, not_yet, whole, vocabulary)
    if kind == "cause" and any(w in before + after for w in _UNKNOWN):
        return "communication", f"{note}, said not yet known: a statement, no cause", bound
    return kind, note, bound


_UNKNOWN = ("不明", "分かっていない", "わかっていない", "特定できていない", "未确定", "不清楚", "알려지지 않", "확인되지 않")


def _classify(before: str, after: str, span: bool, live: bool | None, not_yet: str, whole: str,
              vocabulary: Vocabulary = JAPANESE) -> tuple[str, str, str]:
    """(kind, note, bound) of the clause around a time: the words from the sentence's start (or the
    time before) to it, and from it to the sentence's end (or the time after). `not_yet` and `whole`
    are the words of the notes the draft reads again; `vocabulary`, the language's words."""
    v = vocabulary
    communication = len(v.cues) - 1
    after = after.lstrip("、, ")
    other = next((w for w in _ANOTHER if w in after[:16]), None)
    if other is not None:  # "5月31日に同様の障害が起きた際": a similar failure before, another incident's time
        return "other", f"kind guessed from '{other}': another incident's time, not this one's milestone", ""
    status = after.startswith(v.as_of)
    found = []
    for rank, (kind, cues) in enumerate(v.cues):
        for words, side, find in ((after, 0, _first), (before, _FAR, _last)):
            hit = find(words, cues)
            if hit is not None:
                found.append((side + hit[0], rank, kind, hit[1]))
    start = _first(after, v.starts)
    if start is None:
        hit = _last(before, v.starts)
        start = (_FAR + hit[0], hit[1]) if hit else None
    failure = _first(after, v.failures) or _last(before, v.failures)
    if start:
        kind = "scheduled_start" if live and not failure else "impact_start"
        found.append((start[0], len(v.cues), kind, start[1]))
    predicates = [f for f in found if f[1] != communication]
    others = min((f[0] for f in predicates if f[2] != "impact_start"), default=_FAR)
    if failure is not None and after.startswith(v.since) and after.find(failure[1]) < others:
        # "2日未明から続いていた通信障害について、…回復": the failure since this time, whatever follows
        return "impact_start", f"kind guessed from '{v.since}' … '{failure[1]}': the failure since this time", ""
    still = _first(after, v.still)
    if still is not None and (status or still[0] < 30) and not [f for f in predicates if f[2] != "impact_start"]:
        return "recovery", f"kind guessed from '{still[1]}': still down at this time, it recovered after it", "not_before"
    if status and failure is not None and others == _FAR:  # "3日午前10時時点では…配信できない状態": still down then
        return "recovery", f"kind guessed from '{failure[1]}' as of this time: it recovered after it", "not_before"
    if span and failure is not None:
        return "impact_start", f"kind guessed from '{failure[1]}' over a span of time: the impact", ""
    if predicates:
        distance, rank, kind, cue = min(predicates)
    elif found:
        distance, rank, kind, cue = min(found)
    elif failure is not None:
        return "impact_start", f"kind guessed from '{failure[1]}': the failure began", ""
    else:
        return "other", "kind not guessed: no telling word", ""
    note = f"kind guessed from '{cue}'"
    words = (after if distance < _FAR else before)
    at = words.find(cue) if distance < _FAR else len(words) - distance + _FAR - len(cue)
    following = words[at + len(cue):at + len(cue) + 12]
    if kind in ("recovery", "resolution", "mitigation") and following.startswith(v.not_yet):
        return "recovery", f"{note}, {not_yet} at this time: it recovered after it", "not_before"
    if kind == "resolution" and _first(before + after, v.partial) is not None:
        return "recovery", f"{note}, of a part or not yet of everything: not yet the end", ""
    if kind == "resolution" and cue.startswith(v.whole):
        note = f"{note}: {whole}"
    if status and kind in ("recovery", "resolution", "mitigation"):
        return kind, f"{note}, reported done as of this time: it happened by then", "not_after"
    said = min((f for f in found if f[1] == communication), default=None)
    if said is not None and said[0] < distance < _FAR:  # "午後3時に会見し、復旧したと発表": a statement at the time
        if kind in ("recovery", "resolution", "mitigation"):
            return kind, f"{note}, stated at this time ('{said[3]}'): it happened by then", "not_after"
        if kind != "cause":
            return "acknowledgement", f"kind guessed from '{said[3]}', about the failure: the operator acknowledges it", ""
    if kind == "communication" and failure is not None:
        return "acknowledgement", f"{note}, about the failure: the operator acknowledges it", ""
    return kind, note, ""
