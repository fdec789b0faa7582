"""Where the text of a PDF lands on its pages, read back with pypdf: each piece of text
with its page, start and end, so that a test can tell text on the page from text drawn
beside it (WeasyPrint draws a table wider than the page past the page's edge, and
pypdf's plain `extract_text` would still return that text).

The end of a piece is its start plus its advance width, measured with the font that the
PDF itself embeds (fontTools reads the subset's cmap and advance widths)."""

import io
import re
from dataclasses import dataclass

from fontTools.ttLib import TTFont
from pypdf import PdfReader


@dataclass(frozen=True)
class Piece:
    page: int  # 1-based
    text: str
    left: float
    right: float
    bottom: float
    width: float  # of the page (mediabox)
    height: float

    @property
    def on_page(self) -> bool:
        # Half a point of slack for rounding in the PDF's matrices.
        return (
            self.left >= -0.5
            and self.right <= self.width + 0.5
            and -0.5 <= self.bottom <= self.height + 0.5
        )


class _Fonts:
    def __init__(self):
        self._cache: dict[int, tuple | None] = {}

    def metrics(self, font_dict):
        """(unicode → advance, units per em) of an embedded TrueType font, or None."""
        if font_dict is None:
            return None
        key = id(font_dict)
        if key not in self._cache:
            self._cache[key] = self._read(font_dict)
        return self._cache[key]

    @staticmethod
    def _read(font_dict):
        font = font_dict
        if "/DescendantFonts" in font:
            font = font["/DescendantFonts"][0].get_object()
        descriptor = font.get("/FontDescriptor")
        if descriptor is None or "/FontFile2" not in descriptor.get_object():
            return None
        data = descriptor.get_object()["/FontFile2"].get_object().get_data()
        tt = TTFont(io.BytesIO(data))
        cmap = tt.getBestCmap() or {}
        hmtx = tt["hmtx"]
        advances = {code: hmtx[name][0] for code, name in cmap.items()}
        return advances, tt["head"].unitsPerEm


def pieces(pdf: bytes) -> list[Piece]:
    reader = PdfReader(io.BytesIO(pdf))
    fonts = _Fonts()
    found: list[Piece] = []
    for number, page in enumerate(reader.pages, start=1):
        box = page.mediabox
        width, height = float(box.width), float(box.height)

        def visit(text, cm, tm, font_dict, font_size, number=number, width=width, height=height):
            if not text.strip():
                return
            # Text space → user space: the text matrix, then the current transformation.
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            scale = abs(tm[0] * cm[0] + tm[1] * cm[2])
            metrics = fonts.metrics(font_dict)
            if metrics is None:
                advance = 0.6 * len(text)  # in em: a generous guess without metrics
            else:
                advances, units = metrics
                advance = sum(advances.get(ord(char), units // 2) for char in text) / units
            found.append(
                Piece(
                    page=number,
                    text=text,
                    left=x,
                    right=x + advance * font_size * scale,
                    bottom=y,
                    width=width,
                    height=height,
                )
            )

        page.extract_text(visitor_text=visit)
    return found


def visible_text(found: list[Piece]) -> str:
    """The text on the pages, with the words a line break or a hyphenation split joined
    again and white space collapsed, so that a header wrapped over two lines reads as
    one."""
    text = " ".join(piece.text for piece in found if piece.on_page)
    # WeasyPrint's hyphenation character (U+2010) ends a split word.
    text = re.sub(r"\u2010\s*", "", text)
    return re.sub(r"\s+", " ", text)


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    reader = PdfReader(io.BytesIO(pdf))
    return [(float(page.mediabox.width), float(page.mediabox.height)) for page in reader.pages]
