"""What changed between two letters (an issued report and the next one)."""

from bk.plone.letter.schema import Letter


def letter_changes(previous: Letter | None, current: Letter) -> dict:
    before = {p.number: p for p in previous.points} if previous else {}
    now = {p.number: p for p in current.points}
    order = [p.number for p in current.points]
    return {
        "previous_date": previous.date if previous else None,
        "added": [n for n in order if n not in before] if previous else [],
        "removed": [n for n in before if n not in now],
        "state_changes": [
            {"number": n, "from": before[n].state, "to": now[n].state}
            for n in order
            if n in before and before[n].state != now[n].state
        ],
        "report_changes": [
            n
            for n in order
            if n in before and before[n].status_report != now[n].status_report
        ],
    }
