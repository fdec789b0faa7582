"""Each county has a review workflow it can switch on (pages.services)."""

import pytest
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage

from kvinnofrid.pages.services import site_provision
from kvinnofrid.regions.models import County
from kvinnofrid.tenancy.models import Role, RoleGroup

pytestmark = pytest.mark.django_db


def test_every_county_gets_an_unassigned_review_workflow_for_its_own_staff():
    stockholm = County.objects.get(code="01")
    workflow = Workflow.objects.get(name="Granskning – Stockholms län")
    [task] = workflow.tasks.all()
    approvers = set(GroupApprovalTask.objects.get(pk=task.pk).groups.all())
    own = set(RoleGroup.objects.filter(county=stockholm).values_list("group", flat=True))
    assert {group.pk for group in approvers} == own
    assert {g.role_group.role for g in approvers} == {Role.EDITOR, Role.COORDINATOR}
    # Off until the county switches it on: no page is assigned to it.
    assert not WorkflowPage.objects.filter(workflow=workflow).exists()
    reviews = Workflow.objects.filter(name__startswith="Granskning – ")
    assert reviews.count() == County.objects.count()


def test_provisioning_again_makes_no_second_workflow_even_after_a_rename():
    workflow = Workflow.objects.get(name="Granskning – Uppsala län")
    workflow.name = "Uppsalas granskning"
    workflow.save()
    before = (Workflow.objects.count(), GroupApprovalTask.objects.count())

    site_provision()

    assert (Workflow.objects.count(), GroupApprovalTask.objects.count()) == before
    assert not Workflow.objects.filter(name="Granskning – Uppsala län").exists()


def test_a_county_switches_review_on_by_assigning_it_to_its_page(cast):
    from kvinnofrid.pages.models import InformationPage

    workflow = Workflow.objects.get(name="Granskning – Stockholms län")
    WorkflowPage.objects.create(page=cast.county_a.page, workflow=workflow)
    draft = cast.county_a.page.add_child(
        instance=InformationPage(title="Granskas först", slug="granskas", live=False)
    )
    assert draft.get_workflow() == workflow
    draft.save_revision(user=cast.editor_a)
    state = workflow.start(draft, cast.editor_a)
    task = state.current_task_state.task.specific
    assert task.user_can_access_editor(draft, cast.coordinator_a)
    assert not task.user_can_access_editor(draft, cast.coordinator_b)


def test_until_a_county_switches_review_on_its_pages_have_no_workflow(cast):
    # Wagtail's migration assigns "Moderators approval" to the root; its approvers' group
    # is gone, so nobody could approve what an editor submits there.
    from kvinnofrid.pages.models import InformationPage

    page = cast.county_a.page.add_child(instance=InformationPage(title="Direkt", slug="direkt"))
    assert page.get_workflow() is None
    assert not WorkflowPage.objects.filter(page__depth__lte=2).exists()
    site_provision()  # and again: it stays off
    assert page.get_workflow() is None
