"""The PDF version of an issue: PDF/UA, Swedish, titled, the same content as the web
version, with text that can be extracted (screen readers and search depend on it)."""

import io

import pytest
from pypdf import PdfReader

from .test_rendering import image_create, issue_create, list_create

pytestmark = pytest.mark.django_db


def test_the_pdf_is_served_with_a_filename_and_its_text_can_be_extracted(client, cast):
    issue = issue_create(list_create(county=cast.county_a), image=image_create())
    response = client.get(issue.pdf_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="{issue.slug}.pdf"'

    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    for expected in (
        issue.title,
        "Hej! Här kommer månadens nyheter.",
        "Material och metodstöd",
        "Ny vägledning om skyddade personuppgifter",
        "Nya rapporter i länet",
        "Kartläggning av våld i nära relationer",
        "https://example.org/vagledning",  # link addresses are written out on paper
    ):
        assert expected in text, expected
    assert "Nya lagar och nya uppdrag" not in text  # the empty section

    assert reader.metadata.title.startswith(issue.title)
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "sv"
    assert "/StructTreeRoot" in catalog, "a tagged PDF (PDF/UA)"
    assert catalog["/MarkInfo"]["/Marked"]


def test_the_pdf_tags_its_image_with_the_alternative_text(client, cast):
    issue = issue_create(list_create(county=cast.county_a), image=image_create())
    content = client.get(issue.pdf_url()).content
    reader = PdfReader(io.BytesIO(content))

    def alt_texts(node, found):
        node = node.get_object()
        if isinstance(node, dict):
            if node.get("/S") == "/Figure" and "/Alt" in node:
                found.append(str(node["/Alt"]))
            kids = node.get("/K")
            if kids is not None:
                for kid in kids if isinstance(kids, list) else [kids]:
                    alt_texts(kid, found)
        return found

    assert alt_texts(reader.trailer["/Root"]["/StructTreeRoot"], []) == [
        "Omslaget till vägledningen"
    ]


def test_a_draft_issue_has_no_public_pdf(client, cast):
    issue = issue_create(list_create(county=cast.county_a), live=False)
    assert client.get(f"{issue.url}pdf/").status_code == 404
