import pytest


@pytest.fixture
def request_with_url(portal):
    request = portal.REQUEST
    request.environ["REQUEST_METHOD"] = "POST"
    request["ACTUAL_URL"] = "http://nohost/plone/v1"
    return request
