"""What a Chinese clause says happened at its time. Chinese puts the verb after the time ("12月19日
凌晨0点30分，所有服务全部恢复": all services were restored at 0:30), as Japanese, so its cues are read
by the Japanese rules (kinds_ja.py): the first cue after the time is the event, the words before it
only when none follows. The cues are written once in simplified characters and read in traditional
ones too. Chinese writes a negation before its verb ("仍未恢复": not yet restored) and "as of" before
the time ("截至22日14时"): both are read here before the shared rules."""

from __future__ import annotations

from .chinese import CHINESE_ONLY, HAN, KANA, both
from .kinds_ja import Vocabulary, classify as classify_words

# (kind, cues): a longer cue before the shorter it contains ("全部恢复" before "恢复"); on the same
# place, the earlier of this table; communication last
_RECOVERY = both("恢复正常", "恢复", "修复", "复原", "回复正常", "重新上线", "可正常使用", "已正常", "复电", "解决")
CUES = (
    ("resolution", both("全部恢复", "完全恢复", "全面恢复", "彻底恢复", "全部修复", "完全修复", "全面修复", "均恢复",
                        "均已恢复", "都已恢复", "全部解决", "完全解决", "全部正常")),
    ("recovery", _RECOVERY),
    ("mitigation", both("回滚", "切换", "重启", "重新启动", "重新开机", "降载", "扩容", "限流", "隔离", "正在修复", "紧急修复",
                        "进行修复", "抢修", "修复中", "临时措施", "应急预案")),
    ("detection", both("监控告警", "告警", "发现", "监控到", "监测到", "检测到", "察觉", "报警")),
    ("acknowledgement", both("确认", "排查", "调查", "定位", "正在处理", "介入", "处理中", "跟进")),
    ("scheduled_start", both("原定", "原计划", "按计划", "预定于")),
    ("cause", both("原因", "起因", "所致", "肇因")),
    ("report", both("用户反馈", "网友反馈", "用户反映", "网友反映", "反映", "反馈", "投诉", "吐槽", "热搜", "爆料", "抱怨")),
    ("communication", both("发布", "发佈", "公告", "声明", "表示", "回应", "致歉", "道歉", "宣布", "宣佈", "通报", "说明",
                           "指出", "透露", "称")),
)
STARTS = both("发生", "开始", "出现", "爆发", "突发")
FAILURES = both("故障", "宕机", "中断", "无法访问", "无法使用", "无法正常", "无法", "崩溃", "崩了", "瘫痪", "当机", "异常",
                "停摆", "掉线", "断网", "报错", "失败", "打不开", "不可用", "停机", "断电", "障碍")
_NOT_YET = both("中", "未", "不了")  # after a recovery's cue: "正陆续恢复中", still under way
_NEGATIONS = both("尚未", "仍未", "未能", "还未", "还没有", "还没", "没有", "未")  # before a recovery's cue: not yet
_AS_OF = both("截至", "截止到", "截止", "到了")
CHINESE = Vocabulary(CUES, STARTS, FAILURES, both("仍然", "仍在", "依然", "仍处于", "持续中"), _NOT_YET, _AS_OF,
                     both("部分", "陆续", "逐步", "逐渐", "大部分", "基本", "部份"), both("全部", "完全", "全面", "彻底"),
                     "起")
# a forecast or a promise: a time to come, not when anything happened ("预计今晚8点恢复")
FORECASTS = both("预计", "预期", "有望", "将于", "将在", "计划于", "争取", "力争", "可望", "估计将")


def written_in_chinese(before: str, after: str) -> bool:
    """Whether the clause around the time is Chinese: Chinese characters near it, no kana in it (a
    Japanese clause writes its particles in kana), and a character only Chinese writes."""
    near = before[-6:] + after[:6]
    words = before + after
    return HAN.search(near) is not None and KANA.search(words) is None and CHINESE_ONLY.search(words) is not None


def classify(before: str, after: str, span: bool, live: bool | None, not_yet: str, whole: str) -> tuple[str, str, str]:
    """(kind, note, bound) of the clause around a time, read with the Chinese words (see kinds_ja.classify)."""
    before, after = "".join(before.split()), "".join(after.split()).lstrip("，,：:、")
    negated = _negated(after)
    if negated:
        return "recovery", f"kind guessed from '{negated}', {not_yet} at this time: it recovered after it", "not_before"
    as_of = next((w for w in _AS_OF if before.endswith(w)), None)
    if as_of is not None:  # "截至22日14时，仍有…": as of this time, read as Japanese's "時点で"
        after = as_of + after
    return classify_words(before, after, span, live, not_yet, whole, CHINESE)


def _negated(after: str) -> str:
    """The words of a recovery said not yet done after the time ("仍未恢复", "尚未完全恢复"), before
    any other recovery cue, or ''."""
    first = min((after.find(cue) for cue in _RECOVERY if cue in after), default=-1)
    if first < 0:
        return ""
    lead = after[max(0, first - 4):first]
    for negation in _NEGATIONS:
        for filler in ("", "完全", "完全", "能", "全部"):
            if lead.endswith(negation + filler) and negation + filler:
                return negation + filler + after[first:first + 2]
    return ""
