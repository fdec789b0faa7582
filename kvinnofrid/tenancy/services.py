"""Writes for tenancy: Wagtail groups per county and role, and staff memberships."""

from django.contrib.auth.models import AbstractBaseUser, Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from kvinnofrid.core.audit import audit_log
from kvinnofrid.regions.models import County

from .models import CountyMembership, Role, RoleGroup

# What each role may do with its county's pages and its county's collection.
PAGE_PERMISSIONS = {
    Role.EDITOR: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    Role.COORDINATOR: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
COLLECTION_PERMISSIONS = {
    Role.EDITOR: [
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
        ("wagtaildocs", "delete_document"),
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
        ("wagtailimages", "delete_image"),
    ],
    Role.COORDINATOR: [
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
    ],
}
KNOWLEDGE_BANK = [
    ("knowledge", "add_resource"),
    ("knowledge", "change_resource"),
    ("knowledge", "publish_resource"),
]
COORDINATION_MODELS = ("activity", "organisation", "contact", "network", "meeting", "nationalissue")
# County coordinators keep their county's coordination records; what they may touch is
# limited to their counties by writable_by(). National coordinators read all of them and
# write only the national rows of the registry (organisations without a county).
COORDINATION_WRITE = [
    ("coordination", f"{verb}_{model}")
    for model in COORDINATION_MODELS
    for verb in ("add", "change", "delete", "view")
]
COORDINATION_NATIONAL = [
    *(("coordination", f"view_{model}") for model in COORDINATION_MODELS),
    ("coordination", "add_organisation"),
    ("coordination", "change_organisation"),
]
# Apps after the coordination workspace list their own (kvinnofrid/<app>/permissions.py).
APP_PERMISSIONS = (
    "kvinnofrid.plans.permissions",
    "kvinnofrid.surveys.permissions",
    "kvinnofrid.reports.permissions",
    "kvinnofrid.newsletter.permissions",
)


def _app_permissions(role_attribute: str) -> list[tuple[str, str]]:
    from importlib import import_module

    return [
        pair
        for module in APP_PERMISSIONS
        for pair in getattr(import_module(module), role_attribute, [])
    ]


# Model permissions each role needs for county-owned data in the admin. The rows themselves
# are limited to the user's counties by for_user() and the county boundary.
MODEL_PERMISSIONS = {
    Role.EDITOR: [
        ("supportlines", "add_supportline"),
        ("supportlines", "change_supportline"),
        ("supportlines", "delete_supportline"),
        *KNOWLEDGE_BANK,
        ("knowledge", "delete_resource"),
        *_app_permissions("EDITOR"),
    ],
    Role.COORDINATOR: [
        ("supportlines", "add_supportline"),
        ("supportlines", "change_supportline"),
        *KNOWLEDGE_BANK,
        *COORDINATION_WRITE,
        *_app_permissions("COORDINATOR"),
    ],
    # National coordinators keep the national lines and the national knowledge bank (rows
    # without a county).
    Role.NATIONAL: [
        ("supportlines", "add_supportline"),
        ("supportlines", "change_supportline"),
        ("supportlines", "delete_supportline"),
        *KNOWLEDGE_BANK,
        ("knowledge", "delete_resource"),
        *COORDINATION_NATIONAL,
        *_app_permissions("NATIONAL"),
    ],
}
GROUP_NAME = {
    Role.EDITOR: "{county} – redaktörer",
    Role.COORDINATOR: "{county} – länssamordnare",
    Role.NATIONAL: "Nationella samordnare",
}


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _role_group(*, county: County | None, role: str) -> Group:
    role_group = RoleGroup.objects.select_related("group").filter(county=county, role=role).first()
    if role_group:
        return role_group.group
    name = GROUP_NAME[role].format(county=county.name if county else "")
    group, _ = Group.objects.get_or_create(name=name)
    RoleGroup.objects.create(county=county, role=role, group=group)
    group.permissions.add(_permission("wagtailadmin", "access_admin"))
    return group


@transaction.atomic
def national_group_ensure(
    *, collection: Collection | None = None, page: Page | None = None
) -> Group:
    """The national coordinators' group; given the national collection, it may also manage
    the files in it (the national knowledge bank's); given a page (the calendar, whose
    children are national events), it may edit and publish beneath it as an editor may."""
    group = _role_group(county=None, role=Role.NATIONAL)
    group.permissions.add(
        *(_permission(app, codename) for app, codename in MODEL_PERMISSIONS[Role.NATIONAL])
    )
    if collection is not None:
        for app_label, codename in COLLECTION_PERMISSIONS[Role.EDITOR]:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=_permission(app_label, codename)
            )
    if page is not None:
        for codename in PAGE_PERMISSIONS[Role.EDITOR]:
            GroupPagePermission.objects.get_or_create(
                group=group, page=page, permission=_permission("wagtailcore", codename)
            )
    return group


@transaction.atomic
def county_groups_ensure(*, county: County, root_page: Page, collection: Collection) -> dict:
    """Create (once) the editor and coordinator groups of a county, with rights limited to
    the county's page subtree and its collection."""
    groups = {}
    for role in (Role.EDITOR, Role.COORDINATOR):
        group = _role_group(county=county, role=role)
        for codename in PAGE_PERMISSIONS[role]:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root_page, permission=_permission("wagtailcore", codename)
            )
        group.permissions.add(
            *(_permission(app_label, codename) for app_label, codename in MODEL_PERMISSIONS[role])
        )
        for app_label, codename in COLLECTION_PERMISSIONS[role]:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=_permission(app_label, codename)
            )
        groups[role] = group
    return groups


def _sync_groups(user: AbstractBaseUser) -> None:
    """A user's role groups follow their memberships exactly."""
    wanted = set()
    for membership in CountyMembership.objects.filter(user=user):
        county = membership.county if membership.role != Role.NATIONAL else None
        role_group = RoleGroup.objects.filter(county=county, role=membership.role).first()
        if role_group is None:
            if membership.role == Role.NATIONAL:
                role_group = RoleGroup.objects.get(group=national_group_ensure())
            else:
                raise RoleGroup.DoesNotExist(f"{county} has not been provisioned")
        wanted.add(role_group.group_id)
    managed = set(RoleGroup.objects.values_list("group_id", flat=True))
    current = set(user.groups.filter(id__in=managed).values_list("id", flat=True))
    user.groups.remove(*(current - wanted))
    user.groups.add(*(wanted - current))
    for cached in ("_kvinnofrid_county_ids", "_kvinnofrid_national"):
        if hasattr(user, cached):
            delattr(user, cached)


@transaction.atomic
def membership_grant(
    *, user, role: str, county: County | None, granted_by=None
) -> CountyMembership:
    membership = CountyMembership(user=user, role=role, county=county)
    membership.full_clean()
    membership.save()
    _sync_groups(user)
    audit_log(
        instance=membership,
        action="kvinnofrid.tenancy.grant",
        user=granted_by,
        data={"role": role, "county": county.code if county else None, "user": user.username},
    )
    return membership


@transaction.atomic
def membership_revoke(
    *, membership: CountyMembership, revoked_by: AbstractBaseUser | None = None
) -> None:
    user = membership.user
    audit_log(
        instance=membership,
        action="kvinnofrid.tenancy.revoke",
        user=revoked_by,
        data={
            "role": membership.role,
            "county": membership.county.code if membership.county_id else None,
            "user": user.username,
        },
    )
    membership.delete()
    _sync_groups(user)


@transaction.atomic
def membership_change(
    *,
    membership: CountyMembership,
    role: str,
    county: County | None,
    changed_by: AbstractBaseUser | None = None,
) -> CountyMembership:
    # Read the stored row: an admin form may already have changed the instance in memory.
    stored = CountyMembership.objects.select_related("county", "user").get(pk=membership.pk)
    before = {"role": stored.role, "county": stored.county.code if stored.county_id else None}
    membership.role = role
    membership.county = county
    membership.full_clean()
    membership.save()
    # The admin form may also have moved the membership to another user: the previous
    # holder must lose the county's groups as well.
    _sync_groups(membership.user)
    if stored.user_id != membership.user_id:
        _sync_groups(stored.user)
    audit_log(
        instance=membership,
        action="kvinnofrid.tenancy.change",
        user=changed_by,
        data={
            "before": before,
            "after": {"role": role, "county": county.code if county else None},
            "user": membership.user.get_username(),
            "previous_user": stored.user.get_username(),
        },
    )
    return membership
