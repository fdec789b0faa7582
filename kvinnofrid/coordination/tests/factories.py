import datetime

import factory

from kvinnofrid.coordination.models import (
    Activity,
    Contact,
    Meeting,
    NationalIssue,
    Network,
    NetworkMember,
    Organisation,
)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Kvinnojouren nr {n}")
    kind = Organisation.Kind.CIVIL_SOCIETY
    civil_society_kind = Organisation.CivilSocietyKind.WOMENS_SHELTER


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    name = factory.Sequence(lambda n: f"Kontakt {n}")
    organisation = factory.SubFactory(OrganisationFactory, county=factory.SelfAttribute("..county"))
    email = factory.Sequence(lambda n: f"kontakt{n}@example.org")
    source = "Anmälan till nätverket"


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Kvinnofridsnätverket {n}")

    @factory.post_generation
    def counties(self, create, extracted, **kwargs):
        if create and extracted:
            self.counties.set(extracted)


class NetworkMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkMember

    network = factory.SubFactory(NetworkFactory)
    role = NetworkMember.Role.MEMBER


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    starts_at = factory.LazyFunction(
        lambda: datetime.datetime(2026, 3, 10, 9, 0, tzinfo=datetime.UTC)
    )


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    kind = Activity.Kind.MUNICIPALITY_VISIT
    title = factory.Sequence(lambda n: f"Kommunbesök {n}")
    starts_on = datetime.date(2026, 3, 10)


class NationalIssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NationalIssue

    title = factory.Sequence(lambda n: f"Fråga {n}")
    description = "Kommunerna saknar nationell vägledning om riskbedömning."
    raised_on = datetime.date(2026, 3, 10)
