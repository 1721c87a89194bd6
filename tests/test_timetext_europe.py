"""Times written in French, German and Spanish: an outage abroad is told in its own language, and its
clocks ("vers 1h", "gegen 14.30 Uhr", "a las 20:30 horas"), dates ("le 10 mars 2021", "am 27. November",
"3 de febrero de 2013"), lengths ("pendant six heures", "drei Stunden später") and kinds are read as
the English ones are."""

from __future__ import annotations

import csv
import io
import time
from datetime import date

import pytest

from incident.extract.draft import Cells, draft
from incident.cli import main
from incident.timetext.kinds import guess_kind
from incident.timetext.days import Context
from incident.timetext.readings import read_times

PARIS = Context(date(2021, 3, 10), "Europe/Paris")


def read(text, context=PARIS):
    return [(r.as_reported, r.time, r.bound, r.uncertainty_min) for r in read_times(text, context)]


@pytest.mark.parametrize("text, time, uncertainty", [
    ("Un important incendie s'est déclaré vers 1h sur le site.", "2021-03-10 01:00", 5),
    ("Le feu a été circonscrit vers 5h30, mais les pompiers restaient sur place.", "2021-03-10 05:30", 5),
    ("Le site était de nouveau fonctionnel à partir de 10 heures.", "2021-03-10 10:00", None),
    ("Le feu a été maîtrisé à 7H20' ce matin.", "2021-03-10 07:20", None),
    ("La panne a commencé à 14 h 30 le 10 mars 2021.", "2021-03-10 14:30", None),
    ("La panne a commencé le mercredi 10 mars à 1h.", "2021-03-10 01:00", None),
    ("Hier soir vers 22h, le réseau est tombé.", "2021-03-09 22:00", 5),
    ("Aujourd'hui à 9h, le service a repris.", "2021-03-10 09:00", None),
    ("Le 1er mars à 8h, tout fonctionnait.", "2021-03-01 08:00", None),
])
def test_french_clocks_and_dates(text, time, uncertainty):
    [(_, got, _, within)] = read(text)
    assert (got, within) == (time, uncertainty)


@pytest.mark.parametrize("text, time, uncertainty", [
    ("Die Störung begann gegen 14.30 Uhr am Sonntag.", "2021-03-07 14:30", 5),
    ("Um 15 Uhr war das Netz wieder erreichbar.", "2021-03-10 15:00", None),
    ("Am 27. November 2016 um 17 Uhr fielen die Router aus.", "2016-11-27 17:00", None),
    ("Um 8 Uhr abends war alles behoben.", "2021-03-10 20:00", None),
    ("El apagón comenzó a las 20:30 horas del 3 de febrero de 2013.", "2013-02-03 20:30", None),
    ("La luz volvió a las 8 de la noche.", "2021-03-10 20:00", None),
])
def test_german_and_spanish_clocks_and_dates(text, time, uncertainty):
    [(_, got, _, within)] = read(text)
    assert (got, within) == (time, uncertainty)


@pytest.mark.parametrize("text, offset, bound, anchor", [
    ("Le site était en panne pendant 6h.", 360, "", "the start"),
    ("Pendant six heures, le site était indisponible.", 360, "", "the start"),
    ("La panne a duré plus de six heures.", 360, "not_before", "the start"),
    ("Plus de 6 heures de panne pour les clients.", 360, "not_before", "the start"),
    ("Trois heures plus tard, le site était rétabli.", 180, "", "the previous event"),
    ("Sept heures plus tard, tout était rétabli.", 420, "", "the previous event"),
    ("Deux heures et demie plus tard, le site est revenu.", 150, "", "the previous event"),
    ("Une demi-heure plus tard, le site est revenu.", 30, "", "the previous event"),
    ("Drei Stunden später war alles behoben.", 180, "", "the previous event"),
    ("Nach drei Stunden war alles behoben.", 180, "", "the start"),
    ("Das Netz war sechs Stunden lang gestört.", 360, "", "the start"),
    ("1,5 Stunden später lief das Netz wieder.", 90, "", "the previous event"),
    ("Después de 34 minutos volvió la luz.", 34, "", "the start"),
    ("34 minutos después volvió la luz.", 34, "", "the previous event"),
    ("Etwa zwei Stunden zuvor war das Netz ausgefallen.", -120, "", "the previous event"),  # earlier
    ("Die Störung habe etwa 90 Minuten gedauert.", 90, "", "the start"),  # the perfect's participle after it
    ("De storing heeft twee uur geduurd.", 120, "", "the start"),
    ("La caída ha durado dos horas.", 120, "", "the start"),
])
def test_lengths_and_relative_times(text, offset, bound, anchor):
    [found] = read_times(text, PARIS)
    assert (found.offset_min, found.bound, found.anchor) == (offset, bound, anchor)


@pytest.mark.parametrize("text", [
    "Le site était en panne pendant 6h30 de maintenance prévue plus de 2 heures.",  # lengths, not clocks
    "Plus de 6 heures de panne.",
])
def test_a_length_in_hours_is_no_clock(text):
    assert all(not r.time for r in read_times(text, PARIS))


@pytest.mark.parametrize("text", ["The rover landed on Mars 3 years ago.", "It was a 2h drive.", "Sept 10 was quiet."])
def test_english_words_that_look_foreign_stay_english(text):
    assert not any(r.time.startswith("2021-03") and r.time[5:7] == "03" and "Mars" in r.as_reported
                   for r in read_times(text, PARIS))
    assert all(r.kind != "clock" for r in read_times(text, PARIS))


@pytest.mark.parametrize("before, after, kind", [
    ("Un important incendie s'est déclaré ", " sur le site.", "impact_start"),
    ("Le site était de nouveau fonctionnel ", ".", "recovery"),
    ("Le service a été entièrement rétabli ", ".", "resolution"),
    ("Die Störung begann ", ".", "impact_start"),
    ("Das Netz war ", " wieder erreichbar.", "recovery"),
    ("El apagón comenzó ", ".", "impact_start"),
    ("La luz volvió ", ".", "recovery"),
    ("Die ersten Kunden hatten bereits ", " über Ausfälle beim Telefon geklagt.", "impact_start"),  # the failure they told of
    ("Viele Kunden haben ", " bei der Hotline geklagt.", "report"),
    ("Vielen Kunden versagte ", " der Anschluss.", "impact_start"),
    ("Wie ein Sprecher sagte, sei ", " eine neue Software in das Netz eingespeist worden.", "mitigation"),
    ("", " vermeldete die Telekom ein Update.", "communication"),
    ("Le réseau est tombé en panne ", ".", "impact_start"),
    ("Le réseau fonctionne depuis ", ".", "recovery"),  # since a time, in a working state: back since then
    ("L'opérateur a annoncé que tout avait repris depuis ", ".", "recovery"),
    ("Der Notruf funktioniert seit ", " wieder.", "recovery"),
    ("Der Notruf ist seit ", " gestört.", "impact_start"),
    ("The app has been working normally since ", ".", "recovery"),
    ("The app has been down since ", ".", "impact_start"),
    ("Een probleem stuurde het vliegverkeer ", " stevig in de war.", "impact_start"),
    ("Het treinverkeer lag ", " stil door een storing.", "impact_start"),
])
def test_kinds_from_french_german_and_spanish_clauses(before, after, kind):
    assert guess_kind((before, after), live=False)[0] == kind


def test_a_french_story_drafts_a_timeline_that_validates(tmp_path):
    story = tmp_path / "panne.txt"
    story.write_text(
        "Panne géante chez un hébergeur\n\n"
        "Un important incendie s'est déclaré vers 1h sur le site de Strasbourg. Le feu a été circonscrit vers 5h30. "
        "De nombreux sites étaient indisponibles. Le site du ministère était de nouveau fonctionnel à partir de 10 heures.\n",
        encoding="utf-8")
    out, err = tmp_path / "events.csv", io.StringIO()
    code = main(["extract", str(story), "--published", "2021-03-10", "--tz", "Europe/Paris", "--incident", "fire",
                 "--source", "Le Journal", "--out", str(out)], stdout=io.StringIO(), stderr=err)
    assert code == 0, err.getvalue()
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["kind"], r["time"]) for r in rows if r["kind"] in ("impact_start", "recovery")] == [
        ("impact_start", "2021-03-10 01:00"), ("recovery", "2021-03-10 10:00")]
    assert main(["validate", str(out)], stdout=io.StringIO(), stderr=io.StringIO()) == 0


@pytest.mark.parametrize("unit", ["Vers 1h, la panne a duré plus de six heures, puis trois heures plus tard à 10 heures. ",
                                  "plus de " * 40 + "6h ", "de la " * 40 + "noche ", "à 5h30 le 10 " * 20 + "mars ",
                                  "la veille " * 30 + "le lendemain ", "alle 4,30 ", "verso le " * 30 + "7 di oggi ",
                                  "dall’1 di notte alle 8.30 circa ", "dopo " * 40 + "due ore ",
                                  "por volta das 11h30 da segunda-feira ", "meio-" * 30 + "dia "])
def test_a_long_or_hostile_french_text_is_read_at_once(unit):
    text = (unit * (200_000 // len(unit)))[:200_000]
    started = time.perf_counter()
    read_times(text, PARIS)
    took = time.perf_counter() - started
    assert took < 10, f"{unit[:20]!r}…: {took:.1f} s"  # linear: about a second, a backtracking reader takes minutes


@pytest.mark.parametrize("text, start, end", [
    ("Un incident technique entre 5h et 7h a privé les abonnés de réseau.", "2021-03-10 05:00", "2021-03-10 07:00"),
    ("La panne, survenue entre 5 heures et 7 heures du matin, a touché les commerces.", "2021-03-10 05:00", "2021-03-10 07:00"),
    ("La panne a duré de 9h à 14h mercredi.", "2021-03-10 09:00", "2021-03-10 14:00"),
    ("Die Störung dauerte von 14 bis 17 Uhr.", "2021-03-10 14:00", "2021-03-10 17:00"),
    ("Zwischen 14 und 17 Uhr war das Netz gestört.", "2021-03-10 14:00", "2021-03-10 17:00"),
])
def test_a_french_or_german_range_is_one_span(text, start, end):
    [found] = [r for r in read_times(text, PARIS) if r.time]
    assert (found.time, found.until) == (start, end)


def test_a_french_range_of_a_failure_drafts_the_impact_window(tmp_path):
    story = tmp_path / "bbox.txt"
    story.write_text("Un incident technique entre 5h et 7h a privé les abonnés de réseau. "
                     "Peu avant 7 heures, un retour progressif du réseau a été observé.\n", encoding="utf-8")
    out = io.StringIO()
    assert main(["extract", str(story), "--published", "2021-03-10", "--tz", "Europe/Paris", "--incident", "bbox",
                 "--source", "Le Journal", "--kind", "outage", "--out", "-"], stdout=out, stderr=io.StringIO()) == 0
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert sorted((r["kind"], r["time"], r["bound"]) for r in rows) == [
        ("impact_start", "2021-03-10 05:00", ""), ("recovery", "2021-03-10 07:00", "not_after"),
        ("resolution", "2021-03-10 07:00", "")]  # the incident's end, as the operator writes it
    assert all(r["event"].isascii() for r in rows)


@pytest.mark.parametrize("text, bound", [("Peu avant 7 heures, le réseau est revenu.", "not_after"),
                                         ("Kurz vor 17 Uhr war das Netz wieder erreichbar.", "not_after")])
def test_just_before_a_foreign_clock_is_a_bound(text, bound):
    [found] = read_times(text, PARIS)
    assert (found.kind, found.bound) == ("clock", bound)


@pytest.mark.parametrize("text, start, end", [
    ("El servicio falló entre las 9 y las 14 horas.", "2021-03-10 09:00", "2021-03-10 14:00"),
    ("Desde las 20:30 hasta las 21:05 no hubo luz.", "2021-03-10 20:30", "2021-03-10 21:05"),
    ("La red cayó de las 9 a las 14 horas.", "2021-03-10 09:00", "2021-03-10 14:00"),
])
def test_spanish_ranges_with_their_articles_are_one_span(text, start, end):
    [found] = read_times(text, PARIS)
    assert (found.time, found.until) == (start, end)


AMSTERDAM = Context(date(2019, 6, 25), "Europe/Amsterdam")


@pytest.mark.parametrize("text, time, until", [
    ("Het alarmnummer 112 was maandagavond rond 17.00 uur onbereikbaar.", "2019-06-24 17:00", ""),
    ("Om 20.30 uur werkte 112 weer.", "2019-06-25 20:30", ""),
    ("De storing duurde van 16.00 tot 20.30 uur.", "2019-06-25 16:00", "2019-06-25 20:30"),
    ("Tussen 17.00 en 20.30 uur lag 112 plat.", "2019-06-25 17:00", "2019-06-25 20:30"),
    ("Gisteravond om 21 uur viel het netwerk uit.", "2019-06-24 21:00", ""),
])
def test_dutch_clocks_dates_and_ranges(text, time, until):
    [found] = read_times(text, AMSTERDAM)
    assert (found.time, found.until) == (time, until)


@pytest.mark.parametrize("text, offset, bound", [
    ("Ruim drie uur later was alles hersteld.", 180, "not_before"),
    ("Na drie uur was de storing verholpen.", 180, ""),
    ("Het netwerk lag drie uur lang plat.", 180, ""),
])
def test_dutch_lengths(text, offset, bound):
    [found] = read_times(text, AMSTERDAM)
    assert (found.offset_min, found.bound) == (offset, bound)


@pytest.mark.parametrize("text", ["The van 1.2 release shipped.", "A van of 20 people arrived.", "Drie uur later."])
def test_an_hour_as_a_length_or_a_van_is_no_dutch_clock(text):
    assert all(not r.time for r in read_times(text, AMSTERDAM))


@pytest.mark.parametrize("before, after, kind", [
    ("Het alarmnummer was ", " onbereikbaar door een storing.", "impact_start"),
    ("Om ", " was de storing verholpen.", "recovery"),
    ("Een woordvoerder van KPN zei ", " dat er hard gewerkt wordt.", "communication"),
])
def test_kinds_from_dutch_clauses(before, after, kind):
    assert guess_kind((before, after), live=False)[0] == kind


@pytest.mark.parametrize("before, after, kind, bound", [
    # the time inside the predicate that says what became of the failure: its end
    ("De storing is maandagavond rond ", " uur grotendeels verholpen.", "recovery", ""),
    ("Die Störung ist seit ", " Uhr behoben.", "recovery", ""),
    # a state that lasts at the time: the recovery after it
    ("I server sono ad ora (ore ", ") ancora fuori uso.", "recovery", "not_before"),
    ("Le réseau était à ", " toujours en panne.", "recovery", "not_before"),
    ("Het alarmnummer was om ", " uur nog steeds onbereikbaar.", "recovery", "not_before"),
    # the outage's own time, not its end
    ("The outage at ", " was fixed an hour later.", "impact_start", ""),
])
def test_a_failure_named_before_its_time_and_what_became_of_it(before, after, kind, bound):
    from incident.timetext.kinds import classify

    guess = classify((before, after), live=False)
    assert (guess.kind, guess.bound) == (kind, bound)


ROME = Context(date(2011, 4, 29), "Europe/Rome")


@pytest.mark.parametrize("text, time, uncertainty", [
    ("Tutto è cominciato intorno alle 4,30, quando sono intervenuti i vigili del fuoco.", "2011-04-29 04:30", 5),
    ("Alle 10,30 la prima sala è tornata attiva.", "2011-04-29 10:30", None),
    ("Sono le 7.45 e ancora non è stato riattivato niente.", "2011-04-29 07:45", None),
    ("Aruba ha aperto un account verso le 7 di oggi.", "2011-04-29 07:00", 5),
    ("I siti sono non funzionanti dalle 4 di questa mattina.", "2011-04-29 04:00", None),
    ("La seconda sala è stata rimessa in funzione attorno a mezzogiorno.", "2011-04-29 12:00", 5),
    ("La posta è ancora fuori uso (ore 11:20).", "2011-04-29 11:20", None),
    ("Abbiamo ricevuto 300mila domande alle 8.30 circa.", "2011-04-29 08:30", 5),
    ("Il servizio è ripreso giovedì 28 aprile alle ore 17.00.", "2011-04-28 17:00", None),
    ("Il blackout è iniziato ieri sera alle 22.", "2011-04-28 22:00", None),
    ("El apagón terminó a las 8.30.", "2011-04-29 08:30", None),  # Spanish writes the same article of the hour
])
def test_italian_clocks_and_dates(text, time, uncertainty):
    [found] = [r for r in read_times(text, ROME) if r.time and len(r.time) > 10]
    assert (found.time, found.uncertainty_min) == (time, uncertainty)


@pytest.mark.parametrize("text", ["Il premio va alle 3 aziende migliori.", "Il caffè costa 4,30 euro.",
                                  "The release moved from 1.11 to 1.13."])
def test_a_count_after_an_article_or_a_price_is_no_italian_clock(text):
    assert all(len(r.time or "") <= 10 for r in read_times(text, ROME))


@pytest.mark.parametrize("text, offset, bound", [
    ("L'incendio è stato spento in circa tre ore.", 180, ""),
    ("Dopo due ore il sito è tornato a funzionare.", 120, ""),
    ("Il sito è rimasto irraggiungibile per più di tre ore.", 180, "not_before"),
    ("Tre ore dopo il sito era di nuovo online.", 180, ""),
])
def test_italian_lengths(text, offset, bound):
    [found] = [r for r in read_times(text, ROME) if r.kind == "relative"]
    assert (found.offset_min, found.bound) == (offset, bound)


@pytest.mark.parametrize("before, after, kind", [
    ("Il sito è andato in tilt alle ", ".", "impact_start"),
    ("Il servizio è stato ripristinato alle ", ".", "recovery"),
    ("Alle ", " è stata completamente ripristinata l'alimentazione.", "resolution"),
    ("Sono le ", " e ancora non è stato riattivato niente.", "recovery"),
    ("L'azienda ha dichiarato alle ", " che i dati sono al sicuro.", "communication"),
    ("Le richieste sono aperte a partire dalle ", ".", "impact_start"),
])
def test_kinds_from_italian_clauses(before, after, kind):
    assert guess_kind((before, after), live=False)[0] == kind


def test_an_italian_story_drafts_a_timeline_that_validates(tmp_path):
    story = tmp_path / "giornale.txt"
    story.write_text("Venerdì 29 aprile 2011. Un incendio ha bloccato la server farm di Aruba intorno alle 4,30.\n\n"
                     "Alle 10,30 la prima sala server è tornata attiva; alle 15,30 è stata completamente ripristinata "
                     "l'alimentazione dell'intera struttura.\n", encoding="utf-8")
    events = tmp_path / "events.csv"
    assert main(["extract", str(story), "--incident", "aruba", "--tz", "Europe/Rome", "--kind", "outage",
                 "--published", "2011-04-29", "--out", str(events)], stdout=io.StringIO(), stderr=io.StringIO()) == 0
    rows = list(csv.DictReader(io.StringIO(events.read_text(encoding="utf-8"))))
    assert [(r["kind"], r["time"]) for r in rows] == [
        ("impact_start", "2011-04-29 04:30"), ("recovery", "2011-04-29 10:30"), ("resolution", "2011-04-29 15:30")]
    assert main(["validate", str(events)], stdout=io.StringIO(), stderr=io.StringIO()) == 0


BRASILIA = Context(date(2025, 5, 13), "America/Sao_Paulo")


@pytest.mark.parametrize("text, time, uncertainty", [
    ("O Pix voltou a funcionar por volta das 11h30, segundo o Banco Central.", "2025-05-13 11:30", 5),
    ("A instabilidade começou às 9h15 desta segunda-feira (12).", "2025-05-12 09:15", None),
    ("O aplicativo caiu ao meio-dia de ontem.", "2025-05-12 12:00", None),
    ("O serviço ficou fora do ar às 22h de domingo.", "2025-05-11 22:00", None),
    ("O sistema foi restabelecido às 14:20 do dia 12 de maio de 2025.", "2025-05-12 14:20", None),
])
def test_portuguese_clocks_and_dates(text, time, uncertainty):
    [found] = [r for r in read_times(text, BRASILIA) if r.time and len(r.time) > 10]
    assert (found.time, found.uncertainty_min) == (time, uncertainty)


@pytest.mark.parametrize("text, offset, bound", [
    ("A instabilidade durou cerca de duas horas.", 120, ""),
    ("O serviço voltou três horas depois.", 180, ""),
    ("O aplicativo ficou fora do ar por mais de três horas.", 180, "not_before"),
])
def test_portuguese_lengths(text, offset, bound):
    [found] = [r for r in read_times(text, BRASILIA) if r.kind == "relative"]
    assert (found.offset_min, found.bound) == (offset, bound)


@pytest.mark.parametrize("text", ["The segunda time we tried, it worked.", "Select the item in the left pane at 10:05 UTC.",
                                  "Um, the meeting ran long."])
def test_portuguese_words_that_look_english_stay_english(text):
    assert all(r.kind != "day" for r in read_times(text, BRASILIA))
    assert guess_kind(("Select the item in the left pane at ", "."), live=False)[0] != "impact_start"


@pytest.mark.parametrize("before, after, kind", [
    ("O Pix ficou fora do ar às ", ".", "impact_start"),
    ("O serviço foi restabelecido às ", ".", "recovery"),
    ("Às ", " o sistema foi totalmente restabelecido.", "resolution"),
    ("Em nota, o banco informou às ", " que investiga o caso.", "communication"),
])
def test_kinds_from_portuguese_clauses(before, after, kind):
    assert guess_kind((before, after), live=False)[0] == kind


BUCHAREST = Context(date(2016, 9, 12), "Europe/Bucharest")


@pytest.mark.parametrize("text, time, bound", [
    ("Primele probleme au început să apară după ora 13.00.", "2016-09-12 13:00", "not_before"),
    ("Serviciile au fost restabilite la ora 23:00.", "2016-09-12 23:00", ""),
    ("Sistemul a picat înainte de ora 9.30.", "2016-09-12 09:30", "not_after"),
])
def test_romanian_clocks(text, time, bound):
    [found] = read_times(text, BUCHAREST)
    assert (found.time, found.bound) == (time, bound)


@pytest.mark.parametrize("text, kind, day", [
    ("Sâmbătă 10 septembrie, serviciile băncii au fost indisponibile.", "impact_start", "2016-09-10"),
    ("Clienţii nu au putut retrage numerar sâmbătă.", "impact_start", "2016-09-10"),
    ("Serviciile au fost restabilite duminică.", "recovery", "2016-09-11"),
])
def test_romanian_days_and_kinds(text, kind, day):
    rows = draft(text, BUCHAREST, Cells("x", "s", live=False)).rows
    assert [(r["kind"], r["time"]) for r in rows] == [(kind, day)]


def test_a_spanish_approximation_before_the_hour_s_article_and_a_presale_that_opened():
    got = read("Aproximadamente a las 12:55, algunos usuarios accedieron a la cola.", Context(date(2025, 5, 16), "Europe/Madrid"))
    assert [(words, time[11:], u) for words, time, _, u in got] == [("Aproximadamente a las 12:55", "12:55", 5)]
    assert guess_kind(("La expectación era palpable este jueves a las ", ", cuando se abrió la preventa de entradas."),
                      live=True)[0] == "scheduled_start"


def test_a_german_length_before_its_state_and_a_morning_of_the_day_spoken_of():
    berlin = Context(date(2024, 4, 4), "Europe/Berlin")
    got = [(r.as_reported, r.kind, r.offset_min) for r in read_times(
        "Zahlen mit der Girocard seien am Vormittag für etwa 2 Stunden nicht möglich gewesen.", berlin, days=True)]
    assert got == [("am Vormittag", "day", None), ("für etwa 2 Stunden", "relative", 120)]
    assert read_times("Wir haben für zwei Stunden bezahlt.", berlin) == []  # no state after it: no length of an outage
    assert guess_kind(("Auf der Website ist ein starker Anstieg der Fehlermeldungen ab ", " erkennbar."))[0] == "report"
