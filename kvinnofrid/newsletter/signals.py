def national_list_permissions(sender, instance, **kwargs):
    """The national list stands under the home page, and national coordinators are the
    ones who publish its issues (as for national events under the calendar)."""
    if instance.county_id is None:
        from kvinnofrid.tenancy.services import national_group_ensure

        national_group_ensure(page=instance)
