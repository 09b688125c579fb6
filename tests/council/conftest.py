from tests.helpers.council import build

import pytest
import transaction


@pytest.fixture
def folder(portal):
    return build(portal)


@pytest.fixture
def functional_folder(functional_portal, role_users):
    folder = build(functional_portal)
    transaction.commit()
    return folder
