from datetime import date

import pytest

from communique.timex import article_time, clause_tense, find_times, normalize, parse_published

TUESDAY = date(2023, 2, 28)  # a Tuesday, last day of a non-leap February


def resolved(text, anchor=TUESDAY, tense="past"):
    ref = normalize(text, anchor, tense)
    return None if ref is None else (ref.value, ref.granularity)


@pytest.mark.parametrize(
    ("text", "value", "granularity"),
    [
        ("on Tuesday", "2023-02-28", "day"),  # the article's own weekday is that day
        ("Tuesday", "2023-02-28", "day"),
        ("Monday", "2023-02-27", "day"),
        ("on Wednesday", "2023-02-22", "day"),
        ("last Friday", "2023-02-24", "day"),
        ("last Tuesday", "2023-02-21", "day"),
        ("next Tuesday", "2023-03-07", "day"),
        ("Tuesday night", "2023-02-28", "day"),
        ("late Sunday", "2023-02-26", "day"),
        ("Tuesday's", "2023-02-28", "day"),
        ("today", "2023-02-28", "day"),
        ("tonight", "2023-02-28", "day"),
        ("yesterday", "2023-02-27", "day"),
        ("last night", "2023-02-27", "day"),
        ("tomorrow", "2023-03-01", "day"),
        ("this week", "2023-02-27", "week"),
        ("last week", "2023-02-20", "week"),
        ("next week", "2023-03-06", "week"),
        ("earlier this week", "2023-02-27", "week"),
        ("this month", "2023-02", "month"),
        ("last month", "2023-01", "month"),
        ("next month", "2023-03", "month"),
        ("earlier this month", "2023-02", "month"),
        ("later this month", "2023-02", "month"),
        ("this year", "2023", "year"),
        ("last year", "2022", "year"),
        ("late last year", "2022", "year"),
        ("next year", "2024", "year"),
        ("earlier this year", "2023", "year"),
        ("later this year", "2023", "year"),
        ("in 2020", "2020", "year"),
        ("in 1991", "1991", "year"),
        ("since 1994", "1994", "year"),
        ("mid-2020", "2020", "year"),
        ("in March", "2022-03", "month"),  # past: the most recent March on or before February 2023
        ("in February", "2023-02", "month"),
        ("in early January", "2023-01", "month"),
        ("last March", "2022-03", "month"),
        ("in March 2021", "2021-03", "month"),
        ("March of 2021", "2021-03", "month"),
        ("March 5", "2022-03-05", "day"),
        ("on March 5", "2022-03-05", "day"),
        ("Feb. 14", "2023-02-14", "day"),
        ("March 5, 2021", "2021-03-05", "day"),
        ("Friday, March 5, 2021", "2021-03-05", "day"),
        ("5 March 2021", "2021-03-05", "day"),
        ("the 5th of March, 2021", "2021-03-05", "day"),
        ("2021-03-05", "2021-03-05", "day"),
        ("in the spring", "2022-03", "season"),
        ("this spring", "2023-03", "season"),
        ("last spring", "2022-03", "season"),
        ("next spring", "2023-03", "season"),
        ("in the summer of 2021", "2021-06", "season"),
        ("fall 2019", "2019-09", "season"),
        ("autumn", "2022-09", "season"),
        ("more than a year ago", "2022-02", "month"),
        ("a year ago", "2022-02", "month"),
        ("two years ago", "2021", "year"),
        ("nearly five years ago", "2018", "year"),
        ("five months ago", "2022-09", "month"),
        ("three weeks ago", "2023-02-06", "week"),
        ("a week ago", "2023-02-20", "week"),
        ("10 days ago", "2023-02-18", "day"),
        ("48 hours ago", "2023-02-26", "day"),
        ("a few days ago", "2023-02-20", "week"),
        ("days ago", "2023-02-20", "week"),
        ("a decade ago", "2013", "year"),
        ("the 1990s", "1990", "decade"),
        ("the early 2000s", "2000", "decade"),
        ("the 1990's", "1990", "decade"),
        ("the '90s", "1990", "decade"),
        ("last decade", "2010", "decade"),
        ("this decade", "2020", "decade"),
    ],
)
def test_normalize_against_a_tuesday(text, value, granularity):
    assert resolved(text) == (value, granularity)


def test_the_original_words_are_kept():
    ref = normalize("  more than a year ago ", TUESDAY)
    assert ref.text == "more than a year ago"
    assert (ref.start, ref.end, ref.from_article) == (None, None, False)


@pytest.mark.parametrize(
    "text",
    [
        "three-day",
        "a three-day visit",
        "for two years",
        "two years",
        "68-year-old",
        "24 hours",
        "a decade",
        "more than a decade",
        "recent years",
        "yearlong",
        "30-day",
        "the past week",
        "the day",
        "2,400",
        "",
    ],
)
def test_durations_ages_and_vague_spans_are_not_time_points(text):
    assert normalize(text, TUESDAY) is None


def test_vague_years_stay_unresolved():
    assert resolved("years ago") == (None, "year")
    assert resolved("decades ago") == (None, "year")


class TestYearBoundary:
    ANCHOR = date(2024, 1, 2)  # a Tuesday

    @pytest.mark.parametrize(
        ("text", "value", "granularity"),
        [
            ("last month", "2023-12", "month"),
            ("on Friday", "2023-12-29", "day"),
            ("in December", "2023-12", "month"),
            ("December 30", "2023-12-30", "day"),
            ("yesterday", "2024-01-01", "day"),
            ("this week", "2024-01-01", "week"),
            ("last week", "2023-12-25", "week"),
            ("last year", "2023", "year"),
            ("a year ago", "2023-01", "month"),
            ("two months ago", "2023-11", "month"),
            ("three weeks ago", "2023-12-11", "week"),
            ("this winter", "2023-12", "season"),
            ("in the winter", "2023-12", "season"),
            ("last winter", "2022-12", "season"),
            ("last decade", "2010", "decade"),
        ],
    )
    def test_past(self, text, value, granularity):
        assert resolved(text, self.ANCHOR) == (value, granularity)

    def test_future_crosses_into_the_next_year(self):
        assert resolved("in December", date(2023, 12, 20), "future") == ("2023-12", "month")
        assert resolved("in January", date(2023, 12, 20), "future") == ("2024-01", "month")
        assert resolved("tomorrow", date(2023, 12, 31)) == ("2024-01-01", "day")
        assert resolved("next month", date(2023, 12, 31)) == ("2024-01", "month")
        assert resolved("next week", date(2023, 12, 28)) == ("2024-01-01", "week")


class TestWeekBoundary:
    SUNDAY = date(2021, 5, 23)
    MONDAY = date(2021, 5, 24)

    def test_weeks_start_on_monday(self):
        assert resolved("this week", self.SUNDAY) == ("2021-05-17", "week")
        assert resolved("this week", self.MONDAY) == ("2021-05-24", "week")
        assert resolved("last week", self.MONDAY) == ("2021-05-17", "week")
        assert resolved("this weekend", self.SUNDAY) == ("2021-05-17", "week")
        assert resolved("last weekend", self.MONDAY) == ("2021-05-17", "week")

    def test_weekdays_around_the_turn_of_the_week(self):
        assert resolved("on Monday", self.MONDAY) == ("2021-05-24", "day")
        assert resolved("on Sunday", self.MONDAY) == ("2021-05-23", "day")
        assert resolved("last Monday", self.MONDAY) == ("2021-05-17", "day")
        assert resolved("next Monday", self.MONDAY) == ("2021-05-31", "day")
        assert resolved("on Saturday", self.SUNDAY) == ("2021-05-22", "day")


class TestLeapYears:
    def test_february_29(self):
        assert resolved("yesterday", date(2024, 3, 1)) == ("2024-02-29", "day")
        assert resolved("Feb. 29", date(2023, 3, 1)) == ("2020-02-29", "day")
        assert resolved("February 29", date(2024, 3, 1), "future") == ("2028-02-29", "day")
        assert resolved("February 29, 2024") == ("2024-02-29", "day")
        assert resolved("February 29, 2023") is None
        assert resolved("2023-02-29") is None
        assert resolved("February 30") is None

    def test_counting_back_over_a_leap_day(self):
        assert resolved("a year ago", date(2024, 2, 29)) == ("2023-02", "month")
        assert resolved("two days ago", date(2024, 3, 1)) == ("2024-02-28", "day")
        assert resolved("one week ago", date(2024, 3, 7)) == ("2024-02-26", "week")
        assert resolved("four years ago", date(2024, 2, 29)) == ("2020", "year")


class TestFutureTense:
    def test_weekdays_are_the_next_such_day_after_the_article_date(self):
        assert resolved("on Friday", TUESDAY, "future") == ("2023-03-03", "day")
        assert resolved("Tuesday", TUESDAY, "future") == ("2023-03-07", "day")
        assert resolved("Wednesday", TUESDAY, "future") == ("2023-03-01", "day")
        assert resolved("last Friday", TUESDAY, "future") == ("2023-02-24", "day")

    def test_months_and_seasons_ahead(self):
        assert resolved("in March", TUESDAY, "future") == ("2023-03", "month")
        assert resolved("in February", TUESDAY, "future") == ("2023-02", "month")
        assert resolved("in January", TUESDAY, "future") == ("2024-01", "month")
        assert resolved("March 5", TUESDAY, "future") == ("2023-03-05", "day")
        assert resolved("in the spring", TUESDAY, "future") == ("2023-03", "season")
        assert resolved("in the fall", TUESDAY, "future") == ("2023-09", "season")

    def test_inside_a_season(self):
        april = date(2023, 4, 15)
        assert resolved("in the spring", april) == ("2023-03", "season")
        assert resolved("in the spring", april, "future") == ("2023-03", "season")
        assert resolved("last spring", april) == ("2022-03", "season")
        assert resolved("next spring", april) == ("2024-03", "season")
        assert resolved("in the fall", april) == ("2022-09", "season")
        assert resolved("this winter", date(2023, 11, 10)) == ("2023-12", "season")

    def test_absolute_expressions_ignore_tense(self):
        assert resolved("in 2020", TUESDAY, "future") == ("2020", "year")
        assert resolved("next month", TUESDAY, "future") == ("2023-03", "month")


class TestNoArticleDate:
    @pytest.mark.parametrize(
        ("text", "granularity"),
        [
            ("on Tuesday", "day"),
            ("yesterday", "day"),
            ("last week", "week"),
            ("last month", "month"),
            ("earlier this month", "month"),
            ("in March", "month"),
            ("March 5", "day"),
            ("in the spring", "season"),
            ("last year", "year"),
            ("more than a year ago", "month"),
            ("two years ago", "year"),
            ("last decade", "decade"),
        ],
    )
    def test_relative_expressions_stay_unresolved(self, text, granularity):
        ref = normalize(text, None)
        assert (ref.value, ref.granularity, ref.text) == (None, granularity, text)

    @pytest.mark.parametrize(
        ("text", "value", "granularity"),
        [
            ("in 1991", "1991", "year"),
            ("March 5, 2021", "2021-03-05", "day"),
            ("in March 2021", "2021-03", "month"),
            ("the summer of 2021", "2021-06", "season"),
            ("the 1990s", "1990", "decade"),
            ("2021-03-05", "2021-03-05", "day"),
        ],
    )
    def test_absolute_expressions_still_resolve(self, text, value, granularity):
        assert resolved(text, None) == (value, granularity)


def test_parse_published():
    assert parse_published("2023-02-28") == TUESDAY
    assert parse_published("2023-02-28T09:30:00Z") == TUESDAY
    assert parse_published(None) is None
    assert parse_published("") is None
    assert parse_published("yesterday") is None
    assert parse_published("2023-02-30") is None


def test_article_time_stands_in_for_a_missing_expression():
    ref = article_time("2023-02-28T09:30:00Z")
    assert (ref.value, ref.granularity, ref.text, ref.from_article) == ("2023-02-28", "day", None, True)
    assert article_time(None) is None


# find_times on parsed text ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def nlp():
    from communique.nlp import load_pipeline

    return load_pipeline()


def times(nlp, text, published="2023-02-28"):
    doc = nlp(text)
    found = find_times(doc, published)
    for ref in found:
        assert doc.text[ref.start : ref.end] == ref.text
    return [(ref.text, ref.value, ref.granularity) for ref in found]


def test_find_times_in_a_report(nlp):
    text = (
        "The prime minister of Ruritania arrived in Vienna on Tuesday for a three-day visit. "
        "Her predecessor, a 71-year-old lawyer who had led the country since 1994, signed the treaty "
        "more than a year ago, and the two governments upgraded their ties in 2022."
    )
    assert times(nlp, text) == [
        ("Tuesday", "2023-02-28", "day"),
        ("1994", "1994", "year"),
        ("more than a year ago", "2022-02", "month"),
        ("2022", "2022", "year"),
    ]


def test_offsets_point_into_the_text(nlp):
    text = "Talks resumed on Monday."
    doc = nlp(text)
    (ref,) = find_times(doc, "2023-02-28")
    assert (ref.start, ref.end) == (text.index("Monday"), text.index("Monday") + len("Monday"))


def test_the_governing_verb_decides_the_tense(nlp):
    assert times(nlp, "The foreign minister will travel to Oslo on Friday.") == [
        ("Friday", "2023-03-03", "day")
    ]
    assert times(nlp, "The foreign minister traveled to Oslo on Friday.") == [("Friday", "2023-02-24", "day")]
    assert times(nlp, "The king is expected to visit the capital on Friday.") == [
        ("Friday", "2023-03-03", "day")
    ]
    assert times(nlp, "The chancellor is expected to make a state visit to Rome in the spring.") == [
        ("the spring", "2023-03", "season")
    ]
    assert times(nlp, "The chancellor made a state visit to Rome in the spring.") == [
        ("the spring", "2022-03", "season")
    ]
    assert times(nlp, "The talks are scheduled to open in March.") == [("March", "2023-03", "month")]
    assert times(nlp, "The talks opened in March.") == [("March", "2022-03", "month")]


def test_the_day_of_saying_is_past_even_when_the_content_is_future(nlp):
    text = "The spokesman said on Monday that the government would respond."
    assert times(nlp, text) == [("Monday", "2023-02-27", "day")]


def test_clause_tense(nlp):
    doc = nlp("The envoy will meet rebels on Sunday, after he met officials on Saturday.")
    assert clause_tense(doc[6]) == "future"  # Sunday
    assert clause_tense(doc[-2]) == "past"  # Saturday


def test_durations_and_counts_are_skipped(nlp):
    text = (
        "The 68-year-old leader began a three-day visit after two years of talks. "
        "The number of refugees rose to 2000 within 24 hours, after the fall of the capital. "
        "Protesters may march again."
    )
    assert times(nlp, text) == []


def test_many_forms_in_running_text(nlp):
    text = (
        "Troops withdrew three weeks ago. The accord of March 5, 2021, was renewed on 2022-06-01 and "
        "amended earlier this month. Unrest grew through the 1990s, and exports fell last year."
    )
    assert times(nlp, text) == [
        ("three weeks ago", "2023-02-06", "week"),
        ("March 5, 2021", "2021-03-05", "day"),
        ("2022-06-01", "2022-06-01", "day"),
        ("earlier this month", "2023-02", "month"),
        ("the 1990s", "1990", "decade"),
        ("last year", "2022", "year"),
    ]


def test_without_an_article_date(nlp):
    text = "The treaty was signed in 1991 and the minister resigned on Tuesday."
    assert times(nlp, text, published=None) == [("1991", "1991", "year"), ("Tuesday", None, "day")]
