"""Text of uploaded documents, for search. Never raises: a file we cannot read gets a status
that tells the editor why ("krypterad", "skadad", "ingen text") instead of failing the upload
or the background task that indexes it."""

import codecs
import contextlib
import logging
import re
import threading
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO
from xml.etree import ElementTree

import docx
from django.db import models
from django.utils.translation import gettext_lazy as _
from docx.table import Table
from docx.text.paragraph import Paragraph
from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError


class ExtractionStatus(models.TextChoices):
    DONE = "done", _("Texten är indexerad")
    NO_TEXT = "no_text", _("Ingen text hittades – kanske en skannad bild")
    ENCRYPTED = "encrypted", _("Filen är krypterad eller lösenordsskyddad")
    CORRUPT = "corrupt", _("Filen är skadad och kunde inte läsas")
    UNSUPPORTED = "unsupported", _("Texten i den här filtypen indexeras inte")
    PENDING = "pending", _("Väntar på textutdrag")


@dataclass(frozen=True)
class Extracted:
    status: str
    text: str = ""
    # A short technical reason in English, for logs and support; never shown to the public.
    detail: str = ""


# Search needs the words of a document, not all of a 5,000-page report: a cap keeps one huge
# PDF from holding gigabytes of text in a worker and in the search index.
MAX_CHARS = 2_000_000
# A page number or a stray header is all that a scanned PDF without OCR usually yields.
MIN_PDF_CHARS = 20
# Office files are zips; this caps what a zip bomb can make us decompress (python-docx loads
# every part of the package into memory).
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
_DETAIL_CHARS = 300


def extract_text(fileobj: IO[bytes], *, kind: str) -> Extracted:
    """The text of a file whose kind (a FileKind.key) detection has already established.

    Reads from the start of the file and leaves it at position 0.
    """
    extractor = _EXTRACTORS.get(kind)
    if extractor is None:
        return Extracted(
            status=ExtractionStatus.UNSUPPORTED, detail=f"no text extraction for {kind!r}"
        )
    try:
        fileobj.seek(0)
        with _quiet_pypdf():
            return extractor(fileobj)
    except Exception as exc:
        # Parsers of untrusted files fail in countless ways (pypdf's own errors, but also
        # KeyError, RecursionError, struct.error, zlib.error ...); all mean the file is damaged.
        return Extracted(status=ExtractionStatus.CORRUPT, detail=_describe(exc))
    finally:
        with contextlib.suppress(Exception):
            fileobj.seek(0)


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:_DETAIL_CHARS]


class _Collector:
    """Text pieces up to MAX_CHARS, read at call time so tests can lower it."""

    def __init__(self) -> None:
        self.limit = MAX_CHARS
        self.parts: list[str] = []
        self.length = 0
        self.truncated = False

    def add(self, text: str) -> bool:
        """Adds a piece; False once the limit is reached and nothing more is wanted."""
        if self.truncated:
            return False
        room = max(self.limit - self.length, 0)
        if len(text) > room:
            text = text[:room]
            self.truncated = True
        self.parts.append(text)
        self.length += len(text) + 1
        return not self.truncated

    def text(self) -> str:
        return "\n".join(self.parts)[: self.limit]

    def detail(self) -> str:
        return f"stopped at {self.limit} characters" if self.truncated else ""


_HYPHENATED = re.compile(r"(?<=[^\W\d_])-[^\S\n]*\n[^\S\n]*(?=[^\W\d_])")
_SPACES = re.compile(r"[^\S\n]+")


def normalise(text: str, *, join_hyphenated: bool = False) -> str:
    """One space between words, one newline between lines, no empty lines."""
    # PostgreSQL text columns cannot hold NUL, and some PDFs put NULs in their text.
    text = text.replace("\x00", "").replace("\xad", "")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if join_hyphenated:
        # PDF text keeps the line breaks of the layout: "kvinno-\nfrid" is one word. A capital
        # after the break is a name in a list ("Stockholms-\nUppsala"), so it stays.
        text = _HYPHENATED.sub(
            lambda match: "" if text[match.end()].islower() else match.group(), text
        )
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _result(
    collector: _Collector, *, min_chars: int = 1, join_hyphenated: bool = False, detail: str = ""
) -> Extracted:
    text = normalise(collector.text(), join_hyphenated=join_hyphenated)
    details = "; ".join(part for part in (detail, collector.detail()) if part)
    if sum(1 for char in text if not char.isspace()) < min_chars:
        return Extracted(status=ExtractionStatus.NO_TEXT, detail=details[:_DETAIL_CHARS])
    return Extracted(status=ExtractionStatus.DONE, text=text, detail=details[:_DETAIL_CHARS])


@contextlib.contextmanager
def _quiet_pypdf() -> Iterator[None]:
    # pypdf logs a warning for every oddity of a real-world PDF ("Ignoring wrong pointing
    # object", "Multiple definitions in dictionary") to loggers under "pypdf". The status and
    # detail say what matters. Its modules log to child loggers, which a filter on "pypdf"
    # would not see, so the level of the parent is raised instead; the counter restores it
    # only when the last of several concurrent extractions is done.
    with _QUIET.lock:
        if _QUIET.depth == 0:
            _QUIET.saved_level = _PYPDF_LOGGER.level
            _PYPDF_LOGGER.setLevel(logging.ERROR)
        _QUIET.depth += 1
    try:
        yield
    finally:
        with _QUIET.lock:
            _QUIET.depth -= 1
            if _QUIET.depth == 0:
                _PYPDF_LOGGER.setLevel(_QUIET.saved_level)


class _QuietState:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.depth = 0
        self.saved_level = logging.NOTSET


_QUIET = _QuietState()
_PYPDF_LOGGER = logging.getLogger("pypdf")


def _pdf(fileobj: IO[bytes]) -> Extracted:
    reader = PdfReader(fileobj)
    try:
        return _pdf_pages(reader)
    except DependencyError as exc:
        # pypdf needs the "cryptography" package for AES; without it an AES-encrypted PDF
        # cannot be opened even when it has no password to open it.
        if reader.is_encrypted:
            return Extracted(status=ExtractionStatus.ENCRYPTED, detail=_describe(exc))
        raise


def _pdf_pages(reader: PdfReader) -> Extracted:
    # Many "protected" PDFs only forbid printing or copying: they have an owner password but
    # open with an empty user password, as any PDF viewer does.
    if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        return Extracted(status=ExtractionStatus.ENCRYPTED, detail="a user password is required")
    pages = reader.pages
    if len(pages) == 0:
        return Extracted(status=ExtractionStatus.CORRUPT, detail="the PDF has no pages")
    collector = _Collector()
    failures: list[str] = []
    for number, page in enumerate(pages, start=1):
        try:
            page_text = page.extract_text()
        except DependencyError:
            raise
        except Exception as exc:
            # One damaged page should not hide the text of the others.
            failures.append(f"page {number}: {_describe(exc)}")
            continue
        if not collector.add(page_text):
            break
    if failures and len(failures) == len(pages):
        return Extracted(status=ExtractionStatus.CORRUPT, detail="; ".join(failures))
    return _result(
        collector, min_chars=MIN_PDF_CHARS, join_hyphenated=True, detail="; ".join(failures)
    )


def _check_unzipped_size(fileobj: IO[bytes]) -> None:
    with zipfile.ZipFile(fileobj) as archive:
        # Declared sizes can be trusted as a ceiling: zipfile stops reading a member there.
        total = sum(info.file_size for info in archive.infolist())
    fileobj.seek(0)
    if total > MAX_UNZIPPED_BYTES:
        raise ValueError(f"unzipped size {total} bytes is over {MAX_UNZIPPED_BYTES}")


def _docx(fileobj: IO[bytes]) -> Extracted:
    _check_unzipped_size(fileobj)
    document = docx.Document(fileobj)
    collector = _Collector()
    containers: list = [document]
    for section in document.sections:
        for header_or_footer in (
            section.header,
            section.first_page_header,
            section.even_page_header,
            section.footer,
            section.first_page_footer,
            section.even_page_footer,
        ):
            # A linked one has no content of its own: it shows the previous section's.
            if not header_or_footer.is_linked_to_previous:
                containers.append(header_or_footer)
    for container in containers:
        for text in _docx_blocks(container):
            if not collector.add(text):
                return _result(collector)
    return _result(collector)


def _docx_blocks(container) -> Iterator[str]:
    """Paragraphs and table cells in document order, cells of nested tables included."""
    for block in container.iter_inner_content():
        if isinstance(block, Paragraph):
            yield block.text
        elif isinstance(block, Table):
            seen: set[int] = set()
            for row in block.rows:
                for cell in row.cells:
                    # A merged cell appears once for every grid column it spans.
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    yield from _docx_blocks(cell)


_TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_P = f"{{{_TEXT_NS}}}p"
_H = f"{{{_TEXT_NS}}}h"
_S = f"{{{_TEXT_NS}}}s"
_TAB = f"{{{_TEXT_NS}}}tab"
_LINE_BREAK = f"{{{_TEXT_NS}}}line-break"


def _odt(fileobj: IO[bytes]) -> Extracted:
    _check_unzipped_size(fileobj)
    with zipfile.ZipFile(fileobj) as archive, archive.open("content.xml") as content:
        # Expat (2.4.1 and later) refuses entity-expansion bombs, and ElementTree does not
        # fetch external entities, so untrusted XML is safe to parse here.
        root = ElementTree.parse(content).getroot()
    collector = _Collector()
    for text in _odt_paragraphs(root):
        if not collector.add(text):
            break
    return _result(collector)


def _odt_paragraphs(element: ElementTree.Element) -> Iterator[str]:
    if element.tag in (_P, _H):
        parts: list[str] = []
        nested: list[str] = []
        _odt_inline(element, parts, nested)
        yield "".join(parts)
        yield from nested
    else:
        for child in element:
            yield from _odt_paragraphs(child)


def _odt_inline(element: ElementTree.Element, parts: list[str], nested: list[str]) -> None:
    if element.text:
        parts.append(element.text)
    for child in element:
        if child.tag == _S:
            # text:s stands for c spaces; one is enough, as normalising collapses them anyway
            # (and c comes from the file: "999999999" must not become a gigabyte of spaces).
            parts.append(" ")
        elif child.tag == _TAB:
            parts.append("\t")
        elif child.tag == _LINE_BREAK:
            parts.append("\n")
        elif child.tag in (_P, _H):
            # A paragraph inside a paragraph (in a text box or a note) is a paragraph of its
            # own, not words in the middle of its host.
            nested.extend(_odt_paragraphs(child))
        else:
            _odt_inline(child, parts, nested)
        if child.tail:
            parts.append(child.tail)


def _txt(fileobj: IO[bytes]) -> Extracted:
    # UTF-8 needs at most four bytes a character, so this is enough for MAX_CHARS.
    limit = MAX_CHARS * 4
    data = fileobj.read(limit)
    cut_short = bool(fileobj.read(1))
    try:
        # A cut may fall inside a multi-byte character; the incremental decoder holds it back.
        text = codecs.getincrementaldecoder("utf-8-sig")().decode(data, final=not cut_short)
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    collector = _Collector()
    collector.add(text)
    return _result(collector)


_EXTRACTORS: dict[str, Callable[[IO[bytes]], Extracted]] = {
    "pdf": _pdf,
    "docx": _docx,
    "odt": _odt,
    "txt": _txt,
}
