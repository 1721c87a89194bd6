"""The Korean forms of the time grammar: dates ("2023년 11월 17일", "17일(금)", "23.11.17", "이날",
"전날", "다음날", "어제", "금요일"), clock times ("오후 3시 30분", "15시 30분", "밤 11시", "새벽 2시",
"정오"), the words after them ("쯤", "께", "경": about; "부터": from; "까지": until), ranges ("오전 9시부터
오후 3시까지", "19시 ~ 11시"), lengths ("3시간", "2시간 30분", "반나절", "하루", "사흘", "세 시간") with
what they are of ("만에", "후", "동안", "지나도록"), and zones ("한국시간", "KST"). Korean joins its
particles to its words ("9시쯤입니다"): the tokeniser cuts Hangul a syllable a token, as it cuts
Japanese, and these readers look a bounded number of tokens ahead of one, so a text is read in one
pass. The words that make a time a bound are the model's (model/bounds.py); what a word means is the
English form's reading: "쯤" is "about" (± 5 min), "까지" is "until", "이후" is "after"."""

from __future__ import annotations


from ..model.bounds import KOREAN_BOUND_WORDS
from .characters import HALF_DAY, WHOLE_DAY, Characters, Units, precision, zone_part
from .scan import ClockPart, DatePart, Expression, Scanner

# the characters a Korean form can begin with (a number can begin any)
STARTS = frozenset("오정자새아낮밤저심어그내이당전다같익반하사나닷엿약대최거무지한두세네여일열월화수목금토미협영")

_WEEKDAYS = {c: i for i, c in enumerate("월화수목금토일")}
# a part of the day before an hour: (words, a.m./p.m., how loose): "밤 12시" is midnight, "밤 1시" 1 a.m.
_PARTS = (("오전", "am", ""), ("오후", "pm", ""), ("새벽", "am", "night"), ("아침", "am", ""), ("낮", "pm", "day"),
          ("저녁", "pm", "night"), ("밤", "pm", "night"), ("심야", "pm", "night"))
# days named against the day of writing: (words, days from it, part of the day)
_NAMED_DAYS = (("오늘밤", 0, "pm"), ("오늘", 0, None), ("금일", 0, None), ("어젯밤", -1, "pm"), ("간밤", -1, "pm"),
               ("어제", -1, None), ("그저께", -2, None), ("그제", -2, None), ("내일", 1, None))
# days named against the date the text spoke of last ("이날": that day, the day of writing if none)
_SAME_DAYS = (("이날", 0), ("당일", 0), ("같은날", 0), ("그날", 0), ("전날", -1), ("전일", -1), ("다음날", 1),
              ("이튿날", 1), ("익일", 1))
_ZONES = (("한국시간", "Asia/Seoul"), ("미국동부시간", "ET"), ("미동부시간", "ET"), ("미국서부시간", "PT"),
          ("미서부시간", "PT"), ("일본시간", "Asia/Tokyo"), ("영국시간", "Europe/London"), ("협정세계시", "UTC"),
          ("세계협정시", "UTC"))


def _bound(word: str) -> tuple[str, str, int | None]:
    return word, KOREAN_BOUND_WORDS[word], None


# after a clock time: (words, bound, ± minutes); "부터" (from) is the start of what follows, no bound
_ABOUT = (("쯤", "", 5), ("께", "", 5), ("경", "", 5), ("무렵", "", 5), ("전후", "", 5), ("가량", "", 5))
_AFTER_CLOCK = (*_ABOUT, ("부터", "", None), _bound("까지"), _bound("이후"), _bound("이전"), _bound("넘어"),
                _bound("전"))
# the syllables that may follow a one-syllable word joined to a time ("전에", "경부터"), not a word of its own ("전산망", "경찰")
_PARTICLES = frozenset("에은는이가을를의부까인입으였다")
# before and after a length: (words, bound, ± minutes)
_BEFORE_FIGURE = (("약", "", 5), ("대략", "", 5), ("무려", "", None), *(_bound(w) for w in ("최소", "최대", "거의")))
_AFTER_FIGURE = (*(_bound(w) for w in ("이상", "넘게", "남짓", "여", "이내", "미만", "가까이")), ("쯤", "", 5),
                 ("정도", "", 5), ("가량", "", 5))
_UNITS = (("시간", 60), ("분간", 1), ("분", 1), ("초", 1 / 60), ("일간", 1440), ("일", 1440), ("주간", 10080), ("주", 10080))
# lengths written as words: half a day (its daytime half, about six hours), a day, two days …
_IDIOMS = (("반나절", 360), ("하루", 1440), ("이틀", 2880), ("사흘", 4320), ("나흘", 5760), ("닷새", 7200), ("엿새", 8640),
           ("일주일", 10080))
# native numbers, as written before "시간" ("세 시간": three hours)
_NATIVE = (("열두", 12), ("열한", 11), ("열", 10), ("한", 1), ("두", 2), ("세", 3), ("네", 4), ("다섯", 5), ("여섯", 6),
           ("일곱", 7), ("여덟", 8), ("아홉", 9))
_PREVIOUS, _START, _SCHEDULED = "the previous event", "the start", "the scheduled start"
# what a length is of: (words after it, sign, anchor); a length with none of these places nothing
_PLACINGS = (("만에", 1, _START), ("만", 1, _START), ("후", 1, _PREVIOUS), ("뒤", 1, _PREVIOUS), ("이후", 1, _PREVIOUS),
             ("지나", 1, _PREVIOUS), ("동안", 1, _START), ("간", 1, _START), ("째", 1, _START), ("지속", 1, _START),
             ("이어", 1, _START), ("계속", 1, _START), ("걸려", 1, _START), ("걸렸", 1, _START), ("걸린", 1, _START),
             ("늦", 1, _SCHEDULED), ("지연", 1, _SCHEDULED), ("장애", 1, _START), ("먹통", 1, _START),
             ("마비", 1, _START), ("중단", 1, _START), ("전", -1, _PREVIOUS))
_JOINED = (("이",), ("가",), ("을",), ("를",), ("은",), ("는",), ("의",))  # a particle between a length and the words after it
_LENGTH_WORDS = ("후", "뒤", "이후", "전", "만에", "만")  # the placings that are the length's own words
# after a day of the month, the words that make it a length ("3일간", "3일 만에"), not a date
_DATE_NOT_AFTER = ("간", "동안", "째", "만에", "이상", "이내", "넘", "여", "가량", "정도", "후", "뒤", "전", "미만",
                   "가까이", "내내", "연속", "남짓")
BYLINE_BEFORE = ("기사입력", "최종수정", "입력", "수정", "업데이트", "등록", "게재")  # "입력 2023-11-17 19:00": a page's stamp
BYLINE_AFTER = ("송고", "입력", "수정")  # "2023-11-17 18:54 송고"


def is_hangul(text: str) -> bool:
    c = text[:1]
    return bool(c) and ("\uac00" <= c <= "\ud7a3" or "\u1100" <= c <= "\u11ff" or "\u3130" <= c <= "\u318f")


_WRITTEN = Units(hour="시", minute="분", second="초", span="간", half="반", day="일", week="주", colons=":")


class Korean(Characters):
    """The Korean readers over one text's tokens, and the date the text spoke of last ("이날", that
    day, "다음날", the next day, count from it)."""

    def __init__(self, reader: Scanner):
        super().__init__(reader, _WRITTEN)

    def first(self, j: int, table, spaced: bool = False) -> tuple | None:
        """As Characters.first, the words written joined ("정오", never the "정 오" of "행정 오류") unless
        `spaced` ("다음 날", "한국 시간")."""
        found = super().first(j, table)
        if found is None or spaced or all(self.joined(i) for i in range(j + 1, found[1])):
            return found
        return None

    def word(self, j: int, word: str) -> int:
        """The index after `word` written at j, its syllables joined, or 0."""
        k = self.at(j, word)
        return k if k and all(self.joined(i) for i in range(j + 1, k)) else 0

    def korean_near(self, j: int) -> bool:
        """Whether Hangul is written near token j: a cheap test that keeps the readers from other text."""
        return any(0 <= k < self.r.n and is_hangul(self.t[k].text) for k in (j - 1, j, j + 1, j + 2, j + 3, j + 4, j + 5, j + 6, j + 7))

    def word_start(self, j: int) -> bool:
        """Whether token j begins a word (no Hangul joined before it): "이날", never the end of "주이날"."""
        return j == 0 or j < self.r.n and (self.t[j - 1].end < self.t[j].start or not is_hangul(self.t[j - 1].text))

    def joined(self, k: int) -> bool:
        return 0 < k < self.r.n and self.t[k - 1].end == self.t[k].start

    def _ready(self, j: int) -> bool:
        return j < self.r.n and (self.t[j].num or self.t[j].text in STARTS) and self.korean_near(j)

    def date_at(self, j: int) -> tuple[DatePart, int] | None:
        """A date written alone (no clock time after it), with the part of the day after it ("17일 오전")."""
        if not self._ready(j):
            return None
        found = self._date(j)
        if found is None:
            return None
        part, k = found
        same = self.first(j, _SAME_DAYS, spaced=True) if self.word_start(j) else None
        if same is not None and same[1] == k and not same[0][1]:
            return None  # "이날", "당일" alone: that day, the one the text spoke of, no claim of its own
        part_of_day = self.first(k, _PARTS)
        if part_of_day is not None and part.meridiem is None:
            part.meridiem, k = part_of_day[0][1], part_of_day[1]
            part.end = self.t[k - 1].end
        self.remember(part)
        return part, k

    # ------------------------------------------------------------ dates

    def _date(self, j: int) -> tuple[DatePart, int] | None:
        k = j
        past = self.at(j, "지난") if self.word_start(j) else 0  # "지난 17일", "지난 금요일": the one before
        found = self._numbered_date(past or j) or self._dotted_date(past or j) or self._named_date(past or j) \
            or self._weekday(past or j)
        if found is None:
            return None
        part, k = found
        part.start = self.t[j].start
        if past and part.weekday is not None and part.day is None:
            part.last = True
        opened = self.at(k, "(")
        if opened and opened < self.r.n and self.t[opened].text in _WEEKDAYS:  # "17일(금)", "17일(금요일)"
            close = opened + 1 + (2 if self.at(opened + 1, "요일") else 0)
            if self.at(close, ")"):
                part.weekday, k = _WEEKDAYS[self.t[opened].text], close + 1
        elif opened and part.day is None:  # "오늘(17일)": the day written in parentheses
            inner = self._numbered_date(opened)
            if inner is not None and self.at(inner[1], ")"):
                inner[0].start, part, k = part.start, inner[0], inner[1] + 1
        elif part.day is not None and k < self.r.n and self.t[k].text in _WEEKDAYS and self.at(k + 1, "요일"):
            part.weekday, k = _WEEKDAYS[self.t[k].text], k + 3  # "17일 금요일"
        part.end = self.t[k - 1].end
        return part, k

    def _numbered_date(self, j: int) -> tuple[DatePart, int] | None:
        """'2023년 11월 17일', '11월 17일', '17일', '2023년 11월' (a month, with its year)."""
        year, month, k = self.year_month(j, "년", "월")
        day = self.number(k)
        if day is None or not self.at(k + 1, "일") or not 1 <= day <= 31 or self.at(k + 2, "요일") \
                or any(self.at(k + 2, w) for w in _DATE_NOT_AFTER):
            if year is not None and month is not None:
                return DatePart(self.t[j].start, self.t[k - 1].end, year, month), k
            return None
        return DatePart(self.t[j].start, self.t[k + 1].end, year, month, day), k + 2

    def _dotted_date(self, j: int) -> tuple[DatePart, int] | None:
        """'23.11.17', '2023.11.17', '2023. 11. 17.' (year, month, day, as Korean writes them)."""
        year = self.number(j, 4)
        if year is None or len(self.t[j].text) not in (2, 4) or not self.at(j + 1, ".") or not self.at(j + 3, "."):
            return None
        month, day = self.number(j + 2), self.number(j + 4)
        if month is None or day is None or not 1 <= month <= 12 or not 1 <= day <= 31:
            return None
        k = j + 5
        if self.at(k, ".") and (self.number(k + 1) is not None or self.at(k + 1, "(")):
            if self.number(k + 1) is not None and self.at(k + 2, "."):
                return None  # "1.2.3.4": a version or an address, no date
            k += 1
        year = year + 2000 if year < 100 else year
        return DatePart(self.t[j].start, self.t[k - 1].end, year, month, day), k

    def _named_date(self, j: int) -> tuple[DatePart, int] | None:
        if not self.word_start(j):
            return None
        named = self.first(j, _NAMED_DAYS)
        if named is not None:
            (_, relative, meridiem), k = named
            return DatePart(self.t[j].start, self.t[k - 1].end, relative=relative, meridiem=meridiem), k
        same = self.first(j, _SAME_DAYS, spaced=True)
        if same is None:
            return None
        (_, shift), k = same
        part = self.day_from_last(shift)
        if part is None:
            return None
        part.start, part.end = self.t[j].start, self.t[k - 1].end
        return part, k

    def _weekday(self, j: int) -> tuple[DatePart, int] | None:
        """'금요일' written alone: a weekday."""
        if j < self.r.n and self.t[j].text in _WEEKDAYS and self.at(j + 1, "요일") and self.word_start(j):
            return DatePart(self.t[j].start, self.t[j + 2].end, weekday=_WEEKDAYS[self.t[j].text]), j + 3
        return None

    def _month_day(self, j: int) -> tuple[DatePart, int] | None:
        """'11.17' before a clock time ('11.17 19시'): a month and day."""
        month, day = self.number(j), self.number(j + 2)
        if month is None or day is None or not self.at(j + 1, ".") or not 1 <= month <= 12 or not 1 <= day <= 31:
            return None
        return DatePart(self.t[j].start, self.t[j + 2].end, None, month, day), j + 3

    # ------------------------------------------------------------ clock times

    def clock_at(self, j: int) -> tuple[ClockPart, int] | None:
        """'오후 3시 30분', '15시 30분', '9시 반', '밤 11시', '정오', '자정', '15:30', with a zone after it."""
        k, meridiem, loose = j, None, ""
        written = self.first(k, _PARTS)
        if written is not None:
            (_, meridiem, loose), k = written
        if self.word(k, "정오") and not loose:
            clock, k = ClockPart(self.t[j].start, self.t[k + 1].end, 12, 0, meridiem="pm"), k + 2
        elif self.word(k, "자정") and meridiem is None:
            clock, k = ClockPart(self.t[j].start, self.t[k + 1].end, 12, 0, meridiem="am"), k + 2
        else:
            read = self.figures(k)
            if read is None or meridiem is not None and read[0] > 12:
                return None
            hour, minute, second, k = read
            if loose == "night" and (hour == 12 or hour < 5):
                meridiem = "am"  # "밤 12시", "새벽 2시", "밤 1시": the small hours
            clock = ClockPart(self.t[j].start, self.t[k - 1].end, hour, minute, second, meridiem)
        opened = self.at(k, "(")
        named = self.first(opened or k, _ZONES, spaced=True)
        if named is not None and (not opened or self.at(named[1], ")")):
            end = named[1] + (1 if opened else 0)
            clock.zone, k = zone_part(self.r, k, end, named[0][1]), end
        elif k < self.r.n and not self.t[k].num and not is_hangul(self.t[k].text):
            zone = self.r.zone_at(k, after_clock=True)
            if zone is not None and zone.cell != "local" and zone.offset is None:
                clock.zone, k = zone, zone.next
        clock.end = self.t[k - 1].end
        return clock, k

    def dated_clock_at(self, j: int) -> tuple[ClockPart, int] | None:
        """A clock time with the date and zone written before it: '17일 오전 9시', '이날 오후 2시께',
        '23.11.17 09시', '한국시간 18일 오전 3시', '11.17 19시'."""
        zone = self.first(j, _ZONES, spaced=True)
        k = zone[1] if zone else j
        dated = self._date(k) or self._month_day(k)
        if dated is not None:
            k = dated[1] + (1 if dated[1] < self.r.n and self.t[dated[1]].text == "," else 0)
        return self.placed(self.clock_at(k), j, dated, zone)

    def qualifier_after(self, k: int, table: tuple = _AFTER_CLOCK) -> tuple[tuple, int] | None:
        """The word after a time ('쯤', '부터', '까지'), joined to it or apart ('3시 전'); a word of one
        syllable only when what follows is a particle or no Hangul ('전에', never '전산망')."""
        found = self.first(k, table)
        if found is None:
            return None
        end = found[1]
        if len(found[0][0]) == 1 and end < self.r.n and self.joined(end) and is_hangul(self.t[end].text) \
                and self.t[end].text not in _PARTICLES:
            return None
        return found

    def clock_expression(self, j: int) -> tuple[Expression, int] | None:
        found = self.dated_clock_at(j)
        if found is None:
            return None
        clock, k = found
        expr = Expression(clock.start, clock.end, "clock", clock=clock)
        qualified = self.qualifier_after(k)
        if qualified is not None:
            (words, expr.bound, expr.uncertainty), k = qualified
            expr.qualifier, expr.end = words, self.t[k - 1].end
            if words in ("쯤", "께", "경") and self.at(k, "부터"):  # "2시께부터": about, from
                k += 2
                expr.end = self.t[k - 1].end
        return expr, k

    def range_at(self, j: int) -> tuple[Expression, int] | None:
        """'오전 9시부터 오후 3시까지', '17일 오후 2시부터 18일 오전 9시 사이', '19시 ~ 11시', '9시~11시'."""
        return self.clock_range(j, self._past_about, ("부터", "에서"), "～〜~-–", ("까지", "사이"))

    def _past_about(self, k: int) -> int:
        about = self.qualifier_after(k, _ABOUT)
        return about[1] if about is not None else k

    # ------------------------------------------------------------ lengths

    def length_at(self, j: int) -> tuple[Expression, int] | None:
        """'3시간 만에 복구', '약 2시간 30분 동안', '반나절이 지나도록', '30분 후', '세 시간 넘게': a length,
        where the words after it say what it is of (its end counted from the start, from the event before)."""
        first = j
        before = self.first(j, _BEFORE_FIGURE)
        if before is not None:
            j = before[1]
        minutes, k, written = self._length(j)
        if not minutes:
            return None
        bound, uncertainty = (before[0][1], before[0][2]) if before is not None else ("", None)
        after = self.first(k, _AFTER_FIGURE)
        if after is not None:
            bound, uncertainty, k = after[0][1], after[0][2], after[1]
        placed = self.first(k, _PLACINGS)
        if placed is None:
            particle = self.first(k, _JOINED)
            placed = self.first(particle[1], _PLACINGS) if particle is not None else None
        if placed is None or written == "D" and before is None and after is None and placed[0][0] not in _LENGTH_WORDS:
            return None  # "3일" alone is a date; "3일 후", "약 3일", "3일 이상" a length
        (words, sign, anchor), end = placed
        if words == "지나" and self.at(end, "면"):
            return None  # "3시간이 지나면": when three hours pass, a time to come
        if len(words) == 1 and words != "늦" and self.joined(end) and is_hangul(self.t[end].text) \
                and self.t[end].text not in _PARTICLES:
            return None  # "17일 전국": the 17th and a word, no "17 days before"
        if anchor == _PREVIOUS and self._from_start(first):
            anchor = _START
        if words not in _LENGTH_WORDS:
            end = k  # "동안", "지나도록", "걸렸다": the clause's words, not the length's
        if sign < 0 and bound:
            bound = {"not_after": "not_before", "not_before": "not_after"}[bound]
        expr = Expression(self.t[first].start, self.t[end - 1].end, "relative", minutes=sign * minutes, anchor=anchor,
                          bound=bound, uncertainty=uncertainty)
        expr.qualifier = (before[0][0] if before else "") + (after[0][0] if after else "")
        if not bound:
            expr.uncertainty = max(uncertainty or 0, precision(written, minutes, _WRITTEN)) or None
        return expr, end

    def _length(self, j: int) -> tuple[float, int, str]:
        """The minutes of '2시간 30분', '1시간 반', '3일간', '반나절', '세 시간' at j, the index after, and
        the first character of each unit written ('시', '분', '일' …; 'D' for a bare '일', 'W' for a word)."""
        idiom = self.first(j, _IDIOMS)
        if idiom is not None and self.word_start(j):
            return idiom[0][1], idiom[1], WHOLE_DAY if idiom[0][0] != "반나절" else HALF_DAY
        total, k, written, last = 0.0, j, "", float("inf")
        while True:
            value: float | None = self.number(k, 4)
            unit_at = k + 1
            if value is None and not written and self.word_start(k):
                native = self.first(k, _NATIVE)
                if native is not None and self.at(native[1], "시간"):
                    value, unit_at = native[0][1], native[1]
            unit = self.first(unit_at, _UNITS) if value is not None else None
            if value is None or unit is None or unit[0][1] >= last:
                return total, k, written
            (name, size), k = unit
            total, last, written = total + value * size, size, written + ("D" if name == "일" else name[0])
            if name == "시간" and self.at(k, "반"):
                total, k = total + 30, k + 1

    def _from_start(self, j: int) -> bool:
        """'발생 30분 후', '장애 발생 이후 2시간 만에': counted from the start."""
        return any(self.at(i, "발생") or self.at(i, "시작") for i in range(max(0, j - 5), j))
