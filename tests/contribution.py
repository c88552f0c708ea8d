"""A contributor's valid bilingual blog post, as a one-file pull request adds it (test helper)."""

from __future__ import annotations

from pathlib import Path

from labkb.features import translations

SLUG = "notes-from-a-contributor"

_EN_BODY = """
Public buyers often ask how a small team can start to look at human rights risks in its
contracts. This post sets out how one team could organise the first months of that work,
step by step, without new staff and without a new budget line.

## Start with what you buy

The first step is a list of the contracts the team manages, with the goods and services each
one covers. Most teams already have this list for their annual plan. The team reads it with one
question in mind: in which of these supply chains could people be harmed? Some answers come
quickly, such as uniforms, electronics or cleaning services, where workers are known to face
long hours and low pay. Other answers need a conversation with colleagues who know the market.

## Talk to the people who know the market

The second step is a series of short meetings. Category managers, contract managers and, where
possible, suppliers are asked what they know about the people who make the goods or deliver
the services. These meetings do not need to be formal. Their purpose is to learn where the
information is and who holds it, so that the team can plan what to ask for in the next tender.

## Write down what you learn

The third step is a short note for each contract that looked risky. The note says what the
risk is, what the team knows and does not know, and what it plans to do at the next stage of
the procurement cycle. A note of one page is enough. Over time these notes become the
record that shows managers, auditors and the public how the team decided where to act first.

## Share it

Finally, the team shares its notes with other buyers in its network. Others face the same
markets, and a shared note saves everyone time. The Learning Lab's blog welcomes such notes
from contributors in every country of the network.
"""

_ES_BODY = """
Las entidades compradoras suelen preguntar cómo puede un equipo pequeño empezar a mirar los
riesgos para los derechos humanos en sus contratos. Esta entrada propone cómo podría organizar
ese trabajo durante los primeros meses, paso a paso, sin personal nuevo y sin presupuesto nuevo.

## Empezar por lo que se compra

El primer paso es una lista de los contratos que administra el equipo, con los bienes y
servicios que cubre cada uno. La mayoría de los equipos ya tiene esa lista para su plan anual.
El equipo la lee con una pregunta en mente: ¿en cuáles de estas cadenas de suministro podrían
sufrir daños las personas? Algunas respuestas llegan rápido, como los uniformes, los equipos
electrónicos o los servicios de limpieza, donde se sabe que muchas personas trabajan jornadas
largas por salarios bajos. Otras respuestas requieren conversar con colegas que conocen el mercado.

## Conversar con quienes conocen el mercado

El segundo paso es una serie de reuniones breves. Se pregunta a quienes gestionan las categorías
y los contratos y, cuando es posible, a los proveedores qué saben de las personas que fabrican
los bienes o prestan los servicios. Estas reuniones no necesitan ser formales. Su propósito es
saber dónde está la información y quién la tiene, para planificar qué pedir en la próxima licitación.

## Dejar constancia de lo aprendido

El tercer paso es una nota breve por cada contrato que pareció riesgoso. La nota dice cuál es
el riesgo, qué sabe y qué no sabe el equipo, y qué piensa hacer en la siguiente etapa del ciclo
de compras. Basta con una página. Con el tiempo, estas notas forman el registro que muestra a
la dirección, a la auditoría y a la ciudadanía cómo decidió el equipo por dónde empezar.

## Compartirlo

Por último, el equipo comparte sus notas con otras entidades compradoras de su red. Otras
enfrentan los mismos mercados, y una nota compartida ahorra tiempo a todas. El blog del
Laboratorio recibe con gusto estas notas de personas de todos los países de la red.
"""


def english_post(author: str = "lab-editors", review: str = "review_status: needs-review\n") -> str:
    return (
        "---\n"
        'title: "Notes from a contributor: where a small team can start"\n'
        "date: 2026-11-25\n"
        f"authors: [{author}]\n"
        "categories: [lab-news]\n"
        "description: How a small procurement team could organise its first months of work on human "
        "rights risks, without new staff or budget.\n"
        f"{review}"
        "---\n" + _EN_BODY
    )


def spanish_post(english: str, author: str = "lab-editors", review: str = "review_status: needs-review\n") -> str:
    return (
        "---\n"
        'title: "Notas de una colaboradora: por dónde puede empezar un equipo pequeño"\n'
        "date: 2026-11-25\n"
        f"authors: [{author}]\n"
        "categories: [lab-news]\n"
        "description: Cómo podría organizar un equipo de compras pequeño sus primeros meses de trabajo "
        "sobre los riesgos para los derechos humanos, sin personal ni presupuesto nuevos.\n"
        f"{review}"
        "translation_of: en\n"
        f"source_fingerprint: {translations.fingerprint(english)}\n"
        "---\n" + _ES_BODY
    )


def add_bilingual_post(root: Path, author: str = "lab-editors") -> list[Path]:
    """Write the post in both languages under `root`/content; returns the two files."""
    english = english_post(author)
    paths = [root / "content/en/blog" / f"{SLUG}.md", root / "content/es/blog" / f"{SLUG}.md"]
    for path in paths:
        path.parent.mkdir(parents=True, exist_ok=True)
    paths[0].write_text(english, encoding="utf-8")
    paths[1].write_text(spanish_post(english, author), encoding="utf-8")
    return paths
