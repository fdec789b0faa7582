"""From request parameters to a search, and from facet counts to labelled options: shared
by the public page (Swedish parameter names) and the API (English ones)."""

from dataclasses import dataclass

from django.utils.translation import gettext

from kvinnofrid.regions.models import County, TargetGroup, ViolenceArea

from .models import ResourceKind
from .search import NATIONAL, ResourceFilters, ResourceSearch

MAX_QUERY_LENGTH = 200
MAX_VALUES = 30  # per facet: enough for every real choice, bounded for a crafted URL

PAGE_PARAMS = {
    "q": "q",
    "type": "typ",
    "topic": "amne",
    "audience": "malgrupp",
    "county": "lan",
    "year": "ar",
    "order": "ordning",
    "page": "sida",
}
API_PARAMS = {name: name for name in PAGE_PARAMS}
NATIONAL_VALUES = {"nationell", "national"}


@dataclass(frozen=True)
class Vocabulary:
    """Slugs and codes of the filter values, loaded once per request (three queries)."""

    topics: list
    audiences: list
    counties: list

    @classmethod
    def load(cls) -> "Vocabulary":
        return cls(
            topics=list(ViolenceArea.objects.ordered()),
            audiences=list(TargetGroup.objects.ordered()),
            counties=list(County.objects.order_by("code")),
        )


def _values(params, name: str) -> list[str]:
    values = params.getlist(name)[:MAX_VALUES]
    return [v.strip() for v in values if v and v.strip()]


def search_from_params(params, *, names: dict, vocabulary: Vocabulary) -> ResourceSearch:
    """Unknown values are ignored rather than refused: a stale bookmark still gives a
    result."""
    kinds = tuple(v for v in _values(params, names["type"]) if v in ResourceKind.values)
    topic_by_slug = {t.slug: t.id for t in vocabulary.topics}
    audience_by_slug = {a.slug: a.id for a in vocabulary.audiences}
    county_by_key = {c.slug: c.id for c in vocabulary.counties}
    county_by_key.update({c.code: c.id for c in vocabulary.counties})
    county_ids = []
    for value in _values(params, names["county"]):
        if value.lower() in NATIONAL_VALUES:
            county_ids.append(NATIONAL)
        elif value in county_by_key:
            county_ids.append(county_by_key[value])
    years = tuple(int(v) for v in _values(params, names["year"]) if v.isdigit() and len(v) == 4)
    filters = ResourceFilters(
        kinds=kinds,
        topic_ids=tuple(
            topic_by_slug[v] for v in _values(params, names["topic"]) if v in topic_by_slug
        ),
        audience_ids=tuple(
            audience_by_slug[v] for v in _values(params, names["audience"]) if v in audience_by_slug
        ),
        county_ids=tuple(dict.fromkeys(county_ids)),
        years=years,
    )
    return ResourceSearch(
        query=params.get(names["q"], "").strip()[:MAX_QUERY_LENGTH],
        filters=filters,
        order=params.get(names["order"], ""),
    )


@dataclass(frozen=True)
class FacetOption:
    value: str  # as it goes in the URL: a kind, a slug, a county code, a year
    label: str
    count: int
    selected: bool


def facet_options(search: ResourceSearch, *, vocabulary: Vocabulary) -> dict[str, list]:
    """Every facet's options with counts; an option with no hits is left out unless it is
    selected (then it shows with 0, so it can be unticked)."""
    f = search.filters

    def options(facet, choices, selected_keys):
        counts = search.facet_counts(facet)
        result = []
        for key, value, label in choices:
            count = counts.get(str(key), 0)
            selected = key in selected_keys
            if count or selected:
                result.append(FacetOption(str(value), str(label), count, selected))
        return result

    counties = [(c.id, c.code, c.name) for c in vocabulary.counties]
    years = sorted({int(y) for y in search.facet_counts("year")} | set(f.years), reverse=True)
    return {
        "type": options("type", [(k, k, label) for k, label in ResourceKind.choices], f.kinds),
        "topic": options(
            "topic", [(t.id, t.slug, t.label) for t in vocabulary.topics], f.topic_ids
        ),
        "audience": options(
            "audience", [(a.id, a.slug, a.label) for a in vocabulary.audiences], f.audience_ids
        ),
        "county": options(
            "county",
            [(NATIONAL, "nationell", gettext("Nationellt material")), *counties],
            f.county_ids,
        ),
        "year": options("year", [(y, y, y) for y in years], f.years),
    }
