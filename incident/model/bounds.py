"""The words that say a time or a figure is a bound, one list for the model and the text reader."""

from __future__ import annotations

# The words that make a time or a figure a bound, as people write them before it ("by 23:02", "more
# than 40 minutes late"): one list, read by the bound cell (MEANT) and by the text reader
# (timetext.lexicon.QUALIFIERS), so that what a source's words mean is the same in both.
# Korean: "until/by" 까지, "before" (이)전, "after" 이후, "past" 넘어; of a figure "or more" 이상, "over"
# 넘게 and 여 ("3시간여"), "at least" 최소, "within" 이내, "under" 미만, "nearly" 가까이 and 거의, "at most" 최대
KOREAN_BOUND_WORDS = {
    **dict.fromkeys(("까지", "이전", "전", "이내", "미만", "가까이", "거의", "최대"), "not_after"),
    **dict.fromkeys(("이후", "넘어", "이상", "넘게", "여", "최소", "남짓"), "not_before"),
}

BOUND_WORDS = {
    **dict.fromkeys(("by", "before", "until", "till", "prior to", "no later than", "not later than", "at most", "nearly",
                     "almost", "under", "less than", "within", "up to", "just under", "just before", "in less than",
                     "in under", "close to", "shy of", "just shy of", "shorter than"), "not_after"),
    **dict.fromkeys(("after", "more than", "over", "just over", "at least", "later than", "no earlier than", "upwards of",
                     "well over", "beyond", "longer than"), "not_before"),
    # softened: "a bit more than 2 hours", "slightly under an hour" bound it all the same
    **dict.fromkeys((f"{soft} {word}" for soft in ("a bit", "a little", "slightly") for word in ("more than", "over", "longer than")),
                    "not_before"),
    **dict.fromkeys((f"{soft} {word}" for soft in ("a bit", "a little", "slightly") for word in ("less than", "under", "shorter than")),
                    "not_after"),
    # the same in French, German and Spanish
    **dict.fromkeys(("avant", "jusqu'à", "jusqu’à", "moins de", "en moins de", "près de", "presque", "bis", "weniger als",
                     "fast", "knapp", "beinahe", "hasta", "hasta las", "antes de", "antes de las", "menos de", "casi",
                     "peu avant", "juste avant", "kurz vor", "poco antes de"),
                    "not_after"),
    **dict.fromkeys(("après", "plus de", "au moins", "nach", "mehr als", "über", "mindestens", "después de", "tras",
                     "más de", "al menos", "pasadas las", "pasada la", "después de las", "ruim", "meer dan", "na",
                     "minstens", "zeker"), "not_before"),
    **dict.fromkeys(("tot", "bijna", "minder dan", "uiterlijk"), "not_after"),
    **dict.fromkeys(("prima delle", "poco prima delle", "entro le", "entro", "fino alle", "meno di", "in meno di", "quasi"),
                    "not_after"),  # and in Italian
    **dict.fromkeys(("dopo", "dopo le", "oltre", "più di", "almeno"), "not_before"),
    **dict.fromkeys(("antes das", "até as", "até às", "até", "quase", "menos de", "em menos de"), "not_after"),  # Portuguese
    **dict.fromkeys(("depois das", "mais de", "pelo menos", "após"), "not_before"),
    **dict.fromkeys(("înainte de", "înainte de ora", "până la", "până la ora", "până în", "mai puțin de", "aproape"),
                    "not_after"),  # Romanian
    **dict.fromkeys(("după", "după ora", "peste", "mai mult de", "cel puțin"), "not_before"),
    **dict.fromkeys(("sebelum", "hingga", "hingga pukul", "sampai", "sampai pukul", "hampir", "kurang dari",
                     "paling lambat"), "not_after"),  # Indonesian and Malay
    **dict.fromkeys(("setelah", "sesudah", "lebih dari", "paling sedikit", "sedikitnya", "sekurang-kurangnya"), "not_before"),
    # Korean writes them after the time or the figure ("오후 3시까지", "3시간 이상"); its reader
    # (timetext/korean.py) takes them from here
    **KOREAN_BOUND_WORDS,
}
