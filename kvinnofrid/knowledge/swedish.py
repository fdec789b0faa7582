"""Swedish word forms that the snowball stemmer does not bring together.

The `swedish` snowball stemmer (PostgreSQL's and the Python one used for SQLite) removes
most endings, and the search matches stems as prefixes, so a base word already finds its
inflected forms ("tvångsäktenskap" finds "tvångsäktenskapet"). Two cases are left, both
from an inflected query word to its base:

* definite forms whose ending the stemmer keeps: neuter "-et" ("våldet", "barnet",
  "förtrycket"), "-n" after "a" ("skolan", "kvinnan") and after "el" ("människohandeln");
  the genitive of the neuter and "-eln" forms too ("våldets", "människohandelns");
* plurals with a changed vowel, which no ending rule reaches in either direction:
  "handbok"/"handböcker", "tjänsteman"/"tjänstemän", "stad"/"städer", "land"/"länder".

`variants(word)` gives the other forms a query word stands for; the search matches a word
OR any of its variants, in the same way on PostgreSQL and SQLite. Why at query time rather
than by rewriting the indexed text: an ending stripped before the stemmer is not undone
consistently ("paketet" would become "paket" while "paket" itself became "pak"), so a
rewritten index loses matches that it has today; an added alternative only ever adds
matches. The rules are deliberately few, and words that merely look definite are listed as
exceptions.
"""

from __future__ import annotations

# (singular, plural, singular endings, plural endings, compounds only): the word is
# (head +) singular or plural + one of the endings. "man"/"män" only in compounds: alone
# "man" is the pronoun ("vad får man säga"), a stop word in PostgreSQL's configuration.
LEMMA_GROUPS: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...], bool], ...] = (
    ("bok", "böcker", ("", "s", "en", "ens"), ("", "s", "na", "nas"), False),
    ("man", "män", ("", "s", "nen", "nens"), ("", "s", "nen", "nens"), True),
    ("stad", "städer", ("", "s", "en", "ens"), ("", "s", "na", "nas"), False),
    ("land", "länder", ("", "s", "et", "ets"), ("", "s", "na", "nas"), False),
    ("ledamot", "ledamöter", ("", "s", "en", "ens"), ("", "s", "na", "nas"), False),
    ("bror", "bröder", ("", "s"), ("", "s", "na", "nas"), False),
    ("dotter", "döttrar", ("", "s", "n", "ns"), ("", "s", "na", "nas"), False),
)
# A compound's head before "man"/"män": "tjänste-", "ombuds-".
MIN_HEAD = 3

# Words ending like a definite form that are not one (their base would be a wrong word,
# and as a prefix it would find unrelated words: "pake" finds "pakistan").
NOT_DEFINITE = frozenset(
    {
        *("paket", "budget", "planet", "magnet", "komet", "raket", "toalett", "kabinett"),
        *("etikett", "skelett", "alfabet", "balett"),
        *("sedan", "roman", "vulkan", "tulpan", "kaftan", "orangutan"),
    }
)
NOT_DEFINITE_ENDINGS = ("plan", "organ")
MIN_DEFINITE_LENGTH = 5


def _lemma_variants(word: str) -> list[str]:
    for singular, plural, singular_endings, plural_endings, compounds_only in LEMMA_GROUPS:
        for base, endings in ((singular, singular_endings), (plural, plural_endings)):
            for ending in sorted(endings, key=len, reverse=True):
                form = base + ending
                if not word.endswith(form):
                    continue
                head = word[: len(word) - len(form)]
                if compounds_only and len(head) < MIN_HEAD:
                    continue
                return [head + singular, head + plural]
    return []


def _definite_base(word: str) -> str | None:
    """The base of a definite form the stemmer leaves alone, spelt so that the stemmer
    gives the base's stem: "våldet" -> "vålde" (stem "våld"), "skolan" -> "skola"."""
    # The genitive of a definite form ("våldets"); not "-ans", which ends more words that
    # are no genitive ("instans", "balans") than ones that are.
    if word.endswith(("ets", "elns")):
        word = word[:-1]
    if len(word) < MIN_DEFINITE_LENGTH or word in NOT_DEFINITE:
        return None
    if word.endswith(NOT_DEFINITE_ENDINGS):
        return None
    # "-het" is an ending the stemmer removes itself ("myndighet" -> "mynd").
    if word.endswith("et") and not word.endswith("het"):
        return word[:-1]
    if word.endswith(("an", "eln")):
        return word[:-1]
    return None


def variants(word: str) -> tuple[str, ...]:
    """Other forms that a (lower-case) query word also finds, without the word itself."""
    found = _lemma_variants(word)
    if not found:
        base = _definite_base(word)
        found = [base] if base else []
    return tuple(dict.fromkeys(v for v in found if v and v != word))
