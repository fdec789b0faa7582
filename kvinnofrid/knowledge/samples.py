"""Small real files, generated on demand: the documents of the demo content, and the good and
bad uploads of the tests (a PDF named .html, an SVG, a Word file with macros ...)."""

import base64
import io
import struct
import zipfile
import zlib
from html import escape
from xml.sax.saxutils import escape as xml_escape

import docx
from pypdf import PdfReader, PdfWriter

# The text of the table that docx_bytes adds, so that tests can look for it.
TABLE_CELLS = ("Kvinnofridslinjen", "Öppen dygnet runt")

_PDF_CSS = """
@page { size: A4; margin: 2cm; }
body { font-family: "DejaVu Sans", sans-serif; font-size: 11pt; line-height: 1.4; }
h1 { font-size: 18pt; }
/* A newline inside a paragraph is a line break, so tests can place words at line ends. */
p { white-space: pre-line; }
"""


def pdf_bytes(*, title: str, paragraphs: list[str], lang: str = "sv") -> bytes:
    """A tagged PDF (PDF/UA-1: structure tree, language and title) with a heading and
    paragraphs."""
    from weasyprint import HTML

    body = "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs)
    html = (
        f'<!doctype html><html lang="{escape(lang)}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{_PDF_CSS}</style></head>"
        f"<body><h1>{escape(title)}</h1>{body}</body></html>"
    )
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")


def docx_bytes(*, title: str, paragraphs: list[str]) -> bytes:
    """A Word document with a heading, paragraphs and a table of one row (TABLE_CELLS)."""
    document = docx.Document()
    document.core_properties.title = title
    document.add_heading(title, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    table = document.add_table(rows=1, cols=len(TABLE_CELLS))
    for cell, text in zip(table.rows[0].cells, TABLE_CELLS, strict=True):
        cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


_ODT_MIMETYPE = "application/vnd.oasis.opendocument.text"
_ODT_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
 manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.3"
  manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""
_ODT_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">
 <office:body>
  <office:text>
   <text:h text:outline-level="1">{title}</text:h>
{paragraphs}
  </office:text>
 </office:body>
</office:document-content>
"""


def odt_bytes(*, title: str, paragraphs: list[str]) -> bytes:
    """A minimal valid OpenDocument text: the mimetype first and stored uncompressed (as
    the specification requires), a manifest, and the content."""
    content = _ODT_CONTENT.format(
        title=xml_escape(title),
        paragraphs="\n".join(f"   <text:p>{xml_escape(text)}</text:p>" for text in paragraphs),
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", _ODT_MIMETYPE, compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", _ODT_MANIFEST)
        archive.writestr("content.xml", content)
    return buffer.getvalue()


def encrypted_pdf_bytes(*, password: str = "hemligt", owner_password: str | None = None) -> bytes:
    """A PDF encrypted with RC4-128, which pypdf reads without the cryptography package.
    With password="" and an owner password it opens without asking, like the many PDFs that
    are only "protected" against printing or copying."""
    source = pdf_bytes(
        title="Skyddad handling",
        paragraphs=["Den här texten är krypterad och syns bara för den som har lösenordet."],
    )
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(source)))
    writer.encrypt(user_password=password, owner_password=owner_password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def image_only_pdf_bytes() -> bytes:
    """A page with a picture and no text layer: what a scanner without OCR produces."""
    from weasyprint import HTML

    image = base64.b64encode(png_bytes(width=32, height=32)).decode("ascii")
    html = (
        "<!doctype html><html><head><style>@page { size: A4; margin: 0; }"
        "img { display: block; width: 210mm; height: 297mm; }</style></head>"
        f'<body><img src="data:image/png;base64,{image}" alt=""></body></html>'
    )
    return HTML(string=html).write_pdf()


def corrupt_pdf_bytes() -> bytes:
    """The start of a PDF, cut off in the middle of its first object."""
    return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R" + b"\x00" * 64


def png_bytes(*, width: int = 4, height: int = 4) -> bytes:
    """A valid PNG, a purple square, written by hand so that no imaging library is needed."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    # Colour type 2 (RGB), 8 bits a channel; every row starts with filter type 0.
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\x5b\x2a\x86" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def mp4_head_bytes() -> bytes:
    """The first boxes of an MP4 file: ftyp (brand mp42, compatible with isom), free and an
    empty mdat."""
    ftyp = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"
    free = struct.pack(">I", 16) + b"free" + b"\x00" * 8
    mdat = struct.pack(">I", 8) + b"mdat"
    return ftyp + free + mdat


_DOCX_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_DOCM_MAIN = b"application/vnd.ms-word.document.macroEnabled.main+xml"
_VBA_DEFAULT = b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'


def macro_docx_bytes(*, macro_content_type: bool = True, vba_project: bool = True) -> bytes:
    """A Word file with macros (a .docm) as it looks inside: the main part declared
    macro-enabled in [Content_Types].xml and the VBA code in word/vbaProject.bin. Either sign
    can be left out, to check that each alone is enough to refuse the file."""
    source = docx_bytes(title="Makron", paragraphs=["Det här dokumentet har ett makro."])
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(source)) as original,
        zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):
        for info in original.infolist():
            data = original.read(info)
            if info.filename == "[Content_Types].xml":
                if macro_content_type:
                    data = data.replace(_DOCX_MAIN, _DOCM_MAIN)
                if vba_project:
                    data = data.replace(b"<Default ", _VBA_DEFAULT + b"<Default ", 1)
            archive.writestr(info, data)
        if vba_project:
            # An OLE compound file header is how real vbaProject.bin files start.
            archive.writestr(
                "word/vbaProject.bin", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
            )
    return buffer.getvalue()


def svg_bytes() -> bytes:
    """An SVG image with a script in it: the reason SVG is never accepted."""
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        b'<rect width="10" height="10" fill="#5b2a86"/>'
        b"<script>alert(document.domain)</script></svg>\n"
    )


def html_bytes() -> bytes:
    """An HTML page with a script, as someone might upload under the name "rapport.txt"."""
    return (
        b'<!DOCTYPE html>\n<html lang="sv"><head><meta charset="utf-8"><title>Rapport</title>'
        b"</head><body><p>Rapport</p><script>alert(document.cookie)</script></body></html>\n"
    )
