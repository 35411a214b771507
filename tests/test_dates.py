"""Dates: the site's formats read day first, ranges and guesses refused."""

from __future__ import annotations

from datetime import date

import pytest

from crawler.extract.dates import date_only, find_dates, parse_date

JULY_10 = date(2020, 7, 10)


@pytest.mark.parametrize(
    "raw",
    [
        "10.07.2020", "10.07.2020 14:35", "10/07/2020", "10 July 2020", "July 10, 2020",
        "10 Jul 2020", "Friday, 10 July 2020, 14:35", "10 июля 2020 г.", "10 июля 2020 года",
        "10 Июля 2020", "2020-07-10", "2020-07-10T14:35:00+03:00", "Date: 10.07.2020",
        "10.07.20", "10-07-2020", "2020.07.10", "Пятница, 10 июля 2020", "10 июля 2020 года, 14:35",
    ],
)
def test_known_formats_read_day_first(raw: str) -> None:
    assert parse_date(raw) == JULY_10


@pytest.mark.parametrize(
    "raw",
    ["From 22 to 26 April 2024", "July 1-2, 2020", "с 22 по 26 апреля 2024 года",
     "today", "сегодня", "yesterday", "April", "", "   ", "32.13.2020", "10.07.1890",
     "no date at all", "3.14.15", "07/32/2020", "version 1.2.3", "22 - 26 April 2024",
     "22–26 апреля 2024 года"],
)
def test_ranges_relative_words_and_nonsense_are_never_dates(raw: str) -> None:
    assert parse_date(raw) is None


def test_fallback_to_dateparser_for_unlisted_shapes() -> None:
    assert parse_date("10th of July, 2020") == JULY_10


@pytest.mark.parametrize("raw", ["10 07 2020 года", "10 07 2020 14:35 MSK"])
def test_fallback_reads_unlisted_numeric_shapes_day_first(raw: str) -> None:
    assert parse_date(raw) == JULY_10  # dateparser, told DMY: not 7 October


EN_MONTHS = ("January February March April May June July August September October "
             "November December").split()
RU_MONTHS = ("января февраля марта апреля мая июня июля августа сентября октября "
             "ноября декабря").split()
RU_NOMINATIVE = ("январь февраль март апрель май июнь июль август сентябрь октябрь "
                 "ноябрь декабрь").split()


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_name_reads_as_its_month(month: int) -> None:
    expected = date(2020, month, 3)
    for name in (EN_MONTHS[month - 1], EN_MONTHS[month - 1][:3], RU_MONTHS[month - 1],
                 RU_NOMINATIVE[month - 1]):
        assert parse_date(f"3 {name} 2020") == expected, name
    assert parse_date(f"{EN_MONTHS[month - 1]} 3, 2020") == expected


def test_range_end_inside_text_is_skipped_but_later_date_found() -> None:
    text = "From 22 to 26 April 2024 the meeting ran; the report is dated 30.04.2024."
    assert [m.value for m in find_dates(text)] == [date(2024, 4, 30)]


def test_date_only_accepts_a_date_line_not_a_sentence() -> None:
    line = date_only(" 10.07.2020 ")
    assert line is not None and (line.value, line.raw) == (JULY_10, "10.07.2020")
    labelled = date_only("Опубликовано: 10 июля 2020 г., 14:35")
    assert labelled is not None and labelled.value == JULY_10
    assert labelled.raw == "10 июля 2020 г., 14:35"
    assert date_only("The summit was held on 10 July 2020 in Minsk") is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Fri, 07/10/2020 - 14:35", date(2020, 7, 10)),  # only a Friday as 10 July
        ("Пт, 10.07.2020 - 14:35", date(2020, 7, 10)),  # a time after a dash is no range
        ("04/22/2024", date(2024, 4, 22)),  # month 22 does not exist: one reading only
        ("07/10/2020", date(2020, 10, 7)),  # ambiguous: day first, as the site writes
    ],
)
def test_numeric_dates_read_month_first_only_when_nothing_else_fits(raw: str, expected) -> None:
    assert parse_date(raw) == expected
