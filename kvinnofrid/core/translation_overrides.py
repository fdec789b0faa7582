"""Our own Swedish for a few of Wagtail's strings.

Django looks in LOCALE_PATHS (kvinnofrid/locale) before the apps' catalogues, so a msgid
in our catalogue wins over Wagtail's. Wagtail's Swedish calls a page's slug "slugg", which
staff do not say; we call it "kortadress". The strings are listed here with gettext_noop so
that `makemessages` keeps them in our .po files; their msgstr are written there by hand
(sv: the Swedish below each, en: the msgid itself). Nothing imports this module at run
time: the catalogue is what matters.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

WAGTAIL_OVERRIDES = [
    # sv: "kortadress" (the page field's label, shown capitalised: "Kortadress")
    gettext_noop("slug"),
    # sv: "Kortadressen '%(page_slug)s' används redan under föräldersidan."
    gettext_noop("The slug '%(page_slug)s' is already in use within the parent page."),
    # sv: "Sidans namn som det syns i adressen, t.ex. https://www.example.se/stockholm/[kortadress]/.
    #      Bara a–z, siffror och bindestreck."
    gettext_noop(
        "The name of the page as it will appear in URLs e.g http://domain.com/blog/[my-slug]/"
    ),
]

# sv: "Följande sida kan inte flyttas eftersom kortadressen redan finns" /
#     "Följande sidor kan inte flyttas eftersom kortadresserna redan finns"
# (Wagtail's own Swedish says "raderas", deleted, for a page that is being moved.)
_MOVE_DUPLICATE = ngettext_lazy(
    "The following page cannot be moved due to duplicate slug",
    "The following pages cannot be moved due to duplicate slugs",
    1,
)
