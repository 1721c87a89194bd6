"""The Japanese forms of the time grammar: dates ("2023年10月10日", "10日（火）", "同日", "翌11日",
"昨日"), clock times ("午前8時30分", "午後3時", "8時半", "15時20分", "正午"), the words after them
("ごろ", "時点で", "までに", "以降", "過ぎ"), ranges ("午前8時30分から午後3時まで"), lengths ("約2時間",
"30分後", "2日間", "1時間半") and zones ("日本時間", "JST"). Japanese writes no spaces: the tokeniser
cuts its characters one by one, and these readers look a bounded number of characters ahead or behind
a token, so a text is still read in one pass. What a word means is the English form's reading: "ごろ"
is "about" (± 5 min), "までに" is "by", "以降" is "after"."""

from __future__ import annotations

from dataclasses import replace

from .characters import Characters, Units, precision, shifted
from .scan import ClockPart, DatePart, Expression, Scanner

# the characters a Japanese form can begin with (a number can begin any)
STARTS = frozenset("午正同翌前昨今本明きあ約お日米英協夜朝深少最")

_WEEKDAYS = {c: i for i, c in enumerate("月火水木金土日")}
# a part of the day written after a date or before an hour: its a.m./p.m.
_PARTS = (("午前中", "am"), ("未明", "am"), ("早朝", "am"), ("明け方", "am"), ("朝", "am"), ("昼過ぎ", "pm"), ("昼", "pm"),
          ("夕方", "pm"), ("夕", "pm"), ("夜間", "pm"), ("深夜", "pm"), ("夜", "pm"))
_NAMED_DAYS = (("本日", 0, None), ("今日", 0, None), ("きょう", 0, None), ("昨日", -1, None), ("きのう", -1, None),
               ("明日", 1, None), ("あす", 1, None), ("あした", 1, None), ("今朝", 0, "am"), ("昨夜", -1, "pm"),
               ("昨晩", -1, "pm"), ("今夜", 0, "pm"), ("今晩", 0, "pm"))
_ZONES = (("日本時間", "Asia/Tokyo"), ("米東部時間", "ET"), ("米国東部時間", "ET"), ("米西部時間", "PT"),
          ("米太平洋時間", "PT"), ("英国時間", "Europe/London"), ("協定世界時", "UTC"))
# after a clock time: (words, bound, ± minutes, the qualifier named); "時点で" and "現在" ("as of") are
# left to the clause (the kind says what was so by then), "から" alone is the start of what follows
_AFTER_CLOCK = (("ごろ", "", 5), ("頃", "", 5), ("ころ", "", 5), ("前後", "", 5), ("過ぎ", "", 5), ("すぎ", "", 5),
                ("までに", "not_after", None), ("以降", "not_before", None), ("以後", "not_before", None),
                ("前", "not_after", None))
# before and after a length: (words, bound, ± minutes)
_BEFORE_FIGURE = (("約", "", 5), ("およそ", "", 5), ("少なくとも", "not_before", None), ("最大", "not_after", None))
_AFTER_FIGURE = (("以上", "not_before", None), ("余り", "not_before", None), ("あまり", "not_before", None),
                 ("超", "not_before", None), ("以内", "not_after", None), ("近く", "not_after", None),
                 ("弱", "not_after", None), ("未満", "not_after", None), ("ほど", "", 5), ("程度", "", 5), ("前後", "", 5))
_UNITS = (("時間", 60), ("分間", 1), ("分", 1), ("秒", 1 / 60), ("日間", 1440), ("日", 1440), ("週間", 10080))
# what a length is of: (words after it, sign, anchor); a length with none of these places nothing
_PLACINGS = (("後", 1, "the previous event"), ("のち", 1, "the previous event"), ("ぶり", 1, "the start"),
             ("続", 1, "the start"), ("にわた", 1, "the start"), ("にわたって", 1, "the start"), ("かか", 1, "the start"),
             ("停止", 1, "the start"), ("遅れ", 1, "the scheduled start"), ("遅延", 1, "the scheduled start"),
             ("の障害", 1, "the start"), ("の通信障害", 1, "the start"), ("のシステム障害", 1, "the start"),
             ("の停止", 1, "the start"), ("の遅れ", 1, "the scheduled start"), ("で復旧", 1, "the start"),
             ("で回復", 1, "the start"), ("前", -1, "the previous event"))
_DATE_NOT_AFTER = ("間", "以上", "以内", "後", "前", "ぶり", "程", "ほど", "余", "分", "連続", "近く", "超")  # "3日後": a length


_WRITTEN = Units(hour="時", minute="分", second="秒", span="間", half="半", day="日", week="週", colons=":：")


class Japanese(Characters):
    """The Japanese readers over one text's tokens, and the date the text spoke of last ("同日", the
    same day, and "翌日", the next day, count from it)."""

    def __init__(self, reader: Scanner):
        super().__init__(reader, _WRITTEN)
        self._clocks: dict[int, tuple[ClockPart, int] | None] = {}  # dated clocks read, by index: a range tries them first

    def japanese_near(self, j: int) -> bool:
        """Whether a Japanese character is written right before token j, at it, or just after: a cheap test that
        keeps the readers from English text."""
        for k in (j - 1, j, j + 1, j + 3):  # "8:30～": the character after a clock's minutes
            if 0 <= k < self.r.n and _is_cjk(self.t[k].text):
                return True
        return False

    # ------------------------------------------------------------ the forms

    def _ready(self, j: int) -> bool:
        return j < self.r.n and (self.t[j].num or self.t[j].text in STARTS) and self.japanese_near(j)

    def date_at(self, j: int) -> tuple[DatePart, int] | None:
        """A date written alone (no clock time after it), remembered for "同日" and "翌日"."""
        if not self._ready(j):
            return None
        zone = self.first(j, _ZONES)
        found = self._date(zone[1] if zone else j)
        if found is not None:
            found[0].start = self.t[j].start
            self.remember(found[0])
        return found

    def _date(self, j: int) -> tuple[DatePart, int] | None:
        found = self._numbered_date(j) or self._named_date(j)
        if found is None:
            return None
        part, k = found
        opened = self.at(k, "（") or self.at(k, "(")
        if opened and opened < self.r.n and self.t[opened].text in _WEEKDAYS:  # "10日（火）", "10日(火曜日)"
            close = opened + 1 + (2 if self.at(opened + 1, "曜日") else 0)
            if self.at(close, "）") or self.at(close, ")"):
                part.weekday, k = _WEEKDAYS[self.t[opened].text], close + 1
        elif self.t[k - 1].text == "日" and k < self.r.n and self.t[k].text in _WEEKDAYS and self.at(k + 1, "曜"):
            part.weekday, k = _WEEKDAYS[self.t[k].text], k + (3 if self.at(k + 1, "曜日") else 2)  # "10日火曜日"
        part_of_day = self.first(k, _PARTS) if part.meridiem is None else None
        if part_of_day is not None:
            part.meridiem, k = part_of_day[0][1], part_of_day[1]
        part.end = self.t[k - 1].end
        return part, k

    def _numbered_date(self, j: int) -> tuple[DatePart, int] | None:
        """'2023年10月10日', '10月10日', '10日', '翌11日', '2023年10月' (a month, with its year)."""
        following = self.at(j, "翌")
        year, month, k = self.year_month(following or j, "年", "月")
        day = self.number(k)
        if k == j and self.at(j - 1, "時"):
            return None  # "8時20日ごろ": a date never follows its hour (a slip for 分), not the 20th
        if day is None or not self.at(k + 1, "日") or not 1 <= day <= 31 or any(self.at(k + 2, w) for w in _DATE_NOT_AFTER):
            if year is not None and month is not None and not following:
                return DatePart(self.t[j].start, self.t[k - 1].end, year, month), k
            return None
        k += 2
        part = DatePart(self.t[j].start, self.t[k - 1].end, year, month, day)
        if following and self.last is not None and month is None:  # "翌11日": the day after the last, its month
            base = self.last
            part.year, part.month = base.year, base.month
            if base.month is not None and base.day is not None and day < base.day:
                part.month = base.month % 12 + 1
                part.year = base.year + 1 if base.year is not None and base.month == 12 else base.year
        return part, k

    def _named_date(self, j: int) -> tuple[DatePart, int] | None:
        """'同日' (the day the text spoke of last), '翌日' and '前日' (the day after and before it),
        '本日', '昨日', '今朝', '昨夜' (against the day of writing)."""
        for word, shift in (("同日", 0), ("翌日", 1), ("前日", -1)):
            k = self.at(j, word)
            if k and self.last is not None and not self.at(k, "比"):  # "前日比": against the day before, no date
                part = shifted(self.last, shift)
                part.start, part.end = self.t[j].start, self.t[k - 1].end
                return part, k
        named = self.first(j, _NAMED_DAYS)
        if named is not None:
            (_, relative, meridiem), k = named
            return DatePart(self.t[j].start, self.t[k - 1].end, relative=relative, meridiem=meridiem), k
        return None

    def clock_at(self, j: int) -> tuple[ClockPart, int] | None:
        """'午前8時30分', '午後3時', '8時半', '15時20分', '8:30', '１０時', '正午', '夜9時', with a zone
        written after it ('JST', '（日本時間）')."""
        same = self._same(j)
        if same is not None:
            return same
        k, meridiem, loose = j, None, False
        written = self.first(k, (("午前", "am"), ("午後", "pm")))
        if written is None:
            written, loose = self.first(k, _PARTS), True
        if written is not None:
            meridiem, k = written[0][1], written[1]
        if self.at(k, "正午") and meridiem is None:
            clock, k = ClockPart(self.t[j].start, self.t[k + 1].end, 12, 0, meridiem="pm"), k + 2
        else:
            read = self.figures(k)
            if read is None or meridiem is not None and read[0] > 12:
                return None
            hour, minute, second, k = read
            if loose and meridiem == "pm" and hour < 5:
                meridiem = "am"  # "深夜2時", "夜0時": the small hours
            clock = ClockPart(self.t[j].start, self.t[k - 1].end, hour, minute, second, meridiem)
        k = self.written_zone(clock, k, _ZONES)
        clock.end = self.t[k - 1].end
        return clock, k

    def _same(self, j: int) -> tuple[ClockPart, int] | None:
        """'同45分' (the minute of the hour last read: '0時22分ごろ … 同45分' is 0:45) and '同3時50分'
        (a time of the day and half-day last read: after '午後0時30分', 15:50), or None."""
        k = self.at(j, "同")
        last = self.last_clock
        if not k or last is None or self.number(k) is None:
            return None
        read = self.figures(k)
        if read is not None:
            hour, minute, second, end = read
            meridiem = last.meridiem if hour <= 12 else None
        elif self.at(k + 1, "分") and 0 <= (self.number(k) or 0) < 60:
            hour, minute, second, end, meridiem = last.hour, self.number(k) or 0, None, k + 2, last.meridiem
        else:
            return None
        clock = ClockPart(self.t[j].start, self.t[end - 1].end, hour, minute, second, meridiem)
        clock.date, clock.zone = (replace(last.date) if last.date else None), last.zone
        return clock, end

    def dated_clock_at(self, j: int) -> tuple[ClockPart, int] | None:
        """`_dated_clock`, read once at an index (the forms that begin with one ask again): a copy."""
        if j not in self._clocks:
            if len(self._clocks) > 64:
                self._clocks.clear()  # only the indices near the one being read are asked again
            self._clocks[j] = self._dated_clock(j)
        found = self._clocks[j]
        if found is None:
            return None
        clock, k = found
        return replace(clock, date=replace(clock.date) if clock.date else None), k

    def _dated_clock(self, j: int) -> tuple[ClockPart, int] | None:
        """A clock time with the date and zone written before it: '10日午前8時30分', '日本時間11日午前3時',
        '同日午後3時', '4日夜9時' (the part of the day of its date decides its a.m./p.m.)."""
        zone = self.first(j, _ZONES)
        k = zone[1] if zone else j
        dated = self._date(k)
        if dated is not None:
            k = dated[1] + (1 if dated[1] < self.r.n and self.t[dated[1]].text in "、, " else 0)
        return self.placed(self.clock_at(k), j, dated, zone)

    def qualifier_after(self, k: int) -> tuple[tuple, int] | None:
        return self.first(k, _AFTER_CLOCK)

    def clock_expression(self, j: int) -> tuple[Expression, int] | None:
        found = self.dated_clock_at(j)
        if found is None:
            return None
        clock, k = found
        expr = Expression(clock.start, clock.end, "clock", clock=clock)
        qualified = self.qualifier_after(k)
        if qualified is not None and not (qualified[0][0] == "前" and self.at(k + 1, "日")):
            (words, expr.bound, expr.uncertainty), k = qualified
            expr.qualifier, expr.end = words, self.t[k - 1].end
            by = self.at(k, "までに") if expr.uncertainty else 0
            if by:  # "午後2時半ごろまでに": about, and by then
                expr.bound, expr.qualifier, k, expr.end = "not_after", words + "までに", by, self.t[by - 1].end
        return expr, k

    def range_at(self, j: int) -> tuple[Expression, int] | None:
        """'午前8時30分から午後3時まで', '10日午前8時から11日午後3時にかけて', '8:30～15:00'."""
        return self.clock_range(j, lambda k: self.past(k, _AFTER_CLOCK[:6]), ("から",), "～〜~-–", ("まで", "にかけて"),
                                lambda end: not self.at(end, "までに"))  # "ごろから"; "までに" is "by", not a range's end

    def length_at(self, j: int) -> tuple[Expression, int] | None:
        """'約2時間続き', '30分後', '2日間', '1時間半', '5時間ぶりに', '40時間以上かかった': a length, where
        the words after it say what it is of (its end counted from the start, from the event before)."""
        first = j
        before = self.first(j, _BEFORE_FIGURE)
        if before is not None:
            j = before[1]
        low = self._low_end(j)
        if low is not None:  # '7~8時間': the first figure, in the second's unit, is the interval's low end
            j += 2
        minutes, k, written = self._length(j)
        if not minutes:
            return None
        bound, uncertainty = (before[0][1], before[0][2]) if before is not None else ("", None)
        after = self.first(k, _AFTER_FIGURE)
        if after is not None:
            bound, uncertainty, k = after[0][1], after[0][2], after[1]
            if self.at(k, "に"):
                k += 1
        placed = self.first(k, _PLACINGS)
        if placed is None or written == "D" and before is None and after is None and placed[0][0] not in ("後", "ぶり"):
            return None  # "3日" alone is a date; "3日後", "約3日", "3日以上" a length
        (words, sign, anchor), end = placed
        if words == "前" and self.at(end, "の") and self.at(end + 1, "同"):  # "1週間前の同時間帯": a baseline, no event's time
            return None
        if anchor == "the previous event" and self._from_start(first):
            anchor = "the start"
        if words not in ("後", "のち", "ぶり", "前"):
            end = k  # "続き", "かかった", "の障害": the clause's words, not the length's
        if sign < 0 and bound:
            bound = {"not_after": "not_before", "not_before": "not_after"}[bound]
        expr = Expression(self.t[first].start, self.t[end - 1].end, "relative", minutes=sign * minutes, anchor=anchor,
                          bound=bound, uncertainty=uncertainty)
        expr.qualifier = (before[0][0] if before else "") + (after[0][0] if after else "")
        if low is not None and low * (minutes / (self.number(j, 4) or 1)) < minutes:
            expr.until_minutes, expr.minutes = sign * minutes, sign * low * (minutes / (self.number(j, 4) or 1))
            expr.bound, expr.uncertainty = "", None
        elif not bound:
            expr.uncertainty = max(uncertainty or 0, precision(written, minutes, _WRITTEN)) or None
        return expr, end

    def _low_end(self, j: int) -> int | None:
        """The figure before a wave dash that opens an interval of lengths ('7~8時間', '2～3日'), or None."""
        value = self.number(j, 4)
        if value is None or j + 2 >= self.r.n or self.t[j + 1].text not in "～〜~" or self.number(j + 2, 4) is None:
            return None
        return value

    def _length(self, j: int) -> tuple[float, int, str]:
        """The minutes of '2時間', '1時間半', '2時間30分', '2日間', '3日', '30分' at j, the index after,
        and the first character of each unit written ('時', '分', '日' …; 'D' for a bare '日')."""
        total, k, written, last = 0.0, j, "", float("inf")
        while True:
            value = self.number(k, 4)
            unit = self.first(k + 1, _UNITS) if value is not None else None
            if value is None or unit is None or unit[0][1] >= last:
                return total, k, written
            (name, size), k = unit
            total, last, written = total + value * size, size, written + ("D" if name == "日" else name[0])
            if name == "時間" and self.at(k, "半"):
                total, k = total + 30, k + 1

    def _from_start(self, j: int) -> bool:
        """'発生から30分後': counted from the start."""
        return bool(self.at(j - 4, "発生から") or self.at(j - 3, "発生後") or self.at(j - 4, "開始から"))


def _is_cjk(text: str) -> bool:
    c = text[:1]
    return bool(c) and ("\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf"
                        or c in "々〆（）、。：～〜")
