"""Generated letters for the benchmarks: each a different resolution, 5 to 15 points,
the states mixed the way a real follow-up mixes them."""

import random


REPORTS = {
    "fulfilled": "Der Beschlusspunkt ist erfüllt.",
    "in_progress": (
        "Mit der Umsetzung wurde begonnen. Die Ausschreibung ist veröffentlicht, "
        "die Vergabe folgt im nächsten Quartal.\n\nÜber den weiteren Fortgang wird "
        "in der nächsten Beschlusskontrolle berichtet."
    ),
    "open": "offen",
}


def generated_letter(index: int, seed: int = 2021) -> str:
    rng = random.Random(seed * 100_003 + index)  # noqa: S311 (letters for a benchmark, not secrets)
    points = []
    for number in range(1, rng.randint(5, 15) + 1):
        state = rng.choices(list(REPORTS), weights=(6, 3, 1))[0]
        points.append(
            f"{number}. „Die Oberbürgermeisterin wird beauftragt, Maßnahme {number} "
            f"des Konzepts {index} umzusetzen und dem Stadtrat zu berichten.“\n\n"
            f"{REPORTS[state]}\n"
        )
    body = "\n".join(points)
    return f"""vertraulich

Landeshauptstadt Dresden
Der Oberbürgermeister

An alle
Fraktionen sowie Mitglieder
des Stadtrates der Landeshauptstadt Dresden

GZ: (OB) BENCH

Datum: {rng.randint(1, 28)}.{rng.randint(1, 12):02d}.2024

Beschlusskontrolle zu B{index:04d}/24 (Sitzungsnummer: SR/{index % 90:03d}/2024)

Konzept Nummer {index} zur Entwicklung der Landeshauptstadt

Sehr geehrte Fraktionen und Mitglieder des Stadtrates,

folgender Zwischenstand kann zu oben genanntem Beschluss gegeben werden:

{body}
nächste Beschlusskontrolle: 30.06.2025

Mit freundlichen Grüßen

Dirk Hilbert
"""
