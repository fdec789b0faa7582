"""Bulk import of an existing publication archive from JSON Lines (see docs/knowledge-bank.md).

Each line is one resource and is imported on its own: a bad line is reported with its
number and reason and leaves nothing behind, the good lines are imported. A line is
matched to an existing resource by `external_id`, so importing the same file again
creates nothing new and rewrites nothing that has not changed.
"""

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from kvinnofrid.core.audit import audit_log
from kvinnofrid.regions.models import County, TargetGroup, ViolenceArea

from . import filetypes
from .models import Resource, ResourceFile, ResourceKind, ResourceLanguage
from .services import collection_for, document_store

FIELDS = {
    "external_id",
    "title",
    "summary",
    "type",
    "publisher",
    "county",
    "participating_counties",
    "year",
    "language",
    "topics",
    "audiences",
    "files",
    "url",
    "published",
}
REQUIRED = ("external_id", "title", "summary", "type", "publisher", "year")
LIMITS = {"external_id": 100, "title": 255, "publisher": 200, "url": 500}


class LineError(ValueError):
    pass


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class _Line:
    external_id: str
    values: dict
    county: County | None
    participating_counties: list
    topics: list
    audiences: list
    files: list[Path]
    published: bool


class _Vocabulary:
    def __init__(self):
        self.counties = {c.code: c for c in County.objects.all()}
        self.counties.update({c.slug: c for c in self.counties.values()})
        self.topics = {t.slug: t for t in ViolenceArea.objects.all()}
        self.audiences = {a.slug: a for a in TargetGroup.objects.all()}


def _text(data: dict, key: str, *, required: bool) -> str:
    value = data.get(key)
    if value is None or value == "":
        if required:
            raise LineError(_("fältet ”%(field)s” saknas") % {"field": key})
        return ""
    if not isinstance(value, str):
        raise LineError(_("fältet ”%(field)s” ska vara text") % {"field": key})
    value = value.strip()
    if key in LIMITS and len(value) > LIMITS[key]:
        raise LineError(
            _("fältet ”%(field)s” är längre än %(limit)s tecken")
            % {"field": key, "limit": LIMITS[key]}
        )
    return value


def _slugs(data: dict, key: str, known: dict) -> list:
    values = data.get(key) or []
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise LineError(_("fältet ”%(field)s” ska vara en lista med kortnamn") % {"field": key})
    unknown = [v for v in values if v not in known]
    if unknown:
        raise LineError(
            _("okänt kortnamn i ”%(field)s”: %(values)s")
            % {"field": key, "values": ", ".join(unknown)}
        )
    return [known[v] for v in dict.fromkeys(values)]


def _parse(raw: str, *, base_dir: Path, vocabulary: _Vocabulary) -> _Line:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise LineError(_("ogiltig JSON (%(error)s)") % {"error": error.msg}) from error
    if not isinstance(data, dict):
        raise LineError(_("raden ska vara ett JSON-objekt"))
    unknown = sorted(set(data) - FIELDS)
    if unknown:
        raise LineError(_("okända fält: %(fields)s") % {"fields": ", ".join(unknown)})
    values = {key: _text(data, key, required=key in REQUIRED) for key in ("title", "summary")}
    values["publisher"] = _text(data, "publisher", required=True)
    kind = _text(data, "type", required=True)
    if kind not in ResourceKind.values:
        raise LineError(
            _("okänd typ ”%(value)s”; tillåtna är %(allowed)s")
            % {"value": kind, "allowed": ", ".join(ResourceKind.values)}
        )
    values["kind"] = kind
    year = data.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not 1950 <= year <= 2100:
        raise LineError(_("årtalet ska vara ett heltal mellan 1950 och 2100"))
    values["year"] = year
    language = _text(data, "language", required=False) or ResourceLanguage.SWEDISH
    if language not in ResourceLanguage.values:
        raise LineError(_("okänt språk ”%(value)s”") % {"value": language})
    values["language"] = language
    url = _text(data, "url", required=False)
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError as error:
            raise LineError(_("ogiltig webbadress ”%(value)s”") % {"value": url}) from error
    values["external_url"] = url
    county_key = data.get("county")
    county = None
    if county_key not in (None, ""):
        county = vocabulary.counties.get(str(county_key))
        if county is None:
            raise LineError(_("okänt län ”%(value)s”") % {"value": county_key})
    participating = _slugs(data, "participating_counties", vocabulary.counties)
    if participating and county is None:
        raise LineError(
            _(
                "”participating_counties” kräver ett ansvarigt län i ”county”; "
                "nationellt material hör inte till något län"
            )
        )
    participating = [c for c in participating if c != county]
    files = data.get("files") or []
    if not isinstance(files, list) or not all(isinstance(f, str) and f for f in files):
        raise LineError(_("fältet ”files” ska vara en lista med sökvägar"))
    paths = []
    for name in files:
        path = Path(name) if Path(name).is_absolute() else base_dir / name
        if not path.is_file():
            raise LineError(_("filen %(path)s finns inte") % {"path": name})
        with path.open("rb") as handle:
            try:
                filetypes.detect(handle)
            except filetypes.UnsupportedFile as error:
                raise LineError(f"{name}: {error}") from error
        paths.append(path)
    if not paths and not url:
        raise LineError(_("varje material behöver minst en fil eller en webbadress (”url”)"))
    published = data.get("published", True)
    if not isinstance(published, bool):
        raise LineError(_("fältet ”published” ska vara true eller false"))
    return _Line(
        external_id=_text(data, "external_id", required=True),
        values=values,
        county=county,
        participating_counties=participating,
        topics=_slugs(data, "topics", vocabulary.topics),
        audiences=_slugs(data, "audiences", vocabulary.audiences),
        files=paths,
        published=published,
    )


def _unchanged(resource: Resource, line: _Line, documents: list) -> bool:
    return (
        all(getattr(resource, key) == value for key, value in line.values.items())
        and resource.county_id == (line.county.pk if line.county else None)
        and {c.pk for c in resource.participating_counties.all()}
        == {c.pk for c in line.participating_counties}
        and resource.live == line.published
        and {t.pk for t in resource.topics.all()} == {t.pk for t in line.topics}
        and {a.pk for a in resource.audiences.all()} == {a.pk for a in line.audiences}
        and [f.document_id for f in resource.files.order_by("sort_order")]
        == [d.pk for d in documents]
    )


@transaction.atomic
def _import_line(line: _Line, *, user) -> str:
    collection = collection_for(line.county)
    documents = [
        document_store(
            path=path, title=line.values["title"], collection=collection, uploaded_by=user
        )
        for path in line.files
    ]
    resource = Resource.objects.filter(external_id=line.external_id).first()
    outcome = "updated"
    if resource is None:
        resource = Resource(external_id=line.external_id)
        outcome = "created"
    elif _unchanged(resource, line, documents):
        return "unchanged"
    for key, value in line.values.items():
        setattr(resource, key, value)
    resource.county = line.county
    if outcome == "created":
        resource.live = False  # publishing below sets it, and sends the signal that indexes
    # Parental many-to-many values are written by save().
    resource.participating_counties.set(line.participating_counties)
    resource.topics.set(line.topics)
    resource.audiences.set(line.audiences)
    resource.full_clean()
    resource.save()
    ResourceFile.objects.filter(resource=resource).delete()
    for order, document in enumerate(documents):
        ResourceFile.objects.create(resource=resource, document=document, sort_order=order)
    revision = resource.save_revision(user=user, log_action=False)
    if line.published:
        revision.publish(user=user, log_action=False)
    elif resource.live:
        resource.unpublish(user=user, log_action=False)
    audit_log(
        instance=resource,
        action="kvinnofrid.knowledge.import",
        user=user,
        data={"external_id": line.external_id, "outcome": outcome},
    )
    return outcome


def resources_import(*, lines: Iterable[str], base_dir: Path, user=None) -> ImportReport:
    """Import JSON Lines; blank lines and lines starting with # are skipped."""
    report = ImportReport()
    vocabulary = _Vocabulary()
    for number, raw in enumerate(lines, start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        try:
            line = _parse(raw, base_dir=base_dir, vocabulary=vocabulary)
            outcome = _import_line(line, user=user)
        except LineError as error:
            report.errors.append((number, str(error)))
            continue
        except ValidationError as error:
            report.errors.append((number, "; ".join(error.messages)))
            continue
        setattr(report, outcome, getattr(report, outcome) + 1)
    return report
