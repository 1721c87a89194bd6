"""The Chinese forms of the time grammar, simplified and traditional: dates ("2022年12月18日",
"12月18日", "18日", "18号", "今(3)日", "昨天", "当天", "次日", "周一", "星期一", "週一"), clock times
("上午8点56分", "8时56分", "晚上10點半", "凌晨0点30分", "20:56", "中午12点"), the words around them
("约8点", "8点左右", "9时许": about; "10点多": past; "8点前", "8点以后": bounds), ranges ("8点至10点",
"18日8时到19日0时30分"), lengths ("约15分钟后", "两个小时后", "持续超过15个小时", "长达3小时", "近两个
小时", "一个半小时"; Chinese numerals "一二三…十两半") with what they are of, and zones ("北京时间",
"香港時間", "UTC"). Chinese writes no spaces: the tokeniser cuts its characters one by one, as
Japanese, and these readers look a bounded number of characters ahead or behind a token, so a text
is still read in one pass. Japanese shares the characters of its dates and clocks (年月日, 時, 分):
a text is read with these forms only when it writes Chinese (`written_in_chinese`: its kana few, and
characters only Chinese writes), so that a Japanese text reads as it did."""

from __future__ import annotations

import re

from .characters import HALF_DAY, WHOLE_DAY, Characters, Units, precision
from .scan import ClockPart, DatePart, Expression, Scanner

KANA = re.compile("[\u3040-\u30ff]")
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")
# characters common in Chinese prose that Japanese does not write (simplified forms, Chinese particles)
CHINESE_ONLY = re.compile("[的了是吗呢么她它很已把咱您哪啥吧呀啊晚恢"
                           "这们个发说对没还过进经该复务网络现无讯录为产东业两严丛亿从众优传伤价备头夺奋实宁审宽寻层岁币师帐库应开异张忆态总户扩扫扬护报拥择换损摄时晓杂权极构标样树档检气汇沟测济浓涨烦热爱牵环电监码确离种积稳穷笔签简类红约级纪纯纳纵线组细终结给统继续维综罗联职肤脑脸节苏药营补觉见观规视览计订认讨让训议记讲许论设访证评识诉词译试诗话详语误请读课调谈谢货质购费资赛赶车转轮软载辆辑输边达迁运远连选递邮释钟钱铁银销锁错键长门问间闻阶际陆陈险随难顶项顺预领频题风飞马验鱼鸟齐龙团点号后"
                           "這們個發說對沒還過進經該據嗎麼錄產兩從眾傳價實寶層幣憶態總戶擴掃揚護擁擇攝斷舊曉雜權條極檔檢氣匯溝澤濟濃漲溫灣滿滅燈靈煩熱愛牽狀獨環畫蓋監碼穩窮簽縱繼續綜聯膚腦腳臉蘇藥營裝觀覽覺觸讓譯證讀購賽轉輛輯邊遷遞釋鐘錢鐵銷鎖點號]")

_SIMPLIFIED = "来综编辑责记复发现务机断网络统时间后认确报监测换启动开进应对处员称声说还没预计将会问题导为于这个点钟长达续历经过内线连访无异瘫痪当溃碍运营维护级紧抢临调试陆业户馈诉热实际据团队觉识标准讯闻关闭单击库数储备电节区设却温划约几两钟头礼里响网恢"
_TRADITIONAL = "來綜編輯責記復發現務機斷網絡統時間後認確報監測換啟動開進應對處員稱聲說還沒預計將會問題導為於這個點鐘長達續歷經過內線連訪無異癱瘓當潰礙運營維護級緊搶臨調試陸業戶饋訴熱實際據團隊覺識標準訊聞關閉單擊庫數儲備電節區設卻溫劃約幾兩鐘頭禮裡響網恢"
TRADITIONAL = str.maketrans(_SIMPLIFIED, _TRADITIONAL)


def both(*words: str) -> tuple[str, ...]:
    """The words in simplified characters and in traditional ones ("恢复", "恢復"), each once."""
    out: list[str] = []
    for word in words:
        for form in (word, word.translate(TRADITIONAL)):
            if form not in out:
                out.append(form)
    return tuple(out)


def written_in_chinese(text: str) -> bool:
    """Whether a text writes Chinese: Chinese characters, hardly any kana (Japanese writes its particles
    in kana), and characters only Chinese writes ("的", "了", "点", "发", "個" …)."""
    han = len(HAN.findall(text))
    return han > 0 and len(KANA.findall(text)) * 20 <= han and CHINESE_ONLY.search(text) is not None


def _pairs(table: tuple, *rest) -> tuple:
    """A table of (words, …) with each entry's words also in traditional characters."""
    return tuple((form, *entry[1:]) for entry in table for form in both(entry[0]))


# the characters a Chinese form can begin with (a number can begin any)
STARTS = frozenset("上下午凌清早中晌傍晚夜深半正今昨前明当當同次翌第隔周週星礼禮北香台臺新日东東美太格协協世英伦倫"
                   "约約大近将將接超长長至最不仅僅逾一二两兩三四五六七八九十零〇几幾整")
_NUMERALS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
             "九": 9}
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
# a part of the day before an hour or after a date: (words, a.m./p.m., how loose): "晚上12点" is
# midnight, "凌晨1点" 1 a.m., "中午12点" noon, "中午1点" 1 p.m.
_PARTS = _pairs((("上午", "am", ""), ("下午", "pm", ""), ("午后", "pm", ""), ("午後", "pm", ""), ("凌晨", "am", "night"),
                 ("清晨", "am", ""), ("早晨", "am", ""), ("早上", "am", ""), ("早间", "am", ""), ("早", "am", ""),
                 ("中午", "pm", "noon"), ("晌午", "pm", "noon"), ("傍晚", "pm", ""), ("晚上", "pm", "night"),
                 ("晚间", "pm", "night"), ("夜间", "pm", "night"), ("夜里", "pm", "night"), ("深夜", "pm", "night"),
                 ("半夜", "am", "night"), ("午夜", "am", "night"), ("晚", "pm", "night")))
# days named against the day of writing: (words, days from it, part of the day)
_NAMED_DAYS = _pairs((("今天", 0, None), ("今日", 0, None), ("今晨", 0, "am"), ("今早", 0, "am"), ("今晚", 0, "pm"),
                      ("今夜", 0, "pm"), ("昨天", -1, None), ("昨日", -1, None), ("昨晚", -1, "pm"), ("昨夜", -1, "pm"),
                      ("前天", -2, None), ("明天", 1, None), ("明日", 1, None)))
# days named against the date the text spoke of last (that day, the day of writing if none)
_SAME_DAYS = _pairs((("当天", 0, None), ("当日", 0, None), ("同日", 0, None), ("当晚", 0, "pm"), ("当夜", 0, "pm"),
                     ("次日", 1, None), ("翌日", 1, None), ("第二天", 1, None), ("隔天", 1, None), ("隔日", 1, None),
                     ("前一天", -1, None), ("前一日", -1, None)))
_ZONES = _pairs((("北京时间", "Asia/Shanghai"), ("香港时间", "Asia/Hong_Kong"), ("台北时间", "Asia/Taipei"),
                 ("台湾时间", "Asia/Taipei"), ("臺灣時間", "Asia/Taipei"), ("新加坡时间", "Asia/Singapore"),
                 ("日本时间", "Asia/Tokyo"), ("东京时间", "Asia/Tokyo"), ("美国东部时间", "ET"), ("美东时间", "ET"),
                 ("美国西部时间", "PT"), ("美西时间", "PT"), ("太平洋时间", "PT"), ("英国时间", "Europe/London"),
                 ("伦敦时间", "Europe/London"), ("格林尼治时间", "UTC"), ("协调世界时", "UTC"), ("世界标准时间", "UTC")))
# after a clock time: (words, bound, ± minutes); "起" and "开始" (from) are the start of what follows, no bound
_ABOUT = _pairs((("左右", "", 5), ("前后", "", 5), ("许", "", 5), ("上下", "", 5)))
_AFTER_CLOCK = (*_ABOUT, *_pairs((("多", "not_before", None), ("之前", "not_after", None), ("以前", "not_after", None),
                                  ("前", "not_after", None), ("之后", "not_before", None), ("以后", "not_before", None),
                                  ("后", "not_before", None))))
_BEFORE_CLOCK = _pairs((("大约", "", 5), ("大概", "", 5), ("约", "", 5)))
# before and after a length: (words, bound, ± minutes)
_BEFORE_FIGURE = _pairs((("约计", "", 5), ("大约", "", 5), ("大概", "", 5), ("约", "", 5), ("将近", "not_after", None),
                         ("接近", "not_after", None), ("近", "not_after", None), ("超过", "not_before", None),
                         ("超", "not_before", None), ("逾", "not_before", None), ("至少", "not_before", None),
                         ("最少", "not_before", None), ("最多", "not_after", None), ("不到", "not_after", None),
                         ("不足", "not_after", None), ("长达", "", None), ("仅", "", None), ("整整", "", None)))
_AFTER_FIGURE = _pairs((("以上", "not_before", None), ("多", "not_before", None), ("余", "not_before", None),
                        ("左右", "", 5), ("上下", "", 5), ("许", "", 5), ("之内", "not_after", None),
                        ("以内", "not_after", None), ("内", "not_after", None)))
_UNITS = _pairs((("个半小时", 60), ("个多小时", 60), ("个小时", 60), ("小时", 60), ("个钟头", 60), ("钟头", 60),
                 ("分钟", 1), ("分", 1), ("秒钟", 1 / 60), ("秒", 1 / 60), ("天", 1440), ("日", 1440),
                 ("个星期", 10080), ("星期", 10080), ("周", 10080)))
_PREVIOUS, _START, _SCHEDULED = "the previous event", "the start", "the scheduled start"
# what a length is of, written after it: (words, sign, anchor); "后" (later) counts from the event before
_PLACINGS = _pairs((("之后", 1, _PREVIOUS), ("以后", 1, _PREVIOUS), ("后", 1, _PREVIOUS), ("之前", -1, _PREVIOUS),
                    ("以前", -1, _PREVIOUS), ("前", -1, _PREVIOUS), ("的故障", 1, _START), ("的服务中断", 1, _START),
                    ("的中断", 1, _START), ("的宕机", 1, _START), ("的停机", 1, _START), ("的瘫痪", 1, _START),
                    ("的当机", 1, _START), ("的崩溃", 1, _START), ("的延误", 1, _SCHEDULED), ("才恢复", 1, _START),
                    ("即恢复", 1, _START), ("恢复", 1, _START), ("修复", 1, _START), ("延误", 1, _SCHEDULED),
                    ("延迟", 1, _SCHEDULED)))
_LENGTH_WORDS = both("之后", "以后", "后", "之前", "以前", "前")  # the placings that are the length's own words
# written before a length, the words that make it the incident's length, counted from the start
# ("持续超过15个小时", "中断了约2小时", "整体障碍时间约计3小时"), and the words between them and it
_LEADS = both("持续", "长达", "历时", "耗时", "用时", "用了", "花了", "经过", "时长", "中断", "宕机", "瘫痪", "当机", "崩溃",
              "停机", "停摆", "断网", "故障", "障碍", "异常", "抢修", "修复", "停止", "无法使用", "无法访问")
_FILLERS = both("了", "时间", "时间为", "约计", "共", "总共", "达", "为", "约", "大约", "将近", "超过", "近", "近乎", "服务")
_DATE_NOT_AFTER = both("内", "之内", "以内", "后", "之后", "以后", "前", "之前", "以前", "以上", "多", "左右", "间", "来",
                       "连续", "之久", "的时间")  # "3日内", "3天后": a length
_HOURS = both("点", "时")
BYLINE = both("来源", "发布时间", "发布于", "更新时间", "更新于", "编辑", "责任编辑", "记者", "报道", "综合报道", "发表于",
              "发表时间", "发布日期", "发佈時間", "报导", "综合报导")  # "2018-05-03 13:07 綜合報導": a page's stamp

_WRITTEN = Units(hour="时", minute="分", second="秒", span="间", half="半", day="日", week="周", colons=":：")


class Chinese(Characters):
    """The Chinese readers over one text's tokens, and the date the text spoke of last ("当天", that
    day, "次日", the next day, count from it)."""

    def __init__(self, reader: Scanner):
        super().__init__(reader, _WRITTEN)
        self.about: tuple | None = None  # the 'about' the last dated clock read wrote between its date and its hour

    def _ready(self, j: int) -> bool:
        return j < self.r.n and (self.t[j].num or self.t[j].text in STARTS)

    def date_at(self, j: int) -> tuple[DatePart, int] | None:
        """A date written alone (no clock time after it), with the part of the day after it ("28日凌晨")."""
        if not self._ready(j):
            return None
        zone = self.first(j, _ZONES)
        found = self._date(zone[1] if zone else j)
        if found is None:
            return None
        part, k = found
        part.start = self.t[j].start
        same = self.first(j, _SAME_DAYS)
        if same is not None and same[1] == k and not same[0][2]:
            return None  # "当天", "当日" alone: that day, the one the text spoke of, no claim of its own
        self.remember(part)
        return part, k

    # ------------------------------------------------------------ numbers

    def figure(self, j: int, digits: int = 2) -> tuple[float, int] | None:
        """The number at j, in digits ('15') or Chinese numerals ('十五', '两', '二十三'), and the index after."""
        number = self.number(j, digits)
        if number is not None:
            return number, j + 1
        k = j
        while k < self.r.n and k - j < 4 and (self.t[k].text in _NUMERALS or self.t[k].text == "十"):
            k += 1
        written = "".join(self.t[i].text for i in range(j, k))
        if not written or written.count("十") > 1:
            return None
        if "十" in written:  # "十五", "二十", "二十三", "十"
            tens, ones = written.split("十")
            if len(tens) > 1 or len(ones) > 1:
                return None
            return (_NUMERALS[tens] if tens else 1) * 10 + (_NUMERALS[ones] if ones else 0), k
        value = 0
        for c in written:  # "八", "二〇二二"
            value = value * 10 + _NUMERALS[c]
        return value, k

    # ------------------------------------------------------------ dates

    def _date(self, j: int) -> tuple[DatePart, int] | None:
        found = self._numbered_date(j) or self._named_date(j) or self._weekday(j)
        if found is None:
            return None
        part, k = found
        opened = self.at(k, "（") or self.at(k, "(")
        weekday = self._weekday(opened) if opened else None
        if weekday is not None and (self.at(weekday[1], "）") or self.at(weekday[1], ")")):
            part.weekday, k = weekday[0].weekday, weekday[1] + 1  # "12月18日（周日）"
        part_of_day = self.first(k, _PARTS) if part.meridiem is None else None
        if part_of_day is not None and self.figure(part_of_day[1]) is None:  # "28日凌晨"; "18日上午8点": the clock's
            part.meridiem, k = part_of_day[0][1], part_of_day[1]
        part.end = self.t[k - 1].end
        return part, k

    def _numbered_date(self, j: int) -> tuple[DatePart, int] | None:
        """'2022年12月18日', '12月18日', '18日', '18号', '十二月十八日', '2022年12月' (a month, with its year),
        '今(3)日' (today, the 3rd), '昨（18）日'."""
        for word, shift in (("今", 0), ("昨", -1)):
            opened = self.at(j, word)
            opened = opened and (self.at(opened, "(") or self.at(opened, "（"))
            inside = self.number(opened) if opened else None
            if inside is not None and (self.at(opened + 1, ")") or self.at(opened + 1, "）")) and self.at(opened + 2, "日"):
                valid = 1 <= inside <= 31
                return DatePart(self.t[j].start, self.t[opened + 2].end, day=inside if valid else None,
                                relative=None if valid else shift), opened + 3
        k, year = j, self.number(j, 4)
        written = self.figure(j, 4) if year is None else None  # "二〇二二年"
        if year is not None and len(self.t[j].text) == 4 and self.at(j + 1, "年"):
            k += 2
        elif written is not None and written[1] - j == 4 and 1900 <= written[0] <= 2099 and self.at(written[1], "年"):
            year, k = int(written[0]), written[1] + 1
        else:
            year = None
        read = self.figure(k)
        month: int | None = None
        if read is not None and self.at(read[1], "月") and 1 <= read[0] <= 12:
            month, k = int(read[0]), read[1] + 1
        day = self.figure(k)
        if day is None or not (self.at(day[1], "日") or self.at(day[1], "号") or self.at(day[1], "號")) \
                or not 1 <= day[0] <= 31 or any(self.at(day[1] + 1, w) for w in _DATE_NOT_AFTER) \
                or month is None and self.t[k].num is False:  # "十八日" alone: a length, not the 18th
            if year is not None and month is not None:
                return DatePart(self.t[j].start, self.t[k - 1].end, year, month), k
            return None
        if k == j and self.at(j - 1, "点") or k == j and (self.at(j - 1, "时") or self.at(j - 1, "時")):
            return None  # "8点20日": a date never follows its hour
        k = day[1] + 1
        return DatePart(self.t[j].start, self.t[k - 1].end, year, month, int(day[0])), k

    def _named_date(self, j: int) -> tuple[DatePart, int] | None:
        named = self.first(j, _NAMED_DAYS)
        if named is not None:
            (_, relative, meridiem), k = named
            return DatePart(self.t[j].start, self.t[k - 1].end, relative=relative, meridiem=meridiem), k
        same = self.first(j, _SAME_DAYS)
        if same is None:
            return None
        (_, shift, meridiem), k = same
        part = self.day_from_last(shift)
        if part is None:
            return None
        part.start, part.end, part.meridiem = self.t[j].start, self.t[k - 1].end, meridiem
        return part, k

    def _weekday(self, j: int) -> tuple[DatePart, int] | None:
        """'周一', '星期一', '週日', '礼拜天': a weekday."""
        for word in ("星期", "周", "週", "礼拜", "禮拜"):
            k = self.at(j, word)
            if k and k < self.r.n and self.t[k].text in _WEEKDAYS and not (word in "周週" and self.t[k].text == "天"):
                if self.at(k + 1, "年") or self.at(k + 1, "月") or self.t[k].text == "一" and self.at(k + 1, "次"):
                    return None  # "一周年", "一周一次": no weekday
                return DatePart(self.t[j].start, self.t[k].end, weekday=_WEEKDAYS[self.t[k].text]), k + 1
        return None

    # ------------------------------------------------------------ clock times

    def figures(self, k: int) -> tuple[int, int, int | None, int] | None:
        """The hour, minute and second at k ('8点56分', '8時56分', '8點半', '8点一刻', '八点', '20:56',
        '8点05'), and the index after; not a length ('8个小时', '3时间')."""
        if self.number(k) is not None and k + 2 < self.r.n and self.t[k + 1].text in ":：" and self.t[k + 2].num:
            return super().figures(k)
        hour = self.figure(k)
        if hour is None or hour[0] > 24 or not any(self.at(hour[1], h) for h in _HOURS + ("時",)):
            return None
        end = hour[1] + 1
        if self.at(end, "间") or self.at(end, "間") or self.at(end, "候") or self.at(end, "钟") or self.at(end, "鐘") \
                or self.at(end, "许") and self.at(end + 1, "多"):
            return None  # "时间", "时候", "点钟" is a clock but read below
        minute, second = 0, None
        if self.at(end, "半"):
            return int(hour[0]), 30, None, end + 1
        if self.at(end, "一刻") or self.at(end, "三刻"):
            return int(hour[0]), 15 if self.t[end].text == "一" else 45, None, end + 2
        zero = end + (1 if self.at(end, "零") or self.at(end, "〇") else 0)
        read = self.figure(zero)
        if read is not None and read[0] <= 59 and not any(self.at(read[1], w) for w in both("个", "小", "分钟", "天", "日", "号")):
            if self.at(read[1], "分"):
                minute, end = int(read[0]), read[1] + 1
                seconds = self.figure(end)
                if seconds is not None and self.at(seconds[1], "秒") and seconds[0] <= 59:
                    second, end = int(seconds[0]), seconds[1] + 1
            elif self.t[zero].num and len(self.t[zero].text) == 2:  # "8点05", "10点30"
                minute, end = int(read[0]), read[1]
        if hour[0] == 24 and minute:
            return None
        return int(hour[0]) % 24 if hour[0] == 24 else int(hour[0]), minute, second, end

    def clock_at(self, j: int) -> tuple[ClockPart, int] | None:
        """'上午8点56分', '8时56分', '晚上10點半', '凌晨0点30分', '中午12点', '正午', '20:56', with a zone
        after it ('（北京时间）', 'UTC')."""
        k, meridiem, loose = j, None, ""
        written = self.first(k, _PARTS)
        if written is not None:
            (_, meridiem, loose), k = written
        if self.at(k, "正午") and meridiem is None:
            clock, k = ClockPart(self.t[j].start, self.t[k + 1].end, 12, 0, meridiem="pm"), k + 2
        else:
            read = self.figures(k)
            if read is None or meridiem is not None and read[0] > 12:
                if read is None or loose == "" and meridiem == "am" or read[0] > 23:
                    return None
                meridiem = None  # "晚上20点": a 24-hour clock after its part of the day
            hour, minute, second, k = read
            if loose == "night" and (hour == 12 or hour < 5):
                meridiem = "am"  # "晚上12点", "凌晨2点", "半夜1点": the small hours
            elif loose == "noon" and hour in (10, 11):
                meridiem = "am"
            clock = ClockPart(self.t[j].start, self.t[k - 1].end, hour, minute, second, meridiem)
        if self.at(k, "钟") or self.at(k, "鐘"):
            k += 1  # "8点钟"
        k = self.written_zone(clock, k, _ZONES, lambda token: not HAN.match(token))
        clock.end = self.t[k - 1].end
        return clock, k

    def dated_clock_at(self, j: int) -> tuple[ClockPart, int] | None:
        """A clock time with the date and zone written before it: '2022年12月18日上午8点56分',
        '北京时间18日8时', '次日凌晨0点30分', '周一上午9点', '18日 08:56'."""
        zone = self.first(j, _ZONES)
        k = zone[1] if zone else j
        dated = self._date(k)
        self.about = None
        if dated is not None:
            k = dated[1] + (1 if dated[1] < self.r.n and self.t[dated[1]].text in "，, " else 0)
            self.about = self.first(k, _BEFORE_CLOCK)  # "12月18日约8点": about, written between
            k = self.about[1] if self.about is not None else k
        return self.placed(self.clock_at(k), j, dated, zone)

    def clock_expression(self, j: int) -> tuple[Expression, int] | None:
        before = self.first(j, _BEFORE_CLOCK)
        found = self.dated_clock_at(before[1] if before else j)
        if found is None:
            return None
        clock, k = found
        expr = Expression(self.t[j].start, clock.end, "clock", clock=clock)
        before = before or self.about
        if before is not None:
            (expr.qualifier, expr.bound, expr.uncertainty) = before[0]
        qualified = self.first(k, _AFTER_CLOCK)
        if qualified is not None and not (qualified[0][0] in both("前", "后") and self._length_unit(qualified[1])):
            (words, bound, uncertainty), k = qualified
            expr.qualifier, expr.end = expr.qualifier + words, self.t[k - 1].end
            expr.bound, expr.uncertainty = bound or expr.bound, uncertainty or expr.uncertainty
        return expr, k

    def _length_unit(self, k: int) -> bool:
        return k < self.r.n and self.t[k].text in "天日年月"  # "8点前一天": no bound

    def range_at(self, j: int) -> tuple[Expression, int] | None:
        """'8点至10点', '上午8时到下午3时', '18日8时至19日0时30分', '8:00-10:00', '8点~10点'."""
        return self.clock_range(j, lambda k: self.past(k, _ABOUT), (), "至到～〜~-–—", ("之间", "之間", "期间", "期間"))

    # ------------------------------------------------------------ lengths

    def length_at(self, j: int) -> tuple[Expression, int] | None:
        """'约15分钟后', '两个小时后', '持续超过15个小时', '长达3小时的故障', '近两个小时', '一个半小时'
        and '30分钟内恢复': a length, where the words around it say what it is of (its end counted from
        the start, from the event before)."""
        first = j
        before = self.first(j, _BEFORE_FIGURE)
        if before is not None:
            j = before[1]
        minutes, k, written, more = self._length(j)
        if not minutes:
            return None
        bound, uncertainty = (before[0][1], before[0][2]) if before is not None else ("", None)
        if more:
            bound, uncertainty = "not_before", None
        after = self.first(k, _AFTER_FIGURE)
        if after is not None:
            bound, uncertainty, k = after[0][1], after[0][2], after[1]
        placed = self.first(k, _PLACINGS)
        led = self._led(first)
        if after is not None and after[0][0] in both("内", "之内", "以内") and placed is None:
            placed = ((after[0][0], 1, _START), k)
        if placed is None and led:
            placed = (("", 1, _START), k)
        if placed is None or written == "D" and before is None and after is None and not led \
                and placed[0][0] not in _LENGTH_WORDS:
            return None  # "3日" alone is a date; "3天后", "约3天", "持续3天" a length
        (words, sign, anchor), end = placed
        if anchor == _PREVIOUS and self._from_start(first):
            anchor = _START
        if words not in _LENGTH_WORDS:
            end = k  # "的故障", "恢复": the clause's words, not the length's
        if sign < 0 and bound:
            bound = {"not_after": "not_before", "not_before": "not_after"}[bound]
        expr = Expression(self.t[first].start, self.t[end - 1].end, "relative", minutes=sign * minutes, anchor=anchor,
                          bound=bound, uncertainty=uncertainty)
        expr.qualifier = (before[0][0] if before else "") + (after[0][0] if after else "") + ("多" if more else "")
        if not bound:
            expr.uncertainty = max(uncertainty or 0, precision(written, minutes, _WRITTEN)) or None
        return expr, end

    def _length(self, j: int) -> tuple[float, int, str, bool]:
        """The minutes of '2小时30分钟', '15个小时', '一个半小时', '半小时', '3天', '十多分钟' at j, the index
        after, the first character of each unit written ('时', '分', '日' …; 'D' for a bare '日'), and
        whether '多' (more than) is written."""
        total, k, written, last, more = 0.0, j, "", float("inf"), False
        if self.at(j, "半天"):
            return 720, j + 2, HALF_DAY, False
        if self.at(j, "一整天") or self.at(j, "整天"):
            return 1440, j + (3 if self.at(j, "一") else 2), WHOLE_DAY, False
        while True:
            if self.at(k, "半") and not written:
                value: tuple[float, int] | None = (0.5, k + 1)
            else:
                value = self.figure(k, 4)
            if value is None:
                return total, k, written, more
            at = value[1]
            if self.at(at, "多") or self.at(at, "余") or self.at(at, "餘"):
                more, at = True, at + 1
            unit = self.first(at, _UNITS)
            if unit is None or unit[0][1] >= last:
                return total, k, written, more
            (name, size), k = unit
            hours = size == 60
            total, last = total + value[0] * size, size
            written += "D" if name == "日" else ("时" if hours else "日" if size == 1440 else "周" if size == 10080 else name[0])
            if name in both("个半小时") or hours and self.at(k, "半"):
                total, k = total + 30, k + (0 if name in both("个半小时") else 1)
            if name in both("个多小时"):
                more = True

    def _led(self, j: int) -> bool:
        """Whether the words before j make the length the incident's ('持续超过', '中断了约', '历时')."""
        words = "".join(self.r.text[max(0, self.t[j].start - 12):self.t[j].start].split())
        for _ in range(3):
            filler = next((f for f in _FILLERS if words.endswith(f)), None)
            if filler is None:
                break
            words = words[:-len(filler)]
        return words.endswith(_LEADS)

    def _from_start(self, j: int) -> bool:
        """'故障发生约15分钟后', '发生后两个小时': counted from the start."""
        words = self.r.text[max(0, self.t[j].start - 6):self.t[j].start]
        return any(w in words for w in both("发生", "出现", "开始"))
