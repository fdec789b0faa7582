import io
import logging
import re
import zipfile

import docx
import pytest
from pypdf import PdfReader

from kvinnofrid.knowledge import extraction, samples
from kvinnofrid.knowledge.extraction import (
    Extracted,
    ExtractionStatus,
    extract_text,
    normalise,
)

SWEDISH = (
    "Hon får stöd från socialtjänsten när tvångsäktenskapet upptäcks, "
    "och skolan anmäler oro för barnen."
)


@pytest.fixture(scope="module")
def pdf():
    return samples.pdf_bytes(
        title="Hedersrelaterat våld",
        paragraphs=[
            SWEDISH,
            # pdf_bytes turns a newline inside a paragraph into a line break.
            "Arbetet för kvinno-\nfrid pågår i alla län, från Stockholms-\nUppsala län och norrut.",
        ],
    )


@pytest.fixture(scope="module")
def encrypted_pdf():
    return samples.encrypted_pdf_bytes(password="hemligt")


@pytest.fixture(scope="module")
def owner_only_pdf():
    return samples.encrypted_pdf_bytes(password="", owner_password="x")


@pytest.fixture(scope="module")
def image_only_pdf():
    return samples.image_only_pdf_bytes()


@pytest.fixture(scope="module")
def long_pdf():
    return samples.pdf_bytes(title="Lång", paragraphs=[SWEDISH] * 40)


def _extract(data: bytes, kind: str) -> Extracted:
    return extract_text(io.BytesIO(data), kind=kind)


def test_it_reads_words_inside_a_pdf(pdf):
    result = _extract(pdf, "pdf")

    assert result.status == ExtractionStatus.DONE
    assert result.detail == ""
    words = re.findall(r"\w+", result.text)
    assert "tvångsäktenskapet" in words
    assert "får" in words
    assert "socialtjänsten" in words
    assert result.text.startswith("Hedersrelaterat våld\n")


def test_it_joins_words_hyphenated_across_lines_in_a_pdf(pdf):
    raw = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "kvinno-\nfrid" in raw

    text = _extract(pdf, "pdf").text

    assert "Arbetet för kvinnofrid pågår" in text
    # A capital after the break is another name, not the rest of the word.
    assert "Stockholms-\nUppsala" in text


def test_normalise_collapses_spaces_and_empty_lines():
    text = "  Rubrik\r\n\r\n\n\tFörsta\u00a0 stycket  \x00med\u00adtext.\n \n Andra stycket. "

    assert normalise(text) == "Rubrik\nFörsta stycket medtext.\nAndra stycket."


def test_normalise_joins_hyphens_only_when_asked_and_only_between_letters():
    text = "kvinno-\nfrid 2019-\n2020 Stockholms-\nUppsala"

    assert normalise(text) == "kvinno-\nfrid 2019-\n2020 Stockholms-\nUppsala"
    assert normalise(text, join_hyphenated=True) == "kvinnofrid 2019-\n2020 Stockholms-\nUppsala"


def test_it_reads_docx_paragraphs_and_table_cells():
    data = samples.docx_bytes(title="Handbok", paragraphs=["Första stycket.", "Andra stycket."])

    result = _extract(data, "docx")

    assert result.status == ExtractionStatus.DONE
    assert result.text.split("\n") == [
        "Handbok",
        "Första stycket.",
        "Andra stycket.",
        *samples.TABLE_CELLS,
    ]


def test_it_reads_docx_headers_footers_and_merged_cells_once():
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Länsstyrelsen i Skåne"
    document.sections[0].footer.paragraphs[0].text = "Sidfot med kontaktuppgifter"
    table = document.add_table(rows=2, cols=2)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "Sammanslagen cell"
    table.cell(1, 1).add_table(rows=1, cols=1).cell(0, 0).text = "Inre tabell"
    buffer = io.BytesIO()
    document.save(buffer)

    text = _extract(buffer.getvalue(), "docx").text

    assert text.count("Sammanslagen cell") == 1
    assert "Inre tabell" in text
    assert "Länsstyrelsen i Skåne" in text
    assert "Sidfot med kontaktuppgifter" in text


def test_it_reads_odt():
    data = samples.odt_bytes(title="Rutin", paragraphs=["Ring 112 vid fara.", "Skydd & stöd."])

    result = _extract(data, "odt")

    assert result == Extracted(
        status=ExtractionStatus.DONE, text="Rutin\nRing 112 vid fara.\nSkydd & stöd."
    )


def _odt_with(old: bytes, new: bytes) -> bytes:
    """A sample ODT whose content.xml has old replaced by new."""
    original = samples.odt_bytes(title="Rubrik", paragraphs=["PLATS"])
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(original)) as source,
        zipfile.ZipFile(buffer, "w") as archive,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "content.xml":
                assert old in data
                data = data.replace(old, new)
            archive.writestr(info, data)
    return buffer.getvalue()


def test_it_reads_odt_spans_spaces_and_paragraphs_inside_frames():
    data = _odt_with(
        b"<text:p>PLATS</text:p>",
        b'<text:p>Tr<text:span>ygg</text:span>het<text:s text:c="999999999"/>och'
        b"<text:tab/>st\xc3\xb6d<text:line-break/>ny rad"
        b'<draw:frame xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0">'
        b"<draw:text-box><text:p>Faktaruta</text:p></draw:text-box></draw:frame> slut</text:p>",
    )

    result = _extract(data, "odt")

    assert result.text == "Rubrik\nTrygghet och stöd\nny rad slut\nFaktaruta"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_it_reads_text_files(encoding):
    data = "Åsa läser om våld i nära relationer.\r\n\r\nNästa stycke.".encode(encoding)

    result = _extract(data, "txt")

    assert result.text == "Åsa läser om våld i nära relationer.\nNästa stycke."


def test_it_reports_an_encrypted_pdf(encrypted_pdf):
    assert PdfReader(io.BytesIO(encrypted_pdf)).is_encrypted

    result = _extract(encrypted_pdf, "pdf")

    assert result.status == ExtractionStatus.ENCRYPTED
    assert result.text == ""


def test_it_opens_a_pdf_protected_only_by_an_owner_password(owner_only_pdf):
    assert PdfReader(io.BytesIO(owner_only_pdf)).is_encrypted

    result = _extract(owner_only_pdf, "pdf")

    assert result.status == ExtractionStatus.DONE
    assert "krypterad" in result.text.split()


def test_it_reports_an_image_only_pdf_as_having_no_text(image_only_pdf):
    page = PdfReader(io.BytesIO(image_only_pdf)).pages[0]
    assert len(page.images) == 1

    result = _extract(image_only_pdf, "pdf")

    assert result.status == ExtractionStatus.NO_TEXT
    assert result.text == ""


def test_it_reports_a_corrupt_pdf_and_does_not_raise():
    result = _extract(samples.corrupt_pdf_bytes(), "pdf")

    assert result.status == ExtractionStatus.CORRUPT
    assert result.detail.startswith("PdfStreamError")
    assert len(result.detail) <= 300


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"not a zip at all", "docx"),
        (b"not a zip at all", "odt"),
        (samples.docx_bytes(title="T", paragraphs=["P"])[:-100], "docx"),
        (_odt_with(b"</office:text>", b""), "odt"),
        (b"%PDF-1.4\n" + b"\xff" * 2000, "pdf"),
        (b"", "pdf"),
    ],
    ids=["docx-not-zip", "odt-not-zip", "docx-truncated", "odt-bad-xml", "pdf-noise", "empty"],
)
def test_it_reports_damaged_files_as_corrupt(data, kind):
    result = _extract(data, kind)

    assert result.status == ExtractionStatus.CORRUPT
    assert result.detail


def test_it_refuses_a_zip_bomb(monkeypatch):
    monkeypatch.setattr(extraction, "MAX_UNZIPPED_BYTES", 10_000)
    data = samples.odt_bytes(title="Bomb", paragraphs=["a" * 20_000])
    assert len(data) < 10_000

    result = _extract(data, "odt")

    assert result.status == ExtractionStatus.CORRUPT
    assert "unzipped size" in result.detail


@pytest.mark.parametrize("kind", ["png", "jpeg", "mp4", "xlsx", "pptx", "okänd"])
def test_it_does_not_index_other_kinds(kind):
    result = _extract(samples.png_bytes(), kind)

    assert result.status == ExtractionStatus.UNSUPPORTED


def test_it_stops_collecting_text_at_the_limit(monkeypatch, long_pdf):
    full = _extract(long_pdf, "pdf")
    assert len(full.text) > 3000
    monkeypatch.setattr(extraction, "MAX_CHARS", 500)

    for data, kind in [
        (long_pdf, "pdf"),
        (samples.docx_bytes(title="Lång", paragraphs=[SWEDISH] * 40), "docx"),
        (samples.odt_bytes(title="Lång", paragraphs=[SWEDISH] * 40), "odt"),
        ((SWEDISH * 40).encode(), "txt"),
    ]:
        result = _extract(data, kind)
        assert result.status == ExtractionStatus.DONE, kind
        assert 400 < len(result.text) <= 500, kind
        assert "stopped at 500 characters" in result.detail, kind


def test_it_rewinds_the_file(pdf):
    fileobj = io.BytesIO(pdf)
    fileobj.seek(123)

    result = extract_text(fileobj, kind="pdf")

    assert result.status == ExtractionStatus.DONE
    assert fileobj.tell() == 0


def test_it_keeps_pypdf_warnings_out_of_the_logs(pdf, caplog):
    # A wrong startxref offset: pypdf recovers, and warns.
    damaged = re.sub(
        rb"startxref\s+(\d+)", lambda m: b"startxref\n" + str(int(m[1]) + 7).encode(), pdf
    )
    caplog.set_level(logging.WARNING)
    PdfReader(io.BytesIO(damaged)).pages[0].extract_text()
    assert any(record.name.startswith("pypdf") for record in caplog.records)
    caplog.clear()
    level_before = logging.getLogger("pypdf").level

    result = _extract(damaged, "pdf")

    assert result.status == ExtractionStatus.DONE
    assert "tvångsäktenskapet" in result.text
    assert not [record for record in caplog.records if record.name.startswith("pypdf")]
    assert logging.getLogger("pypdf").level == level_before


def test_statuses_have_swedish_labels():
    assert ExtractionStatus.ENCRYPTED.label == "Filen är krypterad eller lösenordsskyddad"
    assert ExtractionStatus.NO_TEXT.label == "Ingen text hittades – kanske en skannad bild"
    assert set(ExtractionStatus.values) == {
        "done",
        "no_text",
        "encrypted",
        "corrupt",
        "unsupported",
        "pending",
    }
