from django.conf import settings
from django.utils.text import slugify
from wagtail.admin.forms import WagtailAdminPageForm


class AsciiSlugPageForm(WagtailAdminPageForm):
    """Page slugs are plain ASCII ("vald-i-nara-relationer", as in the demo): addresses that
    survive being read aloud, typed on any keyboard and pasted into e-mail. The admin's
    script already makes such slugs when WAGTAIL_ALLOW_UNICODE_SLUGS is False; this is the
    same rule on the server, for a slug typed by hand or sent without the script."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields and not _unicode_slugs():
            # Left empty, the page makes its slug from the title when saved (Wagtail's
            # Page.full_clean, which follows the same setting and avoids taken slugs).
            self.fields["slug"].required = False

    def clean_slug(self):
        slug = self.cleaned_data.get("slug", "")
        if _unicode_slugs():
            return slug
        # Django's slugify decomposes letters first, so å, ä → a, ö → o, é → e.
        return slugify(slug)


def _unicode_slugs() -> bool:
    return getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True)
