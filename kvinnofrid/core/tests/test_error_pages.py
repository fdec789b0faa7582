import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_post_without_a_csrf_token_is_refused_in_swedish():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "Formuläret kunde inte skickas" in body
    assert 'id="quick-exit"' in body


def test_the_server_error_page_offers_the_quick_exit_without_the_database(rf, settings):
    from kvinnofrid.core.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    body = response.content.decode()
    assert f'href="{settings.QUICK_EXIT_URL}"' in body
    assert "Lämna sidan snabbt" in body
