"""The words of Swedish, Norwegian, Danish, Polish, Turkish and Indonesian (with Malay) time expressions
(and, from indic.py, Hindi and Tamil)
and of what happened at them, merged into europe's tables as those are merged into the English ones:
"kl. 14.30", "klockan 9", "o godz. 10:15", "saat 14.30'da", "den 3 mars 2025", "3 marca 2025",
"14 Mart 2025", "Senin (8/5) pukul 14.00 WIB", "selama kurang lebih 4 hari".

As in europe, a word that is also an English word is left out ("time" is a Norwegian hour, "sedan"
a Swedish since), or kept to the forms that cannot be English."""

from __future__ import annotations

from . import indic

MONTHS = {
    **dict.fromkeys(("styczeń", "stycznia", "ocak", "januari"), 1),
    **dict.fromkeys(("luty", "lutego", "şubat", "subat", "februari"), 2),
    **dict.fromkeys(("marts", "marzec", "marca", "mart", "maret", "mac"), 3),
    **dict.fromkeys(("kwiecień", "kwietnia", "nisan"), 4),
    **dict.fromkeys(("maj", "maja", "mayıs", "mayis", "mei"), 5),
    **dict.fromkeys(("czerwiec", "czerwca", "haziran", "juni", "jun"), 6),
    **dict.fromkeys(("lipiec", "lipca", "temmuz", "juli", "julai"), 7),
    **dict.fromkeys(("augusti", "sierpień", "sierpnia", "ağustos", "agustos", "ogos"), 8),
    **dict.fromkeys(("wrzesień", "września", "wrzesnia", "eylül", "eylul"), 9),
    **dict.fromkeys(("październik", "października", "pazdziernika", "ekim", "oktober"), 10),
    **dict.fromkeys(("listopad", "listopada", "kasım", "kasim"), 11),
    **dict.fromkeys(("desember", "grudzień", "grudnia", "aralık", "aralik", "disember"), 12), **indic.MONTHS,
}
# "Mart" is a shop's name in English ("Wal-Mart 24 hours"), "Mac" a computer: months only after
# their day ("14 Mart 2025", "8 Mac 2024")
DAY_FIRST_MONTHS = {"mart", "mac"}

WEEKDAYS = {
    **dict.fromkeys(("måndag", "mandag", "måndagen", "mandagen", "poniedziałek", "poniedzialek", "pazartesi"), 0),
    **dict.fromkeys(("tisdag", "tirsdag", "tisdagen", "tirsdagen", "wtorek", "salı"), 1),
    **dict.fromkeys(("onsdag", "onsdagen", "środa", "środę", "sroda", "srode", "çarşamba", "carsamba"), 2),
    **dict.fromkeys(("torsdag", "torsdagen", "czwartek", "perşembe", "persembe"), 3),
    **dict.fromkeys(("fredag", "fredagen", "piątek", "piatek", "cuma"), 4),
    **dict.fromkeys(("lördag", "lørdag", "lördagen", "lørdagen", "sobota", "sobotę", "sobote", "cumartesi"), 5),
    **dict.fromkeys(("söndag", "søndag", "söndagen", "søndagen", "niedziela", "niedzielę", "niedziele"), 6),
    # Indonesian and Malay: "Senin (8/5)", "Selasa malam"; Sunday is "Minggu" (a week, counted: "dua minggu") or "Ahad"
    **dict.fromkeys(("senin", "isnin"), 0), "selasa": 1, "rabu": 2, **dict.fromkeys(("kamis", "khamis"), 3),
    **dict.fromkeys(("jumat", "jum'at", "jumaat"), 4), "sabtu": 5, **dict.fromkeys(("minggu", "ahad"), 6), **indic.WEEKDAYS,
}
RELATIVE_DAYS = {"idag": 0, "igår": -1, "imorgon": 1, "dziś": 0, "dzis": 0, "dzisiaj": 0, "wczoraj": -1, "jutro": 1,
                 "przedwczoraj": -2, "bugün": 0, "dün": -1, "yarın": 1, "iforgårs": -2,
                 "kemarin": -1, "semalam": -1, "besok": 1, "esok": 1, **indic.RELATIVE_DAYS}  # Indonesian, Malay

UNITS = {
    "timme": 60, "timmar": 60, "timmen": 60, "timmarna": 60, "timer": 60, "timen": 60, "timers": 60, "minuter": 1,
    "minutt": 1, "minutter": 1, "minut": 1, "dygn": 1440, "døgn": 1440, "dagar": 1440, "dager": 1440, "dage": 1440,
    "veckor": 10080, "vecka": 10080, "uker": 10080, "uge": 10080, "uger": 10080,
    "godzina": 60, "godziny": 60, "godzin": 60, "godzinę": 60, "minuty": 1, "minutę": 1, "dni": 1440, "dzień": 1440,
    "tydzień": 10080, "tygodnie": 10080, "tygodni": 10080,
    "saat": 60, "dakika": 1, "gün": 1440, "hafta": 10080,
    "jam": 60, "menit": 1, "minit": 1, "hari": 1440, "minggu": 10080, "pekan": 10080,  # Indonesian, Malay
}

# number words only as they count these languages' units ("fyra timmar", "trzy godziny", "üç saat"); the
# ones that are English words ("to", "fire", "sex", "ti", "on") are left out
NUMBER_WORDS = {"två": 2, "fyra": 4, "sju": 7, "åtta": 8, "nio": 9, "tio": 10, "tolv": 12, "tjugo": 20, "seks": 6, "syv": 7,
                "åtte": 8, "otte": 8, "tyve": 20, "tjue": 20, "dwa": 2, "dwie": 2, "trzy": 3, "cztery": 4, "pięć": 5,
                "sześć": 6, "siedem": 7, "osiem": 8, "dziewięć": 9, "dziesięć": 10, "iki": 2, "üç": 3, "dört": 4, "beş": 5,
                "altı": 6, "yedi": 7, "sekiz": 8, "dokuz": 9,
                "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8, "lapan": 8,
                "sembilan": 9, "sepuluh": 10, "sebelas": 11}
AFTER_AN_HOUR = {"igår", "idag", "den", "på", "och", "og", "w", "i"}  # "klokken 9 i går", "klockan 9 på morgonen"

# the words right before an hour that make it a clock ("klockan 9", "godzinie 10", "saat 14.30"); "kl." and
# "godz." are read with their dot (forms)
CLOCK_ARTICLES = {"klockan", "klokken", "klokka", "godzinie", "godzina", "saat", "pukul"}  # and "pukul 14.00"
ABBREVIATED_CLOCK_ARTICLES = {"kl", "godz"}
PLACING = {"kl", "godz", "från", "fra", "til", "od", "pukul", "sejak", "hingga", "sampai", "sekitar", "pada"}
LASTING_BEFORE = {"przez", "selama"}  # "przez trzy godziny", "selama 4 hari": for three hours, for four days
LASTING_AFTER = {"sürdü", "boyunca"}  # "üç saat sürdü": it lasted three hours
LASTED = {"varade", "varte", "varede", "trwała", "trwało", "trwał", "sürdü", "berlangsung"}  # "varte i tre timer": lasted three hours

FAILURE = ("avbrott", "avbrottet", "störning", "störningen", "störningar", "driftstörning", "driftstörningar", "nere",
           "ligger nere", "låg nere", "fungerade inte", "fungerar inte", "kraschade", "nedetid", "nedbrud", "nedbruddet",
           "driftsforstyrrelse", "driftsforstyrrelser", "nede", "lå nede", "fungerte ikke", "virket ikke", "virkede ikke",
           "ute av drift", "ude af drift", "awaria", "awarii", "awarię", "awarie", "nie działa", "nie działał",
           "nie działała", "nie działały", "niedostępny", "niedostępna", "niedostępne", "przerwa w działaniu",
           "kesinti", "kesintisi", "kesintiler", "arıza", "arızası", "çöktü", "erişim sorunu", "erişilemiyor",
           "erişilemedi", "çalışmıyor", "çalışmadı",
           "gangguan", "terganggu", "tidak bisa diakses", "tidak dapat diakses", "tidak bisa digunakan", "lumpuh",
           "tidak berfungsi", "eror", "galat", "mati total", "tidak dapat digunakan", "tidak boleh diakses", *indic.FAILURE)
RECOVERY = ("fungerar igen", "fungerade igen", "åter i drift", "igång igen", "är tillbaka", "återställ*", "fungerer igjen",
            "virker igjen", "oppe igjen", "gjenopprettet", "virker igen", "fungerer igen", "genoprettet", "oppe igen",
            "przywrócon*", "działa już", "znów działa", "ponownie działa", "naprawion*", "usunięto awarię", "düzeldi",
            "normale döndü", "yeniden erişilebilir", "tekrar çalışıyor", "giderildi",
            "pulih", "kembali normal", "normal kembali", "berangsur normal", "kembali beroperasi", "sudah normal",
            "sudah bisa", "sudah dapat", "dapat digunakan kembali", "bisa digunakan kembali", "kembali pulih",
            "berhasil melakukan normalisasi", "berhasil menormalkan", "telah normal", *indic.RECOVERY)
RESOLUTION = ("helt återställ*", "fullt gjenopprettet", "fuldt genoprettet", "całkowicie przywrócon*", "tamamen düzeldi",
              "çözüldü", "pulih sepenuhnya", "sepenuhnya pulih", "normal sepenuhnya", "pulih total", "teratasi")
STARTS = ("började", "startade", "begynte", "startet", "begyndte", "zaczęła", "zaczął", "zaczęły", "rozpoczęła",
          "başladı", "itibaren", "mulai", "bermula", *indic.STARTS)
STATE_WORDS = {"nere", "nede", "niedostępny", "niedostępna", "niedostępne", "erişilemiyor", "mati", "eror", "terganggu",
               "lumpuh"}
LENGTH_NOUNS = {"avbrott", "störning", "driftstörning", "nedbrud", "awaria", "awarii", "przerwa", "kesinti", "arıza", "gangguan"}
SINCE = ("sejak",)
# Indonesian and Malay say who spoke after the words, with the day ("kata Semuel, Kamis (20/6/2024)"): a statement
SAID = ("kata", "katanya", "ujar", "ujarnya", "ungkap", "ungkapnya", "jelas", "jelasnya", "tutur", "tuturnya", "tulis",
        "tegas", "tegasnya", "menurut", "dalam keterangannya", "keterangan resmi", "mengumumkan", "menyatakan")
LASTING = ("masih", "masih terus")  # "masih berlangsung": still going on; "masih terganggu": still disrupted
BROKEN = ("berlangsung", "terjadi", "terganggu", "eror", "error", "down", "gangguan", "membanjiri", "belum bisa", "belum dapat",
          "tidak bisa", "tidak dapat", "mati")  # "sejak Senin pagi": since Monday morning, the onset of the state the clause names

# Indonesian and Malay: the parts of the day after a weekday or a clock ("Senin pagi", "pukul 8 malam"), the
# zones ("pukul 14.00 WIB"), and the qualifiers before a time or a figure ("sekitar pukul 9", "kurang lebih 4 hari")
PARTS_OF_DAY = {"pagi": "am", "siang": "pm", "sore": "pm", "petang": "pm", "malam": "pm"}
DAY_PART_PHRASES: dict[tuple[str, ...], str] = {**{(part,): meridiem for part, meridiem in PARTS_OF_DAY.items()}, ("dini", "hari"): "am"}
ZONE_PHRASES = {"waktu indonesia barat": "WIB", "waktu indonesia tengah": "WITA", "waktu indonesia timur": "WIT",
                "waktu malaysia": "Asia/Kuala_Lumpur", "waktu tempatan": "local", "waktu setempat": "local"}
QUALIFIERS = {"sekitar": ("", 5), "kurang lebih": ("", 5), "kira-kira": ("", 5), "sekitar pukul": ("", 5)}
