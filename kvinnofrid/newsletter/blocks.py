"""The content of a newsletter issue: sections of standard kinds, each a list of items.

The same blocks render to the web version, the PDF and the e-mail, so they hold only what
all three can show: headings, short rich text, an image with its alternative text, links.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock


class SectionKind:
    MATERIAL = "material"
    REPORTS = "reports"
    LAWS = "laws"
    CALENDAR = "calendar"
    FREE = "free"

    choices = [
        (MATERIAL, _("Material och metodstöd")),
        (REPORTS, _("Rapporter")),
        (LAWS, _("Nya lagar och nya uppdrag till myndigheter")),
        (CALENDAR, _("Kalender och utbildningar")),
        (FREE, _("Fri sektion")),
    ]

    @classmethod
    def label(cls, value: str) -> str:
        return str(dict(cls.choices).get(value, ""))


class LinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("länktext"), max_length=200)
    url = blocks.URLBlock(label=_("adress"))

    class Meta:
        icon = "link"
        label = _("Länk")


class ItemBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("rubrik"), max_length=200)
    text = blocks.RichTextBlock(
        label=_("text"), features=["bold", "italic", "link", "ol", "ul"], required=False
    )
    image = ImageChooserBlock(label=_("bild"), required=False)
    image_alt = blocks.CharBlock(
        label=_("bildens alternativtext"),
        max_length=250,
        required=False,
        help_text=_("Beskriv vad bilden visar för den som inte ser den."),
    )
    links = blocks.ListBlock(LinkBlock(), label=_("länkar"), default=[])

    class Meta:
        icon = "doc-full"
        label = _("Notis")

    def clean(self, value):
        value = super().clean(value)
        if value.get("image") and not (value.get("image_alt") or "").strip():
            raise StructBlockValidationError(
                block_errors={"image_alt": ValidationError(_("En bild behöver en alternativtext."))}
            )
        return value


class SectionBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=SectionKind.choices, default=SectionKind.FREE, label=_("typ av sektion")
    )
    heading = blocks.CharBlock(
        label=_("rubrik"),
        max_length=200,
        required=False,
        help_text=_("Lämna tomt för sektionstypens namn. En fri sektion behöver en rubrik."),
    )
    intro = blocks.TextBlock(label=_("inledning"), required=False)
    items = blocks.ListBlock(ItemBlock(), label=_("notiser"), default=[])

    class Meta:
        icon = "list-ul"
        label = _("Sektion")

    def clean(self, value):
        value = super().clean(value)
        if value.get("kind") == SectionKind.FREE and not (value.get("heading") or "").strip():
            raise StructBlockValidationError(
                block_errors={"heading": ValidationError(_("Ge den fria sektionen en rubrik."))}
            )
        return value


class IssueStreamBlock(blocks.StreamBlock):
    section = SectionBlock()
