from django.apps import apps
from django.contrib.auth.management import create_permissions


def provision_after_migrate(sender, using="default", verbosity=1, **kwargs):
    """Build the page tree, collections and role groups right after `migrate`.

    A data migration cannot do this: Wagtail pages and collections are tree nodes
    (treebeard) whose API the historical models of a migration lack. Running the same
    idempotent service after every migrate gives the same guarantee: a migrated database
    always has a CountyPage, a collection and role groups for every county."""
    if using != "default":
        return  # one database; nothing to build on others
    from kvinnofrid.regions.models import County
    from kvinnofrid.regions.reference import load_reference_data

    from .services import site_provision

    # Django creates each app's permissions in its own post_migrate call, in app order,
    # and the role groups need those of apps listed after this one (documents, images).
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    # Likewise the "publish" permission of snippets with drafts (the knowledge bank).
    from wagtail.snippets.models import create_extra_permissions

    create_extra_permissions(apps.get_app_config("wagtailsnippets"), using=using)
    # After `flush` (which also ends every transactional test) the reference rows that the
    # data migration loaded are gone; reload them so the database is usable again.
    if not County.objects.exists():
        load_reference_data()
    site_provision()
