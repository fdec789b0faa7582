"""The indicator charts' descriptions are Swedish sentences: the year before the value
(never "20 år 2024"), no "antal" after a number, Swedish decimals and grouping, and the
count of values in the singular or the plural."""

from decimal import Decimal

from kvinnofrid.plans.charts import describe, indicator_chart_svg
from kvinnofrid.plans.models import Indicator
from kvinnofrid.plans.reporting import IndicatorSeries


def series(points, **fields) -> IndicatorSeries:
    indicator = Indicator(pk=7, name="Kommuner med handlingsplan", unit="antal", **fields)
    points = [(year, Decimal(value)) for year, value in points]
    return IndicatorSeries(indicator, "Mål", "", points, "up" if len(points) > 1 else "")


def test_several_values_read_as_sentences_without_the_unit_antal():
    text = describe(
        series(
            [(2022, "14"), (2023, "17"), (2024, "1150")],
            baseline_value=Decimal(12),
            baseline_year=2021,
            target_value=Decimal(26),
            target_year=2027,
        )
    )
    assert text == (
        "3 uppmätta värden. År 2022 var värdet 14 och år 2024 var det 1\xa0150. "
        "Utgångsvärdet år 2021 var 12. Målet till år 2027 är 26."
    )


def test_one_value_is_singular_and_percentages_and_decimals_are_swedish():
    indicator_series = series([(2024, "52.5")])
    indicator_series.indicator.unit = "procent"
    assert describe(indicator_series) == "1 uppmätt värde. År 2024 var värdet 52,5 procent."


def test_an_indicator_without_values_says_so_and_its_chart_carries_the_words():
    svg = str(indicator_chart_svg(series([])))
    assert "<desc" in svg and "Inga uppmätta värden ännu." in svg
