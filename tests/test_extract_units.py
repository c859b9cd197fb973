"""Unit tests of the extractor's pieces: the date grammar, quantities and event names."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kg.extract import canonical_name, extract_text
from kg.quantities import find_quantities, parse_number
from kg.textdates import find_dates, item_date

ANCHOR = dt.date(2024, 9, 4)  # a Wednesday


def _one(text: str, anchor: dt.date | None = ANCHOR) -> tuple[str | None, str | None]:
    ds = find_dates(text, anchor)
    assert ds, f"no date in {text!r}"
    d = ds[0]
    return (str(d.begin) if d.begin else None, str(d.finish) if d.finish else None)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("From 3 to 6 September, units are regrouping", ("2024-09-03", "2024-09-06")),
        ("held from 30 May to 3 June 2016 in Dushanbe", ("2016-05-30", "2016-06-03")),
        ("which took place on May 28 - June 1, 2018, with", ("2018-05-28", "2018-06-01")),
        ("On September 3, 2024 in Moscow", ("2024-09-03", "2024-09-03")),
        ("took place in Minsk on 11-12 October.", ("2024-10-11", "2024-10-12")),
        ("In the period from 10 to 14 October 2022, the", ("2022-10-10", "2022-10-14")),
        ("Aug. 26–29, in the Almaty region", ("2024-08-26", "2024-08-29")),
        ("On 15 June the Secretary General met", ("2024-06-15", "2024-06-15")),
        ("The stage passed in September.", ("2024-09", "2024-09")),
        ("in October 2019 the final stage", ("2019-10", "2019-10")),
        ("it will be held this year", ("2024", "2024")),
        ("has today given a briefing", ("2024-09-04", "2024-09-04")),
        ("On Monday at the Secretariat", ("2024-09-02", "2024-09-02")),
        ("On Wednesday the council met", ("2024-09-04", "2024-09-04")),
        ("The stage will last until June 11.", (None, "2024-06-11")),
        ("signed on 03.09.2024 in Astana", ("2024-09-03", "2024-09-03")),
        ("planned for 1-5 December", ("2024-12-01", "2024-12-05")),
    ],
)
def test_dates(text: str, expected: tuple[str | None, str | None]) -> None:
    assert _one(text) == expected


def test_day_month_long_after_the_item_is_last_year() -> None:
    # an item of 10 January reporting "from 20 to 24 December": December of the year before
    assert _one("from 20 to 24 December", dt.date(2024, 1, 10)) == ("2023-12-20", "2023-12-24")


def test_relative_dates_need_an_anchor() -> None:
    assert find_dates("On Monday the meeting took place this year", None) == []


def test_dates_offsets_index_the_text() -> None:
    text = "Later, from 3 to 6 September, they met."
    (d,) = find_dates(text, ANCHOR)
    assert text[d.start : d.end] == "from 3 to 6 September"


def test_item_date() -> None:
    assert item_date("05.09.2024") == dt.date(2024, 9, 5)
    assert item_date("Dushanbe, 06.06.2016") == dt.date(2016, 6, 6)
    assert item_date("31.02.2024") is None
    assert item_date("no date") is None


@pytest.mark.parametrize(
    "text, kg, comparator",
    [
        ("4 tons and 753 kg of opium", "4753", "exact"),
        ("1 ton 980 kg of hashish", "1980", "exact"),
        ("1 t 40 kg of opium", "1040", "exact"),
        ("1.3 tons of narcotic drugs", "1300", "exact"),
        ("116.495 kilograms of heroin", "116.495", "exact"),
        ("over 16,000 kilograms of narcotics", "16000", "at_least"),
        ("48,988 tons of narcotic drugs", "48988", "exact"),
        ("2,1 tons", "2100", "exact"),
        ("2,5 kg of synthetic drugs", "2.5", "exact"),
        ("some 6 tons of drugs", "6000", "about"),
        ("nearly 4.1 tonnes of hashish", "4100", "about"),
        ("about 14 tons of hashish", "14000", "about"),
        ("more than 83 kg of heroin", "83", "at_least"),
        ("up to 20 kg", "20", "at_most"),
        ("350 grams of cocaine", "0.35", "exact"),
        ("9 thousand kg", "9000", "exact"),
        ("1,200,000 g", "1200", "exact"),
    ],
)
def test_quantities(text: str, kg: str, comparator: str) -> None:
    (q,) = find_quantities(text)
    assert q.kg == Decimal(kg)
    assert q.comparator == comparator
    assert text[q.start : q.end] == q.as_written


def test_quantity_as_written_keeps_the_comparator() -> None:
    (q,) = find_quantities("During the stage over 5 tons of drugs were seized")
    assert q.as_written == "over 5 tons"


def test_no_quantity_in_counts() -> None:
    assert find_quantities("312 units of firearms and 1,500 servicemen at 10 am") == []


@pytest.mark.parametrize(
    "raw, unit, value",
    [
        ("21,617", "t", "21.617"),
        ("16,000", "kg", "16000"),
        ("2,5", "kg", "2.5"),
        ("1 500", "kg", "1500"),
        ("1.200.000", "g", "1200000"),
    ],
)
def test_parse_number(raw: str, unit: str, value: str) -> None:
    assert parse_number(raw, unit) == Decimal(value)


def test_canonical_names() -> None:
    assert canonical_name("kanal", None, 2018) == "Channel-2018"
    assert canonical_name("kanal", "Lovushka", 2021) == "Channel-Trap-2021"
    assert canonical_name("poisk", None, 2019) == "Search-2019"
    assert canonical_name("rubezh") == "Frontier"
    assert canonical_name("channel", "Zapad", 2019) == "Channel-West-2019"


@pytest.mark.parametrize(
    "phrase, name",
    [
        ("the operation «Kanal–2019» ended", "Channel-2019"),
        ("As part of this stage, Channel 2018, agencies worked", "Channel-2018"),
        ('the exercise "Vzaimodeistvie2019" was conducted', "Interaction-2019"),
        ("special training «Poisk-2022» (reconnaissance)", "Search-2022"),
        ("exercise «Rubezh-2023» with forces", "Frontier-2023"),
        ("the training “Grom-2019” took place", "Thunder-2019"),
        ("the exercise «Eshelon-2022» on logistics", "Echelon-2022"),
        ('the stage "Channel - Trap" of the operation', "Channel-Trap-2024"),
        ("The stage «Kanal-Zapad» passed", "Channel-West-2024"),
        ('the joint operation "PROXY-2022" (countering crime)', "PROXY-2022"),
        ('the exercise "Caspian Antiterror 2019" was held', "Caspian Antiterror-2019"),
    ],
)
def test_event_names(phrase: str, name: str) -> None:
    ex = extract_text(f"04.09.2024\n\n{phrase}.")
    assert name in [e["name"] for e in ex.events]


def test_ordinal_stage_is_part_of_its_edition() -> None:
    ex = extract_text(
        '06.06.2016\n\nThe first stage of the operation "Kanal-2016" was held from 30 May to '
        "3 June 2016 in Dushanbe."
    )
    by = {e["name"]: e for e in ex.events}
    stage = by["First stage of Channel-2016"]
    assert stage["type"] == "OperationStage"
    assert stage["part_of"] == by["Channel-2016"]["id"]
    assert (stage["start"], stage["end"]) == ("2016-05-30", "2016-06-03")
    assert (by["Channel-2016"]["start"], by["Channel-2016"]["end"]) == ("2016", "2016")
    assert stage["place"] == "Dushanbe" and stage["country"] == "TJK"


def test_compound_only_from_larger_to_smaller_unit() -> None:
    qs = find_quantities("heroin amounted to 240 kg, and 15 kg of cocaine; 2 kg 300 g")
    assert [(q.as_written, q.kg) for q in qs] == [
        ("240 kg", Decimal(240)),
        ("15 kg", Decimal(15)),
        ("2 kg 300 g", Decimal("2.3")),
    ]


def test_substance_before_its_figure() -> None:
    out = extract_text(
        "03.06.2022\n\nDuring the stage «Kanal-Yug» a total of 3.2 tons of drugs were seized. "
        "The amount of seized hashish exceeded 1.1 tons, heroin amounted to 240 kg. "
        "Uzbekistan accounted for 900 kg."
    ).to_json()
    got = {
        (z["substance"], z["kg"], z["qualifier"], z["scope"], z.get("state"))
        for e in out["events"]
        for z in e["seizures"]
    }
    assert got == {
        ("total", 3200, "exact", "total", None),
        ("hashish", 1100, "at_least", "breakdown", None),
        ("heroin", 240, "exact", "breakdown", None),
        ("total", 900, "exact", "national", "UZB"),
    }


def test_space_grouped_thousands_with_decimal_comma() -> None:
    qs = find_quantities("in all 2 318,5 kg of drugs and 12 000 kg of precursors")
    assert [q.kg for q in qs] == [Decimal("2318.5"), Decimal(12000)]


def test_between_day_and_day() -> None:
    assert _one("between 14 and 17 May the units") == ("2024-05-14", "2024-05-17")


def _events(text: str) -> list[dict]:
    return extract_text(text).to_json()["events"]


def _actors(ev: dict) -> dict[str, str]:
    return {p["actor"]: p["role"] for p in ev["participants"] if p["kind"] != "person"}


def test_territory_of_the_republic_is_a_national_share() -> None:
    evs = _events(
        "Stage «Kanal-Zapad» summed up in the Republic of Belarus\n\n05.07.2023\n\n"
        "From 26 to 30 June the internal affairs bodies of Belarus took part in the stage "
        "«Kanal-Zapad». On the territory of the republic 410,2 kg of drugs were withdrawn, "
        "among them:\nHashish – 300 kg\nPrecursors – 2,2 tons\n"
    )
    got = {
        (z["substance"], z["kg"], z["scope"], z.get("state")) for e in evs for z in e["seizures"]
    }
    assert got == {
        ("total", 410.2, "national", "BLR"),
        ("hashish", 300, "national", "BLR"),
        ("precursors", 2200, "national", "BLR"),
    }


def test_negated_states_in_lists_and_clauses() -> None:
    evs = _events(
        "12.03.2023\n\nOn 10 March in Minsk a meeting of the Council of Foreign Ministers of "
        "the CSTO was held. Ministers of Belarus, Kazakhstan and Russia took part. Armenia and "
        "Kyrgyzstan did not send delegations. The Tajik delegation did not attend."
    )
    states = {
        a
        for e in evs
        for a, _r in _actors(e).items()
        if len(a) == 3 and a.isupper() and a not in ("CIS", "SCO", "EAG")
    }
    assert states == {"BLR", "KAZ", "RUS"}


def test_data_source_and_publisher_are_not_participants() -> None:
    evs = _events(
        "CARICC: results of the week\n\n01.02.2024\n\nFrom 22 to 26 January 2024 the border "
        "guards of Kazakhstan and Uzbekistan conducted a joint operation «Steppe-2024». "
        "According to UNODC, 1,3 tons of drugs were seized during the operation."
    )
    assert evs and all("UNODC" not in _actors(e) and "CARICC" not in _actors(e) for e in evs)


def test_series_held_since_a_year_is_background() -> None:
    evs = _events(
        "03.03.2024\n\nOur police take part in the operation «Kanal» of the CSTO, "
        "which is held since 2003, and exchange information daily."
    )
    assert evs == []


def test_unknown_town_route_and_seat() -> None:
    evs = _events(
        "10.05.2024\n\nFrom 6 to 8 May 2024 in the Osh region of Kyrgyzstan, near Uzgen, the "
        "training course for customs officers was held under the auspices of the CSTO."
    )
    assert [(e["place"], e["country"]) for e in evs] == [("Uzgen", "KGZ")]
    evs = _events(
        "10.05.2024\n\nFrom 6 to 9 May 2024 the police of Kazakhstan and Russia carried out an "
        "international controlled delivery of heroin from Almaty to Kazan under the "
        "coordination of CARICC."
    )
    assert [(e["type"], e["place"]) for e in evs] == [("Operation", None)]
    assert _actors(evs[0])["CARICC"] == "coordinator"
    evs = _events(
        "The CSTO Secretariat informs\n\n10.05.2024\n\nOn 8 May the CSTO Secretary General "
        "received in the Secretariat the Ambassador of Serbia."
    )
    assert [(e["type"], e["start"], e["place"]) for e in evs] == [
        ("Meeting", "2024-05-08", "Moscow")
    ]


def test_signing_following_the_talks_takes_the_meeting_date() -> None:
    evs = _events(
        "Vienna, 6 March 2024\n\nOn 5 March 2024 the CSTO Secretary General and the UNODC "
        "Executive Director held a meeting in Vienna. Following the talks, they signed a "
        "Memorandum on joint trainings."
    )
    sig = [e for e in evs if e["type"] == "Other"]
    assert [(e["start"], e["place"]) for e in sig] == [("2024-03-05", "Vienna")]


def test_topic_and_implementer_roles() -> None:
    evs = _events(
        "15.03.2024\n\nOn 14 March in Minsk a meeting of the heads of border services of the "
        "CIS member states was held. Delegations of Belarus, Kazakhstan and Russia took part. "
        "The participants discussed cooperation with INTERPOL."
    )
    assert evs and all("INTERPOL" not in _actors(e) for e in evs)
    evs = _events(
        "15.03.2024\n\nFrom 11 to 14 March in Tashkent a training course on financial "
        "investigations for officers of Uzbekistan and Tajikistan took place. The course was "
        "implemented by UNODC in cooperation with the EAG."
    )
    assert _actors(evs[0])["UNODC"] == "organiser" and _actors(evs[0])["EAG"] == "participant"


def test_both_events_speak_of_the_last_two_named_events() -> None:
    evs = _events(
        "01.09.2025\n\nFrom 1 to 5 October the exercise «Rubezh-2025» will be held in "
        "Tajikistan. From 2 to 4 October the special training «Eshelon-2025» will take place. "
        "Both events will be held with the participation of observers from Serbia."
    )
    roles = {e["name"]: _actors(e).get("SRB") for e in evs}
    assert roles == {"Frontier-2025": "observer", "Echelon-2025": "observer"}
