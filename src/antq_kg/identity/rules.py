"""The identity rules that need no article: the ANTQ movement and other initiatives, authors, posts,
and the organisation of a head serving a gazetteer unit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from ..iris import folded_name, slug
from ..lexicon import rows
from ..orgnames import canonical_head, unit_label
from .records import Identity, OrgIdentity

if TYPE_CHECKING:
    from ..gazetteer import AdminUnit

#: The ANTQ movement: one entity across all articles and written forms.
MOVEMENT_NAME: Final = "Toàn dân bảo vệ an ninh Tổ quốc"
ANTQ_MOVEMENT_SLUG: Final = slug(MOVEMENT_NAME)


def _movement_forms() -> frozenset[str]:
    """The folded names of every written form of the ANTQ movement: the forms of the campaigns
    lexicon ``lexicons/campaigns_antq.tsv`` (full name, "toàn dân bảo vệ ANTQ", TDBVANTQ, BVANTQ…),
    each also after the kind word "phong trào"."""
    forms = {folded_name(row[0]) for row in rows("campaigns_antq")} | {folded_name(MOVEMENT_NAME)}
    return frozenset(forms | {f"phong trào {f}" for f in forms})


_MOVEMENT_FORMS = _movement_forms()


def is_movement(name: str) -> bool:
    """Whether ``name`` is a written form of the ANTQ movement.

    >>> is_movement("BVANTQ"), is_movement("phong trào Toàn dân tham gia bảo vệ an ninh Tổ quốc")
    (True, True)
    >>> is_movement("Câu lạc bộ đoàn kết")
    False
    """
    return folded_name(name) in _MOVEMENT_FORMS


def initiative(name: str) -> Identity:
    """A named initiative: its folded name; every written form of the ANTQ movement is one.

    >>> initiative("TDBVANTQ").path == initiative("Toàn dân bảo vệ an ninh Tổ quốc").path
    True
    >>> initiative("Câu lạc bộ đoàn kết").path
    ('cau-lac-bo-doan-ket-8c2445',)
    """
    if is_movement(name):
        return Identity(
            "initiative",
            f"initiative|{folded_name(MOVEMENT_NAME)}",
            f"a written form of the movement {MOVEMENT_NAME} "
            "(forms listed in lexicons/campaigns_antq.tsv): one movement in every article",
            "corpus",
            (ANTQ_MOVEMENT_SLUG,),
        )
    return Identity(
        "initiative",
        f"initiative|{folded_name(name)}",
        "the same name, folded (case, tone placement, punctuation): one initiative across articles",
        "corpus",
        (slug(name),),
    )


def author(byline: str) -> Identity:
    """The author of a byline: one author across articles for one byline, folded.

    >>> author("Phương Thủy").path == author("PHƯƠNG  THỦY").path
    True
    """
    return Identity(
        "author",
        f"author|{folded_name(byline)}",
        "the same byline, folded (case, tone placement, spacing): one author across articles",
        "corpus",
        (slug(byline),),
    )


def post(organization: Identity, role: str) -> Identity:
    """The post of ``role`` in an organisation: one per organisation and role, whoever holds it when.

    >>> police = Identity("org", "org|công an|p33", "", "corpus", ("cong-an-3f2a1b", "p33"))
    >>> post(police, "Giám đốc").path[:2], post(police, "giám  đốc") == post(police, "Giám đốc")
    (('cong-an-3f2a1b', 'p33'), True)
    """
    return Identity(
        "post",
        f"post|{organization.key}|{folded_name(role)}",
        f"the role '{folded_name(role)}' in the organisation {organization.key}: one post, held by "
        "whoever the articles name in it at their dates",
        organization.scope,
        (*organization.path, slug(role)),
    )


def unit_organization(head: str, unit: AdminUnit) -> OrgIdentity:
    """The organisation of head ``head`` ("Công an", "Đảng ủy Công an") serving gazetteer unit ``unit``.

    >>> from antq_kg.gazetteer import AdminUnit
    >>> org = unit_organization("Công an", AdminUnit("p33", "33", "tỉnh", "Hưng Yên", 1, "VN", None, None))
    >>> org.label, org.identity.key, org.identity.path[1]
    ('Công an tỉnh Hưng Yên', 'org|công an|p33', 'p33')
    >>> unit_organization("Ủy ban MTTQ", AdminUnit("p33", "33", "tỉnh", "Hưng Yên", 1, "VN", None, None)).label
    'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Hưng Yên'
    """
    canon = canonical_head(head).canonical
    return OrgIdentity(
        Identity(
            "org",
            f"org|{folded_name(canon)}|{unit.key}",
            f"the same head '{folded_name(canon)}' (abbreviations and written forms brought to one) "
            f"serving the same unit ({unit.key})",
            "corpus",
            (slug(canon), unit.key),
        ),
        unit_label(canon, unit.type, unit.name) if unit.level else f"{canon} {unit.label}",
        unit.key,
        canon,
    )
