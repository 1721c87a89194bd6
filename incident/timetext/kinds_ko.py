"""What a Korean clause says happened at its time. Korean puts the verb after the time ("오후 3시
30분께 복구됐다": recovered at about 3:30 p.m.) and joins its particles to its words, so its cues are
found as strings in the clause with its spaces taken out ("복구 작업" and "복구작업" are one), the words
after the time first, as Japanese (kinds_ja.py, whose rules read these words): the first cue after
the time is the event, the words before it (the topic, "장애는"; a cleft, "마비된 건 오전 9시쯤이다")
only when none follows."""

from __future__ import annotations

from .kinds_ja import Vocabulary, classify as classify_words
from .korean import is_hangul

# (kind, cues): a longer cue before the shorter it contains ("완전복구" before "복구"); on the same
# place, the earlier of this table; communication last
CUES = (
    ("resolution", ("완전복구", "완전히복구", "전면복구", "모두복구", "완전정상화", "완전히정상화", "정상화", "해소")),
    ("recovery", ("복구", "회복", "재개", "복원", "정상작동", "정상적으로", "정상운영", "정상이용", "되살아", "풀렸", "풀려",
                  "이용할수있게", "이용이가능", "접속이가능", "접속이재개")),
    ("mitigation", ("우회", "임시조치", "응급조치", "장비를교체", "장비교체", "전환", "재부팅", "재시작", "롤백", "되돌")),
    ("detection", ("인지", "감지", "탐지", "발견", "알아차")),
    ("acknowledgement", ("조사중", "조사에착수", "조사하고", "확인중", "대응중", "파악중", "파악하고있", "점검중", "긴급점검")),
    ("scheduled_start", ("예정이었", "예정됐", "예정된", "예정되", "예정이던")),
    ("cause", ("원인", "때문", "탓", "으로인해", "로인해", "인한")),
    ("report", ("불만이잇따", "신고가잇따", "문의가잇따", "항의", "불편을호소", "글이잇따", "불만이쏟아", "문의가쏟아")),
    ("communication", ("발표", "밝혔", "밝힌", "공지", "안내했", "안내를", "안내하", "알렸", "공개했", "설명했", "해명", "사과", "브리핑", "입장을",
                       "전했", "말했", "공식화")),
)
STARTS = ("발생", "시작", "일어나", "일어났", "생겨", "생기", "생겼", "터졌", "터져")
FAILURES = ("장애", "먹통", "마비", "중단", "오류", "에러", "불통", "접속이안", "접속불가", "이용할수없", "이용이불가", "불가능",
            "멈춰", "멈췄", "멈춤", "다운", "끊겼", "끊김", "끊어", "차질", "셧다운", "접속되지않", "되지않았")
# after a recovery's cue: not done at the time ("정상화되지 않고", "복구를 못 했고", "복구 작업에 들어갔지만",
# "재개 시점은 미정"): still down then, it recovered after it
NOT_YET = ("되지않", "하지않", "되지못", "하지못", "를못", "을못", "못했", "못하", "이안", "가안", "작업", "중", "지원",
           "에나서", "에나섰", "에착수", "를진행", "에들어", "에총력", "시점", "계획", "예정", "방안", "는미정", "은미정",
           "이늦", "가늦", "에는시간")
KOREAN = Vocabulary(CUES, STARTS, FAILURES, ("이어지고", "계속되고", "지속되고", "상태가이어", "상태가계속"), NOT_YET,
                    ("현재", "기준"), ("일부", "부분", "점차", "순차", "대부분"), ("완전", "전면", "모두"), "부터")
# a forecast or a promise: a time to come, not when anything happened ("오후 6시 복구될 예정이다")
FORECASTS = ("예정이다", "예정입니다", "예정이며", "할예정", "될예정", "전망", "것으로예상", "예상된다", "목표로", "계획이다",
             "방침", "하겠다", "지나면")


def written_in_korean(before: str, after: str) -> bool:
    """Whether the words right around the time are Korean."""
    return any(is_hangul(c) for c in before[-6:] + after[:6])


def compact(words: str) -> str:
    """The words without their spaces: Korean spaces its words as it likes ("복구 작업", "복구작업")."""
    return "".join(words.split())


def classify(before: str, after: str, span: bool, live: bool | None, not_yet: str, whole: str) -> tuple[str, str, str]:
    """(kind, note, bound) of the clause around a time, read with the Korean words (see kinds_ja.classify)."""
    return classify_words(compact(before), compact(after), span, live, not_yet, whole, KOREAN)
