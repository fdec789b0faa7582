"""Demo resources for `make run`: publications our sources name, with summaries of our own
and small generated files whose text is only inside the file, so that a search for a word
from the file shows extraction and search working. Loaded through the importer, the same
path an archive takes."""

import functools
import json
import logging
import tempfile
from pathlib import Path

from . import samples
from .importing import resources_import
from .models import DocumentText, Resource
from .services import document_text_extract

logger = logging.getLogger(__name__)

DEMO_RESOURCES = [
    {
        "external_id": "demo-kartlaggning-norr-2016",
        "title": (
            "Kartläggning av prostitution och människohandel för sexuella ändamål i "
            "Norrbotten, Västerbotten, Västernorrland och Jämtland"
        ),
        "summary": (
            "En gemensam kartläggning från 2016 av hur prostitution och människohandel för "
            "sexuella ändamål ser ut i de fyra nordligaste länen, och hur myndigheter och "
            "organisationer arbetar med frågan."
        ),
        "type": "mapping_study",
        "publisher": (
            "Länsstyrelserna i Norrbottens, Västerbottens, Västernorrlands och Jämtlands län"
        ),
        # A joint mapping: listed under each of the four counties, edited by Norrbotten.
        "county": "25",
        "participating_counties": ["24", "22", "23"],
        "year": 2016,
        "topics": ["prostitution-manniskohandel", "kommersialisering-exploatering"],
        "audiences": ["socialtjanst", "polis-och-rattsvasende", "civilsamhalle"],
        "file": (
            "pdf",
            [
                "Kartläggningen bygger på enkäter till kommunernas socialtjänst, intervjuer med "
                "polis och ideella organisationer samt en genomgång av annonser på nätet.",
                "Många yrkesverksamma vittnar om att sexköp sker via tillfälliga lägenheter och "
                "att utsatta personer flyttas mellan orterna längs kusten.",
                "Rapporten föreslår regionala handlingsplaner, utbildning för yrkesförare och "
                "ett utökat samarbete mellan länen.",
            ],
        ),
    },
    {
        "external_id": "demo-att-vaga-se",
        "title": "Att våga se och kunna stå kvar",
        "summary": (
            "En kartläggning i Norrbottens och Västerbottens län av ungas utrymme att leva sina "
            "liv: hur skola, socialtjänst och föreningsliv upptäcker begränsningar och kontroll "
            "i hederns namn, och vad som behövs för att våga se och kunna stå kvar vid den "
            "unges sida."
        ),
        "type": "mapping_study",
        "publisher": "Länsstyrelserna i Norrbottens och Västerbottens län",
        # A mapping by the two counties together: listed under both.
        "county": "25",
        "participating_counties": ["24"],
        "year": 2019,
        "topics": ["hedersrelaterat-vald", "barn-som-upplever-vald"],
        "audiences": ["skola-och-forskola", "socialtjanst", "unga"],
        "file": (
            "pdf",
            [
                "Kartläggningen bygger på enkäter och intervjuer med skolor, socialtjänst och "
                "föreningar i Norrbottens och Västerbottens län.",
                "Unga som lever med hedersrelaterade begränsningar kan ha svårt att berätta. "
                "Personal behöver fråga, lyssna och dokumentera.",
                "Risken för tvångsäktenskapet och för att den unge förs utomlands ska bedömas "
                "tidigt, särskilt inför sommarlovet.",
                "Materialet innehåller samtalsstöd och exempel från elevhälsan.",
            ],
        ),
    },
    {
        "external_id": "demo-varmland-handbok",
        "title": "Regional handbok om våld i nära relationer i Värmland",
        "summary": (
            "Handbok för yrkesverksamma i Värmlands kommuner och region: ansvarsfördelning, "
            "rutiner för att fråga om våld, skyddsbedömning och kontaktvägar i länet."
        ),
        "type": "handbook",
        "publisher": "Länsstyrelsen Värmland",
        "county": "17",
        "year": 2022,
        "topics": ["vald-i-nara-relationer", "barn-som-upplever-vald"],
        "audiences": ["socialtjanst", "halso-och-sjukvard", "tandvard"],
        "file": (
            "pdf",
            [
                "Alla verksamheter ska ha en rutin för att fråga om våld. Frågan ställs "
                "enskilt, utan anhöriga närvarande.",
                "Vid akut fara: ring 112. Socialjouren nås dygnet runt via kommunens växel.",
                "Skyddsplanering görs tillsammans med den våldsutsatta och följs upp.",
            ],
        ),
    },
    {
        "external_id": "demo-sip-mall",
        "title": "Mall för samordnad individuell plan (SIP)",
        "summary": (
            "En mall för SIP när en våldsutsatt kvinna eller ett barn behöver insatser från "
            "både socialtjänst och hälso- och sjukvård."
        ),
        "type": "template",
        "publisher": "Kvinnofrid",
        "county": None,
        "year": 2024,
        "topics": ["vald-i-nara-relationer"],
        "audiences": ["socialtjanst", "halso-och-sjukvard"],
        "file": (
            "docx",
            [
                "Deltagare på mötet, ansvarig för samordningen och den enskildes samtycke.",
                "Insatser, vem som ansvarar och när planen ska följas upp.",
            ],
        ),
    },
    {
        "external_id": "demo-jamstallt-vasterbotten",
        "title": "Ett jämställt Västerbotten",
        "summary": (
            "Länets strategi för jämställdhet, där arbetet mot mäns våld mot kvinnor är ett av "
            "målen, med åtaganden för länsstyrelsen, regionen och kommunerna."
        ),
        "type": "strategy",
        "publisher": "Länsstyrelsen Västerbotten",
        "county": "24",
        "year": 2021,
        "topics": ["fysiskt-psykiskt-sexuellt-vald", "vald-som-arbetsgivarfraga"],
        "audiences": ["politiker-och-chefer", "arbetsgivare"],
        "file": (
            "pdf",
            [
                "Strategin gäller hela länet och följs upp varje år i en lägesrapport.",
                "Arbetsgivare ska ha rutiner för att stödja medarbetare som utsätts för våld.",
            ],
        ),
    },
    {
        "external_id": "demo-film-fraga-om-vald",
        "title": "Film: Att fråga om våld",
        "summary": (
            "En kort film för vårdpersonal om varför och hur man frågar patienter om "
            "erfarenheter av våld."
        ),
        "type": "film",
        "publisher": "Nationellt centrum för kvinnofrid (NCK)",
        "county": None,
        "year": 2023,
        "topics": ["vald-i-nara-relationer"],
        "audiences": ["halso-och-sjukvard"],
        "url": "https://nck.uu.se/",
        "file": None,
    },
]


@functools.cache
def _demo_file(external_id: str) -> tuple[str, bytes]:
    """(extension, content). Made once per process: the test suite loads the demo content
    many times."""
    item = next(item for item in DEMO_RESOURCES if item["external_id"] == external_id)
    kind, paragraphs = item["file"]
    if kind == "pdf":
        try:
            return "pdf", samples.pdf_bytes(title=item["title"], paragraphs=paragraphs)
        except OSError:
            # WeasyPrint needs Pango from the system; without it the demo still gets a
            # searchable file, as Word.
            logger.warning("WeasyPrint cannot run here (no Pango?); demo files are DOCX")
    return "docx", samples.docx_bytes(title=item["title"], paragraphs=paragraphs)


def demo_resources_load(*, user=None) -> None:
    """Idempotent: resources already there are left as they are (their generated files
    would differ in their creation date, so they are not made again)."""
    existing = set(
        Resource.objects.filter(
            external_id__in=[item["external_id"] for item in DEMO_RESOURCES]
        ).values_list("external_id", flat=True)
    )
    with tempfile.TemporaryDirectory() as directory:
        base = Path(directory)
        lines = []
        for item in DEMO_RESOURCES:
            if item["external_id"] in existing:
                continue
            line = {k: v for k, v in item.items() if k != "file"}
            if item["file"]:
                extension, content = _demo_file(item["external_id"])
                name = f"{item['external_id']}.{extension}"
                (base / name).write_bytes(content)
                line["files"] = [name]
            lines.append(json.dumps(line, ensure_ascii=False))
        report = resources_import(lines=lines, base_dir=base, user=user)
    if report.errors:
        raise ValueError(f"Demo resources did not import: {report.errors}")
    # `make run` starts its worker only afterwards; extract now so search works at once.
    for text in DocumentText.objects.exclude(status="done").select_related("document"):
        document_text_extract(document=text.document)
