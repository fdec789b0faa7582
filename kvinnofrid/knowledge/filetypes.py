"""Which uploads the knowledge bank accepts, decided by a file's content and never by its name.

A name is whatever the uploader typed: "rapport.pdf" may hold HTML with a script that would
run on our own domain when the file is opened in a browser. So the type comes from the bytes,
the stored name gets the extension of that type (`safe_filename`), and markup (HTML, SVG, XML)
is refused however it is named.
"""

import codecs
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import IO

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from filetype.types import archive, image, video


@dataclass(frozen=True)
class FileKind:
    key: str
    extension: str
    mime_type: str
    label: str


def _kind(key: str, extension: str, mime_type: str, label: str) -> FileKind:
    return FileKind(key=key, extension=extension, mime_type=mime_type, label=label)


ALLOWED: dict[str, FileKind] = {
    kind.key: kind
    for kind in (
        _kind("pdf", ".pdf", "application/pdf", gettext_lazy("PDF")),
        _kind(
            "docx",
            ".docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            gettext_lazy("Word"),
        ),
        _kind(
            "xlsx",
            ".xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            gettext_lazy("Excel"),
        ),
        _kind(
            "pptx",
            ".pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            gettext_lazy("PowerPoint"),
        ),
        _kind(
            "odt",
            ".odt",
            "application/vnd.oasis.opendocument.text",
            gettext_lazy("OpenDocument-text"),
        ),
        _kind("txt", ".txt", "text/plain", gettext_lazy("Text")),
        _kind("jpeg", ".jpg", "image/jpeg", gettext_lazy("JPEG-bild")),
        _kind("png", ".png", "image/png", gettext_lazy("PNG-bild")),
        _kind("gif", ".gif", "image/gif", gettext_lazy("GIF-bild")),
        _kind("webp", ".webp", "image/webp", gettext_lazy("WebP-bild")),
        _kind("mp4", ".mp4", "video/mp4", gettext_lazy("MP4-video")),
    )
}


class UnsupportedFile(ValueError):
    """A file the knowledge bank refuses. `message` is meant for the editor who uploaded it;
    `code` ("unsupported", "markup", "macro", "legacy_office", "empty") is for forms and logs."""

    def __init__(self, message: str | None = None, *, code: str = "unsupported") -> None:
        self.message = message if message is not None else _unsupported_message()
        self.code = code
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


def _unsupported_message() -> str:
    return _(
        "Filtypen stöds inte. Tillåtna filer är PDF, Word (DOCX), Excel (XLSX), "
        "PowerPoint (PPTX), OpenDocument-text (ODT), textfiler, bilder (JPEG, PNG, GIF, WebP) "
        "och MP4-video."
    )


def _markup() -> UnsupportedFile:
    return UnsupportedFile(
        _("Filen innehåller HTML/SVG/XML-kod och kan inte laddas upp av säkerhetsskäl."),
        code="markup",
    )


def _macro() -> UnsupportedFile:
    return UnsupportedFile(
        _(
            "Filen innehåller makron och kan inte laddas upp av säkerhetsskäl. Spara den utan "
            "makron (till exempel som DOCX i stället för DOCM) och försök igen."
        ),
        code="macro",
    )


def _legacy_office() -> UnsupportedFile:
    return UnsupportedFile(
        _(
            "Äldre Office-filer (DOC, XLS, PPT) och lösenordsskyddade Office-filer kan inte "
            "laddas upp. Spara filen som DOCX, XLSX eller PPTX utan lösenord och försök igen."
        ),
        code="legacy_office",
    )


def _empty() -> UnsupportedFile:
    return UnsupportedFile(_("Filen är tom."), code="empty")


HEAD_BYTES = 64 * 1024
_CHUNK_BYTES = 1024 * 1024
# Members we read from an uploaded zip are small; the cap keeps a zip bomb from filling memory.
_MAX_ZIP_MEMBER_BYTES = 1024 * 1024

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
# OLE2 compound files: Office 97-2003 documents, and also password-protected DOCX/XLSX/PPTX,
# which Office wraps in an encrypted compound file.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Only the matchers of allowed types: filetype.guess() would also try formats like BMP, whose
# two-byte signature "BM" turns any text that starts with those letters into an "image".
_MAGIC_MATCHERS = (
    ("pdf", archive.Pdf()),
    ("jpeg", image.Jpeg()),
    ("png", image.Png()),
    ("gif", image.Gif()),
    ("webp", image.Webp()),
    ("mp4", video.Mp4()),
)

_OOXML_MAIN_PARTS = (
    ("word/document.xml", "docx"),
    ("xl/workbook.xml", "xlsx"),
    ("ppt/presentation.xml", "pptx"),
)
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"

_MARKUP = re.compile(r"<(?:html|!doctype|svg|\?xml|script|iframe|body)", re.IGNORECASE)
# Tab, line feed, vertical tab, form feed, carriage return and the DOS end-of-file marker occur
# in real text files; any other C0 control character means the bytes are not text.
_BINARY_CONTROL = re.compile(r"[\x00-\x08\x0e-\x19\x1b-\x1f\x7f]")


def detect(fileobj: IO[bytes]) -> FileKind:
    """The kind of an uploaded file, from its content. Raises UnsupportedFile.

    Reads from the start of the file and always leaves it at position 0, so that whoever
    saves the upload afterwards gets all of it.
    """
    fileobj.seek(0)
    try:
        return _detect(fileobj)
    finally:
        fileobj.seek(0)


def _detect(fileobj: IO[bytes]) -> FileKind:
    head = _read_up_to(fileobj, HEAD_BYTES)
    if not head:
        raise _empty()
    if head.startswith(_ZIP_MAGIC):
        return _detect_zip(fileobj)
    if head.startswith(_OLE_MAGIC):
        raise _legacy_office()
    for key, matcher in _MAGIC_MATCHERS:
        if matcher.match(head):
            return ALLOWED[key]
    fileobj.seek(0)
    return _detect_text(fileobj)


def _read_up_to(fileobj: IO[bytes], size: int) -> bytes:
    # Raw streams may return fewer bytes than asked for before the end of the file.
    parts: list[bytes] = []
    remaining = size
    while remaining > 0:
        part = fileobj.read(remaining)
        if not part:
            break
        parts.append(part)
        remaining -= len(part)
    return b"".join(parts)


def _detect_zip(fileobj: IO[bytes]) -> FileKind:
    fileobj.seek(0)
    try:
        with zipfile.ZipFile(fileobj) as archive_:
            names = set(archive_.namelist())
            if "mimetype" in names:
                with archive_.open("mimetype") as member:
                    mimetype = member.read(len(_ODT_MIMETYPE) + 1).strip()
                if mimetype == _ODT_MIMETYPE:
                    if any(name.startswith(("Basic/", "Scripts/")) for name in names):
                        raise _macro()
                    return ALLOWED["odt"]
            if "[Content_Types].xml" not in names:
                raise UnsupportedFile()
            with archive_.open("[Content_Types].xml") as member:
                content_types = member.read(_MAX_ZIP_MEMBER_BYTES).lower()
    except UnsupportedFile:
        raise
    except Exception:
        # zipfile raises a zoo of exceptions on damaged archives (BadZipFile, EOFError,
        # struct.error, NotImplementedError for exotic compression, RuntimeError for encrypted
        # members); to the uploader they all mean the same thing.
        raise UnsupportedFile() from None
    lowered = {name.lower() for name in names}
    if (
        b"macroenabled" in content_types
        or b"macrosheet" in content_types
        or any(name.rsplit("/", 1)[-1] == "vbaproject.bin" for name in lowered)
        or any(name.startswith("xl/macrosheets/") for name in lowered)
    ):
        raise _macro()
    for main_part, key in _OOXML_MAIN_PARTS:
        if main_part in names:
            return ALLOWED[key]
    raise UnsupportedFile()


def _detect_text(fileobj: IO[bytes]) -> FileKind:
    # The whole file must decode, not only its head: a binary file may start with text.
    for encoding in ("utf-8-sig", "cp1252"):
        fileobj.seek(0)
        decoder = codecs.getincrementaldecoder(encoding)()
        decoded_head = ""
        try:
            while chunk := fileobj.read(_CHUNK_BYTES):
                text = decoder.decode(chunk)
                if _BINARY_CONTROL.search(text):
                    raise UnsupportedFile()
                if len(decoded_head) < HEAD_BYTES:
                    decoded_head += text[: HEAD_BYTES - len(decoded_head)]
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        # Browsers sniff markup in files served as text; a file that holds HTML or SVG
        # could run script on our domain, so it is refused whatever it is called.
        if _MARKUP.search(decoded_head):
            raise _markup()
        return ALLOWED["txt"]
    raise UnsupportedFile()


_WINDOWS_FORBIDDEN = re.compile(r'[<>:"|?*]')
_EXTENSION = re.compile(r"\.(?=[0-9]*[A-Za-z])[A-Za-z0-9]{1,10}$")
# Names Windows will not open whatever the extension ("CON.pdf" is the console).
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {
    f"{prefix}{n}" for prefix in ("COM", "LPT") for n in range(1, 10)
}
MAX_STEM_CHARS = 100


def safe_filename(original_name: str, kind: FileKind) -> str:
    """A name to store and offer for download: the uploader's stem, cleaned, with the
    extension of the detected kind ("rapport.html" holding a PDF becomes "rapport.pdf")."""
    # macOS sends decomposed Unicode: "å" as "a" plus a combining ring.
    name = unicodedata.normalize("NFC", original_name or "")
    name = re.split(r"[\\/]", name)[-1]
    name = " ".join(name.split())
    # Control and format characters include the right-to-left override that makes
    # "fdp.exe" display as "exe.pdf".
    name = "".join(char for char in name if unicodedata.category(char) not in {"Cc", "Cf"})
    name = _WINDOWS_FORBIDDEN.sub("_", name)
    stem = _EXTENSION.sub("", name)
    if stem.lower().endswith(kind.extension):
        stem = stem[: -len(kind.extension)]
    stem = stem[:MAX_STEM_CHARS].strip(" .")
    if stem.upper() in _WINDOWS_RESERVED:
        stem = f"_{stem}"
    return f"{stem or 'fil'}{kind.extension}"


def human_size(num_bytes: int) -> str:
    """A file size for Swedish readers: "850 byte", "850 kB", "3,2 MB", base 1000."""
    if num_bytes < 0:
        raise ValueError("A file size cannot be negative.")
    if num_bytes < 1000:
        return f"{num_bytes} byte"
    kilobytes = (Decimal(num_bytes) / 1000).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    # 999 600 bytes rounds to 1000 kB, which reads better as 1,0 MB.
    if kilobytes < 1000:
        return f"{kilobytes} kB"
    megabytes = (Decimal(num_bytes) / 10**6).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if megabytes < 1000:
        return f"{_decimal_comma(megabytes)} MB"
    gigabytes = (Decimal(num_bytes) / 10**9).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{_decimal_comma(gigabytes)} GB"


def _decimal_comma(value: Decimal) -> str:
    return str(value).replace(".", ",")
