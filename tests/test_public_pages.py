"""The first public pages: front page, demand scoreboard, demand pages, error pages."""

import pytest


def test_front_page_lists_the_demands(client, demo):
    response = client.get("/")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Demand the Resignation of Kansas City Police Chief Smith" in page
    for short_title in ("Accept all routine criminal complaints", "Resignation of Chief Smith"):
        assert short_title in page
    assert "Death of Donnie Sanders" in page


def test_front_page_without_data_shows_empty_states(client):
    page = client.get("/").get_data(as_text=True)
    assert "No demands are published yet." in page
    assert "Nothing is published yet." in page


def test_scoreboard_shows_every_demand_with_status(client, demo):
    page = client.get("/demands").get_data(as_text=True)
    assert page.count('class="demand-card"') == 6
    assert "Not met" in page
    assert "$250 million" in page


@pytest.mark.parametrize("path", ["/demands/3", "/demands/3-name-the-officers", "/demands/3-x"])
def test_demand_page_with_or_without_slug(client, demo, path):
    response = client.get(path)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Transparency in the names of the officer(s)" in page
    assert "Death of Donnie Sanders" in page
    assert 'rel="canonical"' in page


def test_demand_page_shows_indicator_and_status_history(client, demo):
    page = client.get("/demands/6").get_data(as_text=True)
    assert "called for Chief Rick Smith to resign" in page
    assert "KCTV5 News" in page
    page = client.get("/demands/2").get_data(as_text=True)
    assert "Without an external investigation" in page


def test_unknown_demand_is_a_helpful_404(client, demo):
    response = client.get("/demands/99")
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "Page not found" in page
    assert 'href="/demands"' in page


def test_unknown_path_is_a_helpful_404(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "front page" in response.get_data(as_text=True)


def test_unexpected_error_shows_500_page(app, client):
    @app.route("/boom")
    def boom():
        raise RuntimeError("boom")

    response = client.get("/boom")
    assert response.status_code == 500
    assert "nothing you entered was saved" in response.get_data(as_text=True)
