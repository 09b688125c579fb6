from collections import defaultdict

import pytest


CHECKED = defaultdict(dict)  # (path, action) -> role -> allowed


@pytest.fixture
def record():
    def record(path, action, role, allowed):
        CHECKED[(path, action)][role] = allowed

    return record


def pytest_terminal_summary(terminalreporter):
    if not CHECKED:
        return
    from tests.helpers.permissions import ROLES

    short = {"Site Administrator": "SiteAdm", "CouncilMember": "Council"}
    header = ["action".ljust(38)] + [short.get(r, r)[:9].ljust(9) for r in ROLES]
    for path in sorted({p for p, _ in CHECKED}):
        terminalreporter.section(f"permission matrix checked through {path}")
        terminalreporter.write_line(" ".join(header))
        for (p, action), by_role in sorted(CHECKED.items()):
            if p != path:
                continue
            cells = [
                ("yes" if by_role[r] else "no").ljust(9)
                if r in by_role
                else "-".ljust(9)
                for r in ROLES
            ]
            terminalreporter.write_line(" ".join([action.ljust(38), *cells]))
