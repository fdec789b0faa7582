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
