import contextlib
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from kvinnofrid.knowledge import samples
from kvinnofrid.knowledge.filetypes import (
    ALLOWED,
    UnsupportedFile,
    detect,
    human_size,
    safe_filename,
)


@pytest.fixture(scope="module")
def pdf():
    return samples.pdf_bytes(title="Rapport", paragraphs=["Regional samordning 2025."])


def _image(format_: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (91, 42, 134)).save(buffer, format=format_)
    return buffer.getvalue()


def _ooxml(main_part: str, content_type: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'content-types"><Override PartName="/{main_part}" ContentType="{content_type}"/>'
            "</Types>",
        )
        archive.writestr(main_part, "<?xml version='1.0'?><root/>")
    return buffer.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _detect_bytes(data: bytes, name: str = "upload.bin"):
    return detect(SimpleUploadedFile(name, data, content_type="application/octet-stream"))


def _rejection(data: bytes, name: str = "upload.bin") -> UnsupportedFile:
    with pytest.raises(UnsupportedFile) as caught:
        _detect_bytes(data, name)
    return caught.value


SAMPLES = {
    "pdf": lambda pdf: pdf,
    "docx": lambda pdf: samples.docx_bytes(title="Rubrik", paragraphs=["Text."]),
    "xlsx": lambda pdf: _ooxml(
        "xl/workbook.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ),
    "pptx": lambda pdf: _ooxml(
        "ppt/presentation.xml",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    ),
    "odt": lambda pdf: samples.odt_bytes(title="Rubrik", paragraphs=["Text."]),
    "txt": lambda pdf: "Stöd till våldsutsatta kvinnor.\n".encode(),
    "jpeg": lambda pdf: _image("JPEG"),
    "png": lambda pdf: samples.png_bytes(),
    "gif": lambda pdf: _image("GIF"),
    "webp": lambda pdf: _image("WEBP"),
    "mp4": lambda pdf: samples.mp4_head_bytes(),
}


def test_the_samples_cover_every_allowed_kind():
    assert (
        set(SAMPLES)
        == set(ALLOWED)
        == {
            "pdf",
            "docx",
            "xlsx",
            "pptx",
            "odt",
            "txt",
            "jpeg",
            "png",
            "gif",
            "webp",
            "mp4",
        }
    )


@pytest.mark.parametrize("key", sorted(SAMPLES))
def test_it_recognises_every_allowed_kind_by_its_content_alone(key, pdf):
    kind = _detect_bytes(SAMPLES[key](pdf), name="utan-filändelse")

    assert kind is ALLOWED[key]
    assert kind.extension.startswith(".")


def test_the_hand_made_png_is_a_real_png():
    image = Image.open(io.BytesIO(samples.png_bytes(width=3, height=2)))
    image.load()

    assert (image.format, image.size) == ("PNG", (3, 2))


def test_it_recognises_a_pdf_named_html_as_pdf(pdf):
    upload = SimpleUploadedFile("rapport.html", pdf, content_type="text/html")

    kind = detect(upload)

    assert kind.key == "pdf"
    assert kind.mime_type == "application/pdf"
    assert safe_filename(upload.name, kind) == "rapport.pdf"


def test_it_rejects_an_svg_named_png():
    error = _rejection(samples.svg_bytes(), name="logga.png")

    assert error.code == "markup"
    assert "HTML/SVG/XML" in str(error)


def test_it_rejects_an_svg_without_an_xml_declaration():
    assert _rejection(b'\n  <svg xmlns="http://www.w3.org/2000/svg"></svg>').code == "markup"


def test_it_rejects_html_named_txt():
    error = _rejection(samples.html_bytes(), name="rapport.txt")

    assert error.code == "markup"
    assert error.message == str(error)


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbf  \n\t<HTML><p>hej</p></HTML>",
        b"<!DocType html><p>hej</p>",
        b"<?xml version='1.0'?><rapport/>",
        "Vanlig text först.\n".encode() * 1000 + b"<iframe src='https://example.org'>",
        b"Hej <Body onload='alert(1)'>",
        b"Hej <script>alert(1)</script>",
    ],
    ids=["bom-and-whitespace", "doctype", "xml", "iframe-deep-in-the-file", "body", "script"],
)
def test_it_rejects_text_that_contains_markup(data):
    assert _rejection(data, name="anteckningar.txt").code == "markup"


@pytest.mark.parametrize(
    ("options", "description"),
    [
        ({}, "both signs"),
        ({"vba_project": False}, "only the content type"),
        ({"macro_content_type": False}, "only vbaProject.bin"),
    ],
)
def test_it_rejects_a_macro_enabled_word_file(options, description):
    data = samples.macro_docx_bytes(**options)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert "word/document.xml" in archive.namelist(), description

    error = _rejection(data, name="rapport.docx")

    assert error.code == "macro"
    assert "makron" in error.message


def test_it_rejects_an_excel_file_with_macros():
    data = _ooxml("xl/workbook.xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml")

    assert _rejection(data, name="budget.xlsx").code == "macro"


def test_it_rejects_an_opendocument_text_with_basic_macros():
    with zipfile.ZipFile(io.BytesIO(samples.odt_bytes(title="T", paragraphs=["P"]))) as odt:
        members = {name: odt.read(name) for name in odt.namelist()}
    members["Basic/Standard/Module1.xml"] = b"<script:module/>"

    assert _rejection(_zip(members), name="rapport.odt").code == "macro"


@pytest.mark.parametrize(
    "members",
    [
        {"rapport.pdf": b"%PDF-1.7"},
        {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<a/>"},
        {"[Content_Types].xml": b"<Types/>", "visio/document.xml": b"<a/>"},
    ],
    ids=["plain-zip", "opendocument-spreadsheet", "other-ooxml"],
)
def test_it_rejects_a_zip_that_is_not_an_allowed_document(members):
    assert _rejection(_zip(members), name="rapport.docx").code == "unsupported"


def test_it_rejects_a_damaged_zip():
    data = samples.docx_bytes(title="T", paragraphs=["P"])[:200]

    assert _rejection(data, name="rapport.docx").code == "unsupported"


def test_it_rejects_an_old_word_file_with_advice_to_save_it_as_docx():
    error = _rejection(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024), name="rapport.doc")

    assert error.code == "legacy_office"
    assert "DOCX" in error.message


def test_it_rejects_an_empty_file():
    assert _rejection(b"", name="tom.pdf").code == "empty"


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 4,
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00",
        "Text i UTF-16.".encode("utf-16"),
        b"Text " + b"\x81\x8d" + b" med odefinierade byte",
        b"Text med ESC \x1b[31m",
    ],
    ids=["random-binary", "windows-program", "utf-16", "undefined-in-cp1252", "escape"],
)
def test_it_rejects_binary_data_without_an_allowed_signature(data):
    error = _rejection(data, name="fil.txt")

    assert error.code == "unsupported"
    assert "PDF, Word (DOCX)" in error.message
    assert "MP4-video" in error.message


def test_it_rejects_a_text_file_with_binary_data_after_its_first_64_kib():
    data = b"a" * (70 * 1024) + b"\x00\x01\x02"

    assert _rejection(data, name="logg.txt").code == "unsupported"


def test_it_accepts_swedish_text_in_windows_1252():
    data = "Åsa och Örjan läser om våld i nära relationer – “citat”.\r\n".encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")

    assert _detect_bytes(data, name="anteckning").key == "txt"


def test_it_accepts_utf8_text_with_a_bom_and_characters_split_across_reads():
    # "ö" is two bytes in UTF-8; after the three bytes of the BOM, every block of a power of two
    # bytes ends between the two.
    data = "\ufeff".encode() + "ö".encode() * 600_000

    assert _detect_bytes(data).key == "txt"


def test_it_does_not_take_text_starting_with_bm_for_a_bitmap():
    # filetype.guess() calls this a BMP image: its signature for BMP is only "BM".
    assert _detect_bytes(b"BMI-rapport for Stockholms lan\n").key == "txt"


@pytest.mark.parametrize(
    "data",
    [samples.png_bytes(), samples.html_bytes(), b"Bara text.", b""],
    ids=["accepted-image", "rejected-markup", "accepted-text", "rejected-empty"],
)
def test_it_rewinds_the_file(data, tmp_path):
    path = tmp_path / "upload"
    path.write_bytes(data)
    with path.open("rb") as on_disk:
        for fileobj in (io.BytesIO(data), SimpleUploadedFile("upload", data), on_disk):
            fileobj.read(3)
            with contextlib.suppress(UnsupportedFile):
                detect(fileobj)
            assert fileobj.tell() == 0
            assert fileobj.read() == data


def test_it_reads_from_the_start_even_when_the_upload_was_partly_read(pdf):
    upload = SimpleUploadedFile("rapport.pdf", pdf)
    upload.read(100)

    assert detect(upload).key == "pdf"


def test_kinds_have_swedish_labels():
    assert {key: str(kind.label) for key, kind in ALLOWED.items()} == {
        "pdf": "PDF",
        "docx": "Word",
        "xlsx": "Excel",
        "pptx": "PowerPoint",
        "odt": "OpenDocument-text",
        "txt": "Text",
        "jpeg": "JPEG-bild",
        "png": "PNG-bild",
        "gif": "GIF-bild",
        "webp": "WebP-bild",
        "mp4": "MP4-video",
    }


@pytest.mark.parametrize(
    ("original", "key", "expected"),
    [
        ("rapport.html", "pdf", "rapport.pdf"),
        ("Rapport 2025.DOCX", "docx", "Rapport 2025.docx"),
        ("rapport.pdf", "pdf", "rapport.pdf"),
        ("rapport.pdf.exe", "pdf", "rapport.pdf"),
        ("utan filändelse", "txt", "utan filändelse.txt"),
        ("Lägesbild v. 2.1", "txt", "Lägesbild v. 2.1.txt"),
        ("../../etc/passwd", "txt", "passwd.txt"),
        ("C:\\Users\\anna\\Skrivbord\\handbok.odt", "odt", "handbok.odt"),
        ("faktura\u202efdp.exe", "pdf", "fakturafdp.pdf"),
        ("rad\nbrytning\toch\x00nul.png", "png", "rad brytning ochnul.png"),
        ("  .dold.txt ", "txt", "dold.txt"),
        ('fråga: "varför?".pdf', "pdf", "fråga_ _varför__.pdf"),
        ("CON.pdf", "pdf", "_CON.pdf"),
        (".pdf", "pdf", "fil.pdf"),
        ("", "jpeg", "fil.jpg"),
        ("\u202e", "png", "fil.png"),
    ],
)
def test_safe_filename_keeps_the_stem_and_uses_the_detected_extension(original, key, expected):
    assert safe_filename(original, ALLOWED[key]) == expected


def test_safe_filename_composes_decomposed_swedish_letters():
    decomposed = "va\u030ard.pdf"  # "vård" as macOS sends it

    assert safe_filename(decomposed, ALLOWED["pdf"]) == "v\u00e5rd.pdf"


def test_safe_filename_shortens_long_names():
    name = safe_filename("å" * 300 + ".pdf", ALLOWED["pdf"])

    assert name == "å" * 100 + ".pdf"


def test_human_size_uses_a_decimal_comma():
    assert human_size(3_200_000) == "3,2 MB"


@pytest.mark.parametrize(
    ("num_bytes", "expected"),
    [
        (0, "0 byte"),
        (1, "1 byte"),
        (999, "999 byte"),
        (1000, "1 kB"),
        (1499, "1 kB"),
        (1500, "2 kB"),
        (850_000, "850 kB"),
        (999_499, "999 kB"),
        (999_500, "1,0 MB"),
        (1_000_000, "1,0 MB"),
        (12_345_678, "12,3 MB"),
        (999_949_999, "999,9 MB"),
        (999_950_000, "1,0 GB"),
        (2_460_000_000, "2,5 GB"),
        (1_500_000_000_000, "1500,0 GB"),
    ],
)
def test_human_size(num_bytes, expected):
    assert human_size(num_bytes) == expected


def test_human_size_refuses_a_negative_size():
    with pytest.raises(ValueError):
        human_size(-1)
