"""The words of French, German, Spanish, Dutch, Italian and Portuguese time expressions and of what happened at them, merged into
the English tables of the lexicon and of the kind cues: an outage abroad is told in its own language
("un important incendie s'est déclaré vers 1h", "gegen 14.30 Uhr", "a las 20:30 horas", "intorno alle 4,30").

Every table is keyed by lower-case words, as the English ones are; a word that is also an English word
("mars", "tag", "die") is left out or kept to the forms that cannot be English."""

from __future__ import annotations

import re

from . import further

MONTHS = {
    **dict.fromkeys(("janvier", "janv", "januar", "jänner", "enero", "januari", "gennaio", "janeiro", "ianuarie"), 1),
    **dict.fromkeys(("février", "fevrier", "févr", "februar", "febrero", "februari", "febbraio", "fevereiro", "februarie"), 2),
    **dict.fromkeys(("mars", "märz", "maerz", "marzo", "maart", "março", "martie"), 3),
    **dict.fromkeys(("avril", "avr", "abril", "aprile", "aprilie"), 4),
    **dict.fromkeys(("mai", "mayo", "mei", "maggio", "maio"), 5),
    **dict.fromkeys(("juin", "juni", "junio", "giugno", "junho", "iunie"), 6),
    **dict.fromkeys(("juillet", "juil", "juli", "julio", "luglio", "julho", "iulie"), 7),
    **dict.fromkeys(("août", "aout", "agosto", "augustus"), 8),
    **dict.fromkeys(("septembre", "septiembre", "setiembre", "settembre", "setembro", "septembrie"), 9),
    **dict.fromkeys(("octobre", "oktober", "okt", "octubre", "ottobre", "outubro", "octombrie"), 10),
    **dict.fromkeys(("novembre", "noviembre", "novembro", "noiembrie"), 11),
    **dict.fromkeys(("décembre", "decembre", "déc", "dezember", "dez", "diciembre", "dicembre", "dezembro", "decembrie"), 12),
    **further.MONTHS,  # and Swedish, Norwegian, Danish, Polish and Turkish (further.py), as each table below
}
# "Mars" in English is a planet: a month only in a French date ("10 mars"), which the day before it makes
CAPITAL_OR_DAY_MONTHS = {"mars"}
DAY_FIRST = further.DAY_FIRST_MONTHS  # months only after their day, whatever their case ("14 Mart 2025")

_ITALIAN_DAYS = (("lunedì", "lunedi"), ("martedì", "martedi"), ("mercoledì", "mercoledi"), ("giovedì", "giovedi"),
                 ("venerdì", "venerdi"), ("sabato",), ("domenica",))
# Romanian, with its comma and cedilla letters and without them ("sâmbătă", "sambata")
_ROMANIAN_DAYS = (("luni",), ("marți", "marţi", "marti"), ("miercuri",), ("joi",), ("vineri",),
                  ("sâmbătă", "sambata", "sîmbătă"), ("duminică", "duminica"))
# Portuguese weekdays are ordinals with "-feira" ("segunda-feira"): alone, "segunda" is "second"
FEIRA_DAYS = {"segunda": 0, "terça": 1, "terca": 1, "quarta": 2, "quinta": 3, "sexta": 4}
THIS_DAY = {"desta", "nesta", "dessa", "nessa"}  # before one of them alone, a weekday: "desta terça", "nesta segunda"
WEEKDAYS = {
    **dict.fromkeys(("lundi", "montag", "lunes", "maandag", *_ITALIAN_DAYS[0], *_ROMANIAN_DAYS[0]), 0),
    **dict.fromkeys(("mardi", "dienstag", "martes", "dinsdag", *_ITALIAN_DAYS[1], *_ROMANIAN_DAYS[1]), 1),
    **dict.fromkeys(("mercredi", "mittwoch", "miércoles", "miercoles", "woensdag", *_ITALIAN_DAYS[2], *_ROMANIAN_DAYS[2]), 2),
    **dict.fromkeys(("jeudi", "donnerstag", "jueves", "donderdag", *_ITALIAN_DAYS[3], *_ROMANIAN_DAYS[3]), 3),
    **dict.fromkeys(("vendredi", "freitag", "viernes", "vrijdag", *_ITALIAN_DAYS[4], *_ROMANIAN_DAYS[4]), 4),
    **dict.fromkeys(("samedi", "samstag", "sonnabend", "sábado", "sabado", "zaterdag", *_ITALIAN_DAYS[5], *_ROMANIAN_DAYS[5]), 5),
    **dict.fromkeys(("dimanche", "sonntag", "domingo", "zondag", *_ITALIAN_DAYS[6], *_ROMANIAN_DAYS[6]), 6),
    **further.WEEKDAYS,
}

# French and Spanish write their days in lower case: one with a capital inside a sentence is a name
# ("Domingo said", "Ayer said", "Mardi Gras"); German writes its weekdays with one
LOWER_CASE_DAYS = frozenset(("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "lunes", "martes",
                             "miércoles", "miercoles", "jueves", "viernes", "sábado", "sabado", "domingo", "hier", "demain",
                             "ayer", "hoy", "anteayer", "aujourd", "ieri", "oggi", "domani", "ontem", "hoje", "amanhã",
                             *(day for days in _ITALIAN_DAYS for day in days)))
RELATIVE_DAYS = {"hier": -1, "demain": 1, "gestern": -1, "vorgestern": -2, "heute": 0, "ayer": -1, "hoy": 0, "anteayer": -2,
                 "gisteren": -1, "eergisteren": -2, "vandaag": 0, "ieri": -1, "oggi": 0, "domani": 1,
                 "ontem": -1, "hoje": 0, "amanhã": 1, "anteontem": -2,
                 "astăzi": 0, "astazi": 0, "azi": 0, "alaltăieri": -2, "mâine": 1, **further.RELATIVE_DAYS}  # Romanian ("ieri" as Italian)
# Dutch days and their part in one word: "vanochtend" (this morning), "gisteravond" (last evening)
DUTCH_DAY_PARTS = {"vanochtend": (0, "am"), "vanmorgen": (0, "am"), "vanmiddag": (0, "pm"), "vanavond": (0, "pm"),
                   "vannacht": (0, "am"), "gisterochtend": (-1, "am"), "gistermorgen": (-1, "am"),
                   "gistermiddag": (-1, "pm"), "gisteravond": (-1, "pm"), "gisternacht": (-1, "am"),
                   "stamattina": (0, "am"), "stamane": (0, "am"), "stasera": (0, "pm"), "stanotte": (0, "am")}  # Italian

# an Italian part of the day the text speaks of ("in mattinata", "nel pomeriggio"): the word before it, and its half
FLOATING_PARTS = {"mattinata": ("in", "am"), "serata": ("in", "pm"), "nottata": ("in", "am"), "pomeriggio": ("nel", "pm"),
                  "vormittag": ("am", "am"), "nachmittag": ("am", "pm")}  # and German's: "am Vormittag"
# "last Thursday" in the other languages: a word before the weekday ("letzten Donnerstag", "el pasado
# jueves", "afgelopen donderdag") or after it ("jeudi dernier", "el jueves pasado", "giovedì scorso")
LAST_BEFORE = {"letzten", "vergangenen", "pasado", "afgelopen", "vorige", "scorso", "passado"}
LAST_AFTER = {"dernier", "passé", "pasado", "scorso", "passato", "passado"}
# "questa mattina", "questa notte": this one, the night the one just gone (as "ce matin", "cette nuit")
THIS = {"ce", "cette", "questa", "questo", "deze"}  # and Dutch: "deze middag"
PARTS_OF_DAY = {
    "matin": "am", "matinée": "am", "soir": "pm", "soirée": "pm", "nuit": "pm",
    "morgen": "am", "früh": "am", "vormittag": "am", "mittag": "pm", "nachmittag": "pm", "abend": "pm", "nacht": "pm",
    "madrugada": "am", "noche": "pm", "ochtend": "am", "middag": "pm", "avond": "pm",
    "mattina": "am", "mattino": "am", "mattinata": "am", "pomeriggio": "pm", "sera": "pm", "serata": "pm", "notte": "pm",
    "manhã": "am", "noite": "pm", **further.PARTS_OF_DAY,
}
# a German weekday and its part of the day in one word ("Sonntagabend", "am frühen Montagmorgen")
GERMAN_DAY_PARTS = {
    f"{day}{part}": (number, meridiem)
    for day, number in WEEKDAYS.items() if day.endswith("tag") or day in ("mittwoch", "sonnabend")
    for part, meridiem in (("morgen", "am"), ("vormittag", "am"), ("mittag", "pm"), ("nachmittag", "pm"),
                           ("abend", "pm"), ("nacht", "pm"))
} | {  # and Dutch: "maandagavond", "zondagochtend"
    f"{day}{part}": (number, meridiem)
    for day, number in WEEKDAYS.items() if day.endswith("dag")
    for part, meridiem in (("ochtend", "am"), ("morgen", "am"), ("middag", "pm"), ("avond", "pm"), ("nacht", "pm"))
}
# the words after a clock that give its part of the day: "8 de la noche", "8 heures du soir", "8 Uhr abends"
DAY_PART_PHRASES = {
    ("du", "matin"): "am", ("du", "soir"): "pm", ("de", "l", "'", "après", "-", "midi"): "pm",
    ("de", "l", "’", "après", "-", "midi"): "pm", ("de", "la", "mañana"): "am", ("de", "la", "madrugada"): "am",
    ("de", "la", "tarde"): "pm", ("de", "la", "noche"): "pm", ("morgens",): "am", ("früh",): "am",
    ("vormittags",): "am", ("nachmittags",): "pm", ("abends",): "pm",
    ("del", "mattino"): "am", ("di", "mattina"): "am", ("della", "mattina"): "am",
    ("del", "pomeriggio"): "pm", ("di", "sera"): "pm", ("della", "sera"): "pm", ("di", "notte"): "night",
    ("da", "manhã"): "am", ("da", "tarde"): "pm", ("da", "noite"): "pm", ("da", "madrugada"): "am",
    **further.DAY_PART_PHRASES,
}

NUMBER_WORDS = {
    "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "huit": 8, "neuf": 9, "dix": 10, "onze": 11,
    "douze": 12, "quinze": 15, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
    "ein": 1, "eine": 1, "einer": 1, "einem": 1, "einen": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6,
    "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "zwölf": 12, "fünfzehn": 15, "zwanzig": 20, "dreißig": 30,
    "vierzig": 40, "fünfzig": 50, "sechzig": 60, "anderthalb": 1.5, "eineinhalb": 1.5, "zweieinhalb": 2.5,
    "dreieinhalb": 3.5,
    "una": 1, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9,
    "diez": 10, "doce": 12, "quince": 15, "veinte": 20, "treinta": 30, "cuarenta": 40, "cincuenta": 50,
    "sesenta": 60,
    "twee": 2, "drie": 3, "vijf": 5, "zes": 6, "zeven": 7, "negen": 9, "tien": 10, "twaalf": 12, "vijftien": 15,
    "twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "anderhalf": 1.5, "anderhalve": 1.5,
    "un": 1, "due": 2, "tre": 3, "quattro": 4, "cinque": 5, "sei": 6, "sette": 7, "otto": 8, "nove": 9, "dieci": 10,
    "undici": 11, "dodici": 12, "quindici": 15, "venti": 20, "trenta": 30, "quaranta": 40, "cinquanta": 50,
    "sessanta": 60,
    "um": 1, "uma": 1, "duas": 2, "três": 3, "quatro": 4, "sete": 7, "oito": 8, "dez": 10, "doze": 12, "vinte": 20, "trinta": 30,
    "quarenta": 40, "cinquenta": 50,
    **further.NUMBER_WORDS,
}
# French "sept" (7) is also the English "Sept": a number only before a French unit ("sept heures")
SEPT = "sept"

UNITS = {
    "seconde": 1 / 60, "secondes": 1 / 60, "sekunde": 1 / 60, "sekunden": 1 / 60, "segundo": 1 / 60, "segundos": 1 / 60,
    "minuten": 1, "minuto": 1, "minutos": 1,
    "heure": 60, "heures": 60, "stunde": 60, "stunden": 60, "std": 60, "hora": 60, "horas": 60,
    "jour": 1440, "jours": 1440, "tage": 1440, "tagen": 1440, "día": 1440, "días": 1440, "dia": 1440, "dias": 1440,
    "semaine": 10080, "semaines": 10080, "woche": 10080, "wochen": 10080, "semana": 10080, "semanas": 10080,
    "uur": 60, "minuut": 1, "seconden": 1 / 60, "dag": 1440, "dagen": 1440, "weken": 10080,
    "ora": 60, "ore": 60, "minuti": 1, "secondi": 1 / 60, "giorno": 1440, "giorni": 1440, "settimana": 10080,
    "settimane": 10080,
    "minute": 1, "zile": 1440, "zi": 1440, "săptămâni": 10080,  # Romanian ("ore" and "ora" as Italian)
    **further.UNITS,
}
# the units after a figure that only French, German or Spanish write: "sept" before them is seven
FOREIGN_UNITS = frozenset(UNITS)
# the units a French, German or Spanish number word may count: its own, and the minutes French and
# German share with English ("deux minutes", "eine Minute"); "dos" before "hours" is a DoS attack's
UNITS_OF_NUMBER_WORDS = FOREIGN_UNITS | {"minute", "minutes", "min"}

# "midi" is noon in French only as French writes it, in lower case: "MIDI" is a music protocol, "le Midi" a region
LOWER_CASE_CLOCK_WORDS = {"midi"}
PLACED_CLOCK_WORDS = {"mittag"}  # a clock only after a word that places a moment ("gegen Mittag"), not "zu Mittag" (lunch)
CLOCK_WORDS = {"midi": 12, "minuit": 0, "mitternacht": 0, "mediodía": 12, "medianoche": 0, "mezzogiorno": 12,
               "mezzanotte": 0, "mittag": 12}  # German noon: "fängt sich aber gegen Mittag wieder"
# Portuguese noon and midnight, written with a hyphen: (first word, second word) → hour
HYPHENED_CLOCK_WORDS = {("meio", "dia"): 12, ("meia", "noite"): 0}
NOON_LEADS = {"entre", "e", "ao", "até", "desde", "das", "partir", "volta", "do", "o"}  # and after these, unhyphenated ("entre meio dia e 13h")

ZONE_PHRASES = {
    "heure de paris": "Europe/Paris", "heure française": "Europe/Paris", "heure locale": "local",
    "heure de berlin": "Europe/Berlin", "heure de bruxelles": "Europe/Brussels", "heure belge": "Europe/Brussels",
    "heure suisse": "Europe/Zurich", "mez": "CET", "mesz": "CEST", "deutscher zeit": "Europe/Berlin",
    "ortszeit": "local", "hora local": "local", "hora de madrid": "Europe/Madrid", "hora peninsular": "Europe/Madrid",
    "hora española": "Europe/Madrid", "nederlandse tijd": "Europe/Amsterdam", "belgische tijd": "Europe/Brussels",
    "ora italiana": "Europe/Rome", "ora locale": "local", "locales": "local", "horas locales": "local",
    "horário de brasília": "America/Sao_Paulo", "hora de brasília": "America/Sao_Paulo", "horário local": "local",
    "hora de lisboa": "Europe/Lisbon",
    # the US zones as the press abroad writes them ("alle 6 del mattino del Pacifico")
    "del pacifico": "PT", "ora del pacifico": "PT", "hora del pacífico": "PT", "hora del pacifico": "PT",
    "heure du pacifique": "PT", "pazifikzeit": "PT", "pazifischer zeit": "PT", "hora do pacífico": "PT",
    "hora del este": "ET", "ostküstenzeit": "ET", "hora de nueva york": "America/New_York",
    "ora di new york": "America/New_York", "heure de new york": "America/New_York", **further.ZONE_PHRASES,
}

# qualifiers before a time or a figure that make it about a time → (bound, ± minutes), as the English
# ones; the bounds ("avant", "plus de", "bis", "hasta") are the model's one list (model.bounds)
QUALIFIERS = {
    "vers": ("", 5), "environ": ("", 5), "aux alentours de": ("", 5), "aux environs de": ("", 5), "autour de": ("", 5),
    "peu après": ("", 5),
    "juste après": ("", 5), "à peu près": ("", 5), "gegen": ("", 5), "etwa": ("", 5), "ungefähr": ("", 5),
    "rund": ("", 5), "kurz nach": ("", 5), "alrededor de": ("", 5), "cerca de": ("", 5), "aproximadamente": ("", 5),
    "sobre las": ("", 5), "hacia las": ("", 5), "poco después de": ("", 5), "poco después de las": ("", 5),
    "poco después de la": ("", 5), "rond": ("", 5), "ongeveer": ("", 5),
    "omstreeks": ("", 5), "kort na": ("", 5),
    "intorno alle": ("", 5), "attorno alle": ("", 5), "attorno a": ("", 5), "verso le": ("", 5), "verso": ("", 5),
    "poco dopo le": ("", 5), "poco dopo": ("", 5),
    "por volta das": ("", 5), "por volta da": ("", 5), "perto das": ("", 5), "pouco depois das": ("", 5),
    "cerca das": ("", 5),
    "au bout de": ("", None), **further.QUALIFIERS,
}
# the qualifiers that are also English words ("went down fast at 10:05"): a bound before a figure in
# French, German or Spanish words only ("fast drei Stunden"), never before a clock
ENGLISH_QUALIFIERS = {("fast",)}
# "après 3 heures", "nach drei Stunden", "tras 34 minutos": a length from the start, as "after 40 minutes,"
AFTER_LEADS = {("après",), ("nach",), ("tras",), ("después", "de"), ("au", "bout", "de"), ("na",), ("dopo",), ("após",),
               ("depois", "de")}
# qualifiers of a clock only: before a figure they mean something else ("vor drei Stunden": three hours ago)
CLOCK_ONLY = {("avant",), ("bis",), ("hasta",), ("hasta", "las"), ("antes", "de"), ("antes", "de", "las"),
              ("jusqu", "'", "à"), ("jusqu", "’", "à"), ("sobre", "las"), ("hacia", "las"), ("peu", "après"),
              ("juste", "après"), ("kurz", "nach"), ("poco", "después", "de"), ("poco", "después", "de", "las"),
              ("poco", "después", "de", "la"), ("peu", "avant"), ("juste", "avant"),
              ("kurz", "vor"), ("poco", "antes", "de"), ("tot",), ("kort", "na"), ("verso",), ("verso", "le"),
              ("poco", "dopo"), ("poco", "dopo", "le"), ("attorno", "a"), ("entro", "le"), ("prima", "delle"),
              ("por", "volta", "das"), ("por", "volta", "da"), ("perto", "das"), ("pouco", "depois", "das"), ("cerca", "das"),
              ("antes", "das"), ("até", "as"), ("até", "às"), ("depois", "das")}

# the articles before a clock's figure ("poco después de las 7.06 horas"); not English "the" ("hours into the 9 p.m. telecast")
ARTICLES_BEFORE_CLOCKS = {"las", "la", "les", "le", "l", "à", "ore", "alle"}
# "shortly after" what follows, without a figure ("logo após o lançamento", "poco después del lanzamiento")
SHORTLY_AFTER = (("logo", "após"), ("logo", "depois", "de"), ("logo", "depois", "do"), ("logo", "depois", "da"),
                 ("pouco", "depois", "de"), ("pouco", "depois", "do"), ("pouco", "depois", "da"), ("poco", "después", "de"),
                 ("poco", "después", "del"), ("peu", "après"), ("kurz", "nach"), ("poco", "dopo"), ("subito", "dopo"))
# words that end the name of what a figure counts from ("o lançamento da ferramenta que dá acesso …")
ANCHOR_STOPS = {"que", "qui", "che", "quando", "cuando", "quand", "wenn", "als", "e", "y", "et", "und"}
# the word after a figure that places it after the event before: "trois heures plus tard", "drei Stunden später"
LATER = {"später": (1, "the previous event"), "danach": (1, "the previous event"), "después": (1, "the previous event"),
         "daarna": (1, "the previous event"), "dopo": (1, "the previous event"), "depois": (1, "the previous event"),
         # and before it: "etwa zwei Stunden zuvor", "twee uur eerder"
         "zuvor": (-1, "the previous event"), "vorher": (-1, "the previous event"), "eerder": (-1, "the previous event")}
LATER_PAIRS = {("plus", "tard"), ("más", "tarde"), ("più", "tardi")}
# words before a length that give its span: "pendant six heures", "durante 34 minutos"; after it, "sechs Stunden lang"
LASTING_BEFORE = {"pendant", "durant", "durante", "während", "per", "por", *further.LASTING_BEFORE}
LASTING_AFTER = {"lang", "gedauert", "geduurd", *further.LASTING_AFTER}  # in lower case only: "six hours Lang said" names Mr Lang; "90 Minuten gedauert"
LASTED = {"duré", "durait", "dure", "dauerte", "dauert", "duró", "durado", "dura", "duraron", "durato", "durata", "durati", "durou",
          "duraram", "duurde", "duurt", *further.LASTED}  # "a duré plus de six heures"
# the words before a time that place a moment (an hour alone or "5h" after them is a clock)
PLACING = {"à", "vers", "dès", "avant", "depuis", "jusqu", "entre", "et", "um", "gegen", "ab", "bis", "seit", "zwischen", "und",
           "las", "la", "hasta", "desde", "sobre", "hacia", "om", "rond", "omstreeks", "vanaf", "van", "tot", "sinds", "tussen", "en",
           "alle", "dalle", "ore", "verso", "entro", "fino", "tra", "às", "até", "e", *further.PLACING}
# the words right before an hour that make it a clock, its minutes after a dot or a comma ("alle 4,30",
# "dalle 4", "ore 10.30", "a las 8.30"): an article of the hour, or a word that places one before "le"
CLOCK_ARTICLES = {"alle", "dalle", "ore", "às", "ora", "orei", *further.CLOCK_ARTICLES}  # and Romanian "ora 13.00", "în jurul orei 13"
ARTICLE_LEADS = {"le": {"verso", "sono", "entro", "dopo", "tra", "fino", "prima", "e"},
                 "das": {"volta", "perto", "depois", "antes", "cerca", "partir"}, "as": {"até", "entre", "e"},
                 "las": {"a", "desde", "hasta", "sobre", "hacia", "entre", "y"}}
# the words before "6h" that make it a length, not a clock: "pendant 6h", "plus de 6h", "en 2h"
STATE_AFTER_FUR = {"nicht", "gestört", "ausgefallen", "unterbrochen", "lahmgelegt", "gesperrt", "offline"}  # German's, after "für"
HALF_HOURS = (("une", "demi", "-", "heure"), ("demi", "-", "heure"), ("eine", "halbe", "stunde"), ("halbe", "stunde"),
              ("media", "hora"))  # half an hour, as a figure
LENGTH_LEADS = {"pendant", "durant", "en", "pour", "durante", "während", "per", "por"}

STATE_WORDS = {"storing", "onbereikbaar", "plat", "uitgevallen", "panne", "indisponible", "indisponibles", "coupé", "coupée", "coupés", "coupées", "perturbé", "perturbée",
               "perturbés", "hors", "gestört", "ausgefallen", "unterbrochen", "lahmgelegt", "caído", "caída",
               "interrumpido", "interrumpida", "apagón", "irraggiungibile", "irraggiungibili", "bloccato", "bloccata",
               "bloccati", "inaccessibile", "tilt", "giù", "uso", "fora", "indisponível", "instável",
               # closed ("forçando o hub a fechar por aproximadamente 18 horas", "fermé pendant six heures")
               "fechado", "fechada", "fechados", "fechar", "fermé", "fermée", "fermés", "fermer", "cerrado", "cerrada",
               "cerrados", "cerrar", "chiuso", "chiusa", "chiusi", "geschlossen", "gesloten", *further.STATE_WORDS}
LENGTH_NOUNS = {"storing", "uitval", "panne", "coupure", "indisponibilité", "ausfall", "störung", "apagón", "caída", "interrupción",
                "interruzione", "disservizio", "guasto", "instabilidade", "interrupção", "apagão", "queda", *further.LENGTH_NOUNS}
FAILURE_WORDS = ("storing", "uitval", "onbereikbaar", "niet bereikbaar", "panne", "pannes", "incident technique", "incidents techniques", "technische störung", "incendie", "indisponible", "hors service", "hors ligne", "coupure", "dysfonctionnement",
                 "störung", "störungen", "ausfall", "ausgefallen", "nicht erreichbar", "großbrand", "ein brand", "einem brand",
                 "der brand", "den brand", "dem brand", "apagón", "caída", "corte", "fallo", "fallos", "falla", "fallas", "avería", "se cayó",
                 "incendio", "guasto", "disservizio", "interruzione", "malfunzionamento", "in tilt", "fuori uso",
                 "irraggiungibile", "irraggiungibili", "non funzionanti", "instabilidade", "fora do ar", "apagão",
                 "indisponibilidade", "interrupção", "suspendu", "suspendue", "suspendus", "suspendues", "interrompu",
                 "interrompue", "interrompus", "interrompues", *further.FAILURE)
# matched as whole words, not inside another ("brand new", "panned", "escorted", "fallout" are English)
_FAILURE_WORDS = re.compile(r"(?<!\w)(?:" + "|".join(sorted(map(re.escape, FAILURE_WORDS), key=len, reverse=True)) + r")(?!\w)")


def names_failure(lowered: str) -> bool:
    """Whether a lower-case text names a failure in French, German or Spanish, in whole words."""
    return _FAILURE_WORDS.search(lowered) is not None


# what happened at a time, by the clause's words (kinds.CUES, the same layout)
CUES = (
    # the start a sale or a show was set for ("mesmo antes do início da venda às 9h")
    ("scheduled_start", ("início da venda", "início das vendas", "inicio de la venta", "début de la vente", "ouverture de la billetterie",
                         "apertura delle vendite", "verkaufsstart", "vorverkaufsstart", "start van de verkoop"), "live"),
    ("resolution", ("entièrement rétabli*", "totalement rétabli*", "complètement rétabli*", "résolu*",
                    "vollständig behoben", "vollständig wiederhergestellt", "completamente restablecido*",
                    "totalmente restablecido*", "resuelto", "resuelta", "volledig hersteld", "opgelost",
                    "completamente ripristinat*", "interamente ripristinat*", "risolt*", "totalmente restabelecid*",
                    "completamente restabelecid*", "resolvid*", *further.RESOLUTION), None),
    ("recovery", ("rétabli*", "de nouveau", "à nouveau", "fonctionnel*", "remis en service", "remise en service",
                  "retour à la normale", "à la normal*", "retour progressif", "rétablissement", "est revenu*", "sont revenu*", "wieder", "behoben", "wiederhergestellt", "funktioniert wieder",
                  "hersteld", "weer bereikbaar", "werkt weer", "werken weer", "verholpen", "weer in de lucht",
                  "restablec*", "de nuevo", "volvió", "volvieron", "regresó", "regresaron", "normalidad", "reanud*",
                  "fonctionne", "fonctionnent", "a repris", "ont repris", "avait repris", "avaient repris",
                  "reprise du service", "funktioniert", "funktionieren", "funciona", "funcionan", "werkt", "werken",
                  "ripristinat*", "ripristino", "riattivat*", "torna a funzionare", "di nuovo", "normalità", "ripres*",
                  *(f"{back} {how}" for back in ("tornato", "tornata", "tornati", "tornate")
                    for how in ("a funzionare", "attivo", "attiva", "attivi", "attive", "online")),
                  "rimesso in funzione", "rimessa in funzione", "rimessi in funzione", "rimesse in funzione",
                  "restabelecid*", "restaurad*", "normalizad*", "normalidade", "voltou a funcionar", "voltaram a funcionar",
                  "voltou ao ar", "voltaram ao ar", "retomad*", "funciona normalmente",
                  "restabilit*", "reluat*", "funcționează din nou", "funcţionează din nou", "repus în funcțiune",
                  "repus în funcţiune", "au revenit", "a revenit", "remediat*", *further.RECOVERY), None),
    ("mitigation", ("contournement", "numéros de secours", "numéro de secours", "umgeleitet", "neustart", "redémarr*",
                    "reinici*", "software-update", "eingespielt", "eingespeist", "correctif", "parche", "riavviat*"), None),
    ("detection", ("détecté*", "constaté*", "bemerkt", "festgestellt", "entdeckt", "detectad*", "rilevat*", "detectou",
                   "identificou o problema", "erste meldung", "ersten meldungen", "premier signalement",
                   "premiers signalements"), None),
    ("acknowledgement", ("reconnu", "a confirmé", "bestätigte", "bestätigt", "confirmó", "reconoció", "ha confermato",
                         "ha ammesso", "ha riconosciuto", "confirmou", "reconheceu"), None),
    ("cause", ("à cause de", "en raison de", "causé par", "wegen", "ursache", "verursacht", "debido a", "causad*",
               "oorzaak", "veroorzaakt", "a causa di", "causat*", "dovuto a", "dovuta a", "dovuti a", "la causa",
               "por causa de", "devido a", "devido à",
               "la cause"), None),
    ("report", ("signalements", "se plaign*", "beschwerden", "meldeten", "quejas", "denunciaron", "geklagt", "klagten",
                "meldingen", "klachten",
                "beschwerten", "signalé des", "ont signalé", "segnalazioni", "lamentat*", "proteste", "reclamações",
                "relataram", "relatos", "reportada", "reportado", "reportaron", "reportar", "reportes", "gemeldet",
                "fehlermeldungen", "störungsmeldungen", "berichten von"), None),
    ("communication", ("a déclaré", "a indiqué", "a annoncé", "a tweeté", "a publié", "ont publié", "a écrit", "écrivait", "écrit le", "communiqué", "selon", "teilte mit",
                       "laat weten", "liet weten", "woordvoerder", "meldt", "meldde", "verklaarde", "zegt",
                       "sagte", "erklärte", "mitteilung", "sprecher", "sprecherin", "declaró", "afirmó", "anunció",
                       "comunicado", "según", "portavoz", "vermeldete", "meldete", "rät", "riet", "teilte",
                       "porte-parole", "a précisé", "a expliqué", "ha dichiarato", "ha detto", "ha spiegato",
                       "ha comunicato", "ha annunciato", "ha twittato", "ha fatto sapere", "ha precisato", "portavoce",
                       "informare", "afirmou", "disse", "informou", "comunicou", "em nota", "anunciou",
                       "declarou", "porta-voz", *further.SAID), None),
)
FAILURE = ("storing", "storingen", "uitval", "uitgevallen", "onbereikbaar", "niet bereikbaar", "lag plat", "ligt plat",
           "in de war", "verstoord", "verstoring", "verstoringen", "lag stil", "ligt stil", "platgelegd",
           "nicht möglich", "nicht mehr möglich", "nicht zahlen", "nicht bezahlen", "nicht abheben",
           "werkte niet", "werkt niet", "panne", "incendie", "indisponible*", "hors service", "hors ligne", "coupure", "coupé*", "perturbé*",
           "dysfonctionnement*", "inaccessible*", "störung*", "gestört", "ausfall", "ausgefallen", "nicht erreichbar", "probleme",
           "großbrand", "ein brand", "einem brand", "der brand", "lahmgelegt", "lahm", "gesperrt", "fiel aus", "fielen aus",
           "apagón", "caída", "caído", "fallo", "falla", "fallas", "sin energía", "sin luz", "sin electricidad", "colapsado", "colapsada", "colapso", "fallaban", "fallaba", "sin acceso",
           "no han podido", "no podían", "no pudieron",
           "fallos", "falló", "avería", "se cayó", "sin servicio", "problemas", "ausfälle", "versagte", "versagt",
           "störungen", "en panne", "tombé en panne", "plus accessible*", "injoignable*",
           "incendio", "guasto", "guasti", "in tilt", "disservizi*", "non funzionant*", "non funziona", "irraggiungibil*",
           "non raggiungibil*", "fuori uso", "bloccat*", "interruzione", "interrott*", "malfunzionament*",
           "disfunzionament*", "andato giù", "andata giù", "problemi", "instabilidade", "instabilidades", "fora do ar",
           "falha", "falhas", "apagão", "indisponível", "indisponibilidade", "interrupção", "caiu", "travou", "travado", "travada",
           "sem conseguir", "não conseguia*", "não consegue*", "não conseguiram", "ficava parado", "ficaram parados", "lentidão",
           "defecțiun*", "defecţiun*", "avarie", "indisponibil*", "a picat", "au picat", "nu au putut", "nu a funcționat",
           "nu a funcţionat", "nu pot accesa", "problemele", *further.FAILURE)
# a state that lasts at a time, in the other languages ("ancora fuori uso", "toujours en panne", "nog steeds
# onbereikbaar"): each lasting word before each broken state, as kinds' English pairs
LASTING = ("ancora", "toujours", "encore", "immer noch", "weiterhin", "nog steeds", "nog altijd", "todavía", "aún", "ainda",
           *further.LASTING)
BROKEN = ("fuori uso", "irraggiungibile", "irraggiungibili", "non raggiungibile", "non raggiungibili", "non funzionante",
          "non funzionanti", "en panne", "perturbé", "perturbée", "perturbés", "indisponible", "indisponibles", "gestört",
          "ausgefallen", "nicht erreichbar", "onbereikbaar", "plat", "niet bereikbaar", "caído", "caída", "sin servicio",
          "fora do ar", "indisponível", "instável", *further.BROKEN)
SINCE = ("sinds", "depuis", "seit", "desde", "dalle", *further.SINCE)  # since a time: the onset of the state the clause names
STARTS = ("begon", "ontstond", "sinds", "a commencé", "ont commencé", "a débuté", "s'est déclaré", "s’est déclaré", "est survenu*", "depuis",
          "begann", "begonnen", "seit", "comenzó", "empezó", "se abrió", "arrancó", "se inició", "desde", "è iniziat*", "è cominciat*", "è scoppiat*",
          "è partit*", "dalle", "a partire da", "a partire dalle", "a partire dalla", "a partire dal", "começou", "começaram",
          "iniciou", "teve início", "a partir das", *further.STARTS)
