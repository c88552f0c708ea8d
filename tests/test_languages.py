"""Languages are data: data/languages.yml is the core's one list, mkdocs.yml must agree with it,
and a third language is added with data and configuration only (the Portuguese fixture)."""

from __future__ import annotations

import copy
import csv
import html
import io
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest
import yaml

from labkb.features import rendering, scaffold, search, survey, survey_pages
from labkb.model import dates, frontmatter, languages, registries
from labkb.model.project import Project
from labkb.model.schema import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES
from labkb.tools import cli
from tests.conftest import MAKE_FILES, REPO, SITE_FILES, copy_repository, without_codes

# --- the list, and what each language's data gives the code ------------------------------------


def test_the_language_list_is_data_and_schema_reads_it():
    found, problems = languages.load(Project(REPO))
    assert problems == [] and languages.PROBLEMS == ()
    assert found.codes == LANGUAGES == ("en", "es")
    assert DEFAULT_LANGUAGE == "en" and LANGUAGE_NAMES == {"en": "English", "es": "Spanish"}
    assert languages.check(Project(REPO)) == []  # mkdocs.yml agrees (read with its !ENV tags)
    assert languages.mkdocs_languages(Project(REPO))[:2] == (["en", "es"], "en")


def _old_variants(word: str, language: str) -> set[str]:
    """labkb.features.search.variants before the rules became data (commit 6f6f916), for comparison."""
    forms = {word}
    if language == "es":
        if word.endswith("ces"):
            forms.add(word[:-3] + "z")
        elif word.endswith("es"):
            forms |= {word[:-2], word[:-1]}
        elif word.endswith("s"):
            forms.add(word[:-1])
        elif word.endswith("z"):
            forms.add(word[:-1] + "ces")
        else:
            forms.add(word + ("s" if word[-1] in "aeiou" else "es"))
        return forms
    if word.endswith("ies"):
        forms.add(word[:-3] + "y")
    elif word.endswith("es"):
        forms |= {word[:-2], word[:-1]}
    elif word.endswith("s") and not word.endswith("ss"):
        forms.add(word[:-1])
    elif word.endswith("y") and word[-2:-1] not in "aeiou":
        forms.add(word[:-1] + "ies")
    else:
        forms.add(word + ("es" if word.endswith(("s", "x", "z", "ch", "sh")) else "s"))
    return forms


def test_plural_rules_from_data_give_exactly_the_forms_the_code_gave():
    endings = ["", "a", "e", "o", "u", "y", "ay", "s", "ss", "es", "ies", "ces", "z", "x", "ch", "sh", "ses", "zes"]
    stems = ["prov", "polic", "luz", "proces", "bo", "cha"]
    words = {stem + ending for stem, ending in itertools.product(stems, endings)}
    words |= {"".join(letters) for letters in itertools.product("aceshxyz", repeat=4)}
    for word, language in itertools.product(sorted(words), ("en", "es")):
        assert search.variants(word, language) == _old_variants(word, language), (word, language)


def test_dates_and_new_post_comment_come_from_data():
    assert dates.long_date("2017-10-06", "en") == "6 October 2017"
    assert dates.long_date("2017-10-06", "es") == "6 de octubre de 2017"
    assert dates.date_range("2017-11-29", "2017-12-01", "en") == "29 November 2017 to 1 December 2017"
    assert dates.date_range("2017-11-29", "2017-12-01", "es") == "del 29 de noviembre de 2017 al 1 de diciembre de 2017"
    assert dates.month_name(2, "es") == "febrero"
    assert languages.SITE.get("es").new_post.startswith("<!--\nEscriba su artículo debajo de este comentario")
    with pytest.raises(languages.UnknownLanguageError, match="'pt' is not a language of the site"):
        dates.long_date("2017-10-06", "pt")  # never another language's dates


# --- mistakes in data/languages.yml --------------------------------------------------------------

PORTUGUESE = """
pt:
  name: Portuguese
  months: [janeiro, fevereiro, março, abril, maio, junho, julho, agosto, setembro, outubro, novembro, dezembro]
  long_date: "{day} de {month} de {year}"
  date_range: "de {start} a {end}"
  plurals:
    - {ending: oes, other: [ao]}       # licitações -> licitação (words are folded: no accents)
    - {ending: aes, other: [ao]}
    - {ending: ais, other: [al]}       # nacionais -> nacional
    - {ending: eis, other: [el]}
    - {ending: ns, other: [m]}
    - {ending: res, other: [r]}        # fornecedores -> fornecedor
    - {ending: zes, other: [z]}
    - {ending: s, other: [""]}         # compras -> compra
    - {ending: ao, other: [oes]}
    - {ending: al, other: [ais]}
    - {ending: el, other: [eis]}
    - {ending: m, other: [ns]}
    - {ending: r, other: [res]}        # fornecedor -> fornecedores
    - {ending: z, other: [zes]}
    - {ending: "", other: [s]}
  new_post: |
    <!--
    Escreva o seu artigo abaixo deste comentário: entre 300 e 1000 palavras, num tom
    claro e baseado em fatos. Cite fontes públicas com links. Use '## ' para os
    subtítulos (não '# ': o título vem do cabeçalho). Imagens: guarde o arquivo ao lado
    deste e descreva-o: ![O que a imagem mostra](minha-imagem.png).
    Depois execute `make check` e corrija o que ele indicar. Este comentário não conta.
    -->
"""


def _data_copy(tmp_path: Path) -> Project:
    """The project's data and configuration (no content), to break one file."""
    root = tmp_path / "project"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return Project(root)


def _languages_file(project: Project, text: str) -> None:
    (project.root / languages.FILE).write_text(text, encoding="utf-8")


def _messages(project: Project) -> list[str]:
    """The findings of the language list, without their rule codes."""
    return without_codes("\n".join(f.text() for f in languages.load(project)[1]))


def test_a_third_language_reads_from_data(tmp_path):
    project = _data_copy(tmp_path)
    _languages_file(project, (REPO / languages.FILE).read_text(encoding="utf-8") + PORTUGUESE)
    found, problems = languages.load(project)
    assert problems == [] and found.codes == ("en", "es", "pt")
    portuguese = found.get("pt")
    assert portuguese.date(29, 3, 2017) == "29 de março de 2017"
    assert portuguese.span("1", "2") == "de 1 a 2"
    assert portuguese.variants("fornecedores") == {"fornecedores", "fornecedor"}
    assert portuguese.variants("licitacao") == {"licitacao", "licitacoes"}


BROKEN = [
    (
        "en:\n  name: English\n",
        [
            "data/languages.yml:1: 'en': 'months' is missing: add 'months: [janeiro, fevereiro, ...] (twelve names)'",
            "data/languages.yml:1: 'en': 'long_date' is missing: add 'long_date: \"{day} de {month} de {year}\"'",
            "data/languages.yml:1: 'en': 'date_range' is missing: add 'date_range: \"de {start} a {end}\"'",
            "data/languages.yml:1: 'en': 'plurals' is missing: add 'plurals: with one "
            "'- {ending: s, other: [\"\"]}' line per rule'",
            "data/languages.yml:1: 'en': 'new_post' is missing: add 'new_post: | followed by an HTML comment "
            "'<!-- ... -->''",
        ],
    ),
    (
        "{}\n",
        ["data/languages.yml:1: no language is listed: add the default language first, e.g. 'en:'"],
    ),
    (
        "en: [English]\n",
        [
            "data/languages.yml:1: 'en': give the language's name, months, long_date, date_range, plurals, "
            "new_post below its code"
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), BROKEN)
def test_an_incomplete_language_file_says_what_is_missing(tmp_path, text, expected):
    project = _data_copy(tmp_path)
    _languages_file(project, text)
    assert _messages(project) == expected


def _with(project: Project, old: str, new: str) -> list[str]:
    text = (REPO / languages.FILE).read_text(encoding="utf-8")
    assert old in text
    _languages_file(project, text.replace(old, new, 1))
    return _messages(project)


def _line(needle: str) -> int:
    lines = (REPO / languages.FILE).read_text("utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if needle in line)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("months: [enero, ", "months: [", "'es': 'months' must list the twelve month names, January first"),
        (
            '"{day} de {month} de {year}"',
            '"{dia} de {month} de {year}"',
            "'es': 'long_date' must hold {day}, {month}, {year}, each once, and no other {...} "
            "(found '{dia} de {month} de {year}')",
        ),
        (
            '"del {start} al {end}"',
            '"del {start} al {end:>4}"',
            "'es': 'date_range' must hold {start}, {end}, each once, and no other {...}",
        ),
        (
            "{ending: ces, other: [z]}",
            "{ending: ces, other: [zé]}",
            "'es': plural rules are written in lower case without accents (search applies them to words "
            "folded that way): 'zé'",
        ),
        (
            "{ending: ces, other: [z]}",
            "{ending: ces, becomes: [z]}",
            "'es': a plural rule is '{ending: ..., other: [...]}': the ending, and the forms that replace it",
        ),
        (
            "    - {ending: ces, other: [z]}         # luces -> luz\n",
            "    - {ending: s, other: [\"\"]}\n    - {ending: ces, other: [z]}\n",
            "'es': this rule never applies: the rule on line",
        ),
        (
            "  new_post: |\n    <!--\n    Escriba",
            "  new_post: |\n    Escriba",
            "'es': 'new_post' must be one HTML comment, '<!--' to '-->', so that it is not published",
        ),
        ("  months: [enero", "  month: [enero", "'es': unknown key 'month' (did you mean 'months'?)"),
        ("\nes:\n", "\nES:\n", "'ES': a language's key is its code in lower case, like 'en', 'es' or 'pt'"),
    ],
)
def test_each_mistake_in_a_language_is_named_with_its_line(tmp_path, old, new, message):
    project = _data_copy(tmp_path)
    messages = _with(project, old, new)
    assert any(message in m for m in messages), messages
    assert all(m.startswith("data/languages.yml:") for m in messages)


def test_a_language_with_a_mistake_stays_listed_and_is_reported(tmp_path):
    project = _data_copy(tmp_path)
    messages = _with(project, "months: [enero, ", "months: [")
    line = _line("months: [enero, ")
    assert messages == [
        f"data/languages.yml:{line}: 'es': 'months' must list the twelve month names, January first: "
        "[January, February, ...]"
    ]
    found = languages.load(project)[0]
    assert found.codes == ("en", "es")  # so the checker does not also report every file of content/es/
    assert found.get("es").months[0] == "1" and found.get("es").plurals == ()  # placeholders, not English


def test_a_missing_or_unreadable_language_file_is_one_finding(tmp_path):
    project = _data_copy(tmp_path)
    (project.root / languages.FILE).unlink()
    assert _messages(project) == [
        "data/languages.yml: this data file is missing: it lists the languages of the site, the default first"
    ]
    assert languages.load(project)[0].codes == ("en", "es")  # mkdocs.yml's, as placeholders
    (project.root / languages.FILE).write_bytes(b"en:\n  name: \xff\n")
    assert _messages(project) == ["data/languages.yml: this file is not UTF-8 text (byte 12): save it as UTF-8"]


def test_with_a_mistake_in_the_list_commands_stop_and_check_names_only_it(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for name in ("data", "labkb", "content", "scripts"):
        shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    text = (root / languages.FILE).read_text(encoding="utf-8")
    (root / languages.FILE).write_text(text.replace("  months: [enero, ", "  months: ["), encoding="utf-8")
    line = _line("months: [enero, ")
    problem = f"data/languages.yml:{line}: 'es': 'months' must list the twelve month names, January first: "
    urls = _run(root, "scripts/kb.py", "urls")
    assert urls.returncode == 1 and urls.stdout == ""
    assert urls.stderr.splitlines() == [
        problem + "[January, February, ...] [languages-file.months]",
        "Fix data/languages.yml first: it lists the languages of the site.",
    ]
    check = _run(root, "scripts/kb.py", "check")
    assert check.returncode == 1
    assert check.stdout.splitlines() == [problem + "[January, February, ...] [languages-file.months]"]
    assert "Traceback" not in check.stderr + urls.stderr


# --- mkdocs.yml agrees with data/languages.yml ---------------------------------------------------

MKDOCS_LANGUAGES_LINE = next(
    n for n, line in enumerate((REPO / "mkdocs.yml").read_text("utf-8").splitlines(), 1) if line == "      languages:"
)


def _mkdocs(site, old: str, new: str) -> None:
    text = (site.root / "mkdocs.yml").read_text(encoding="utf-8")
    assert old in text
    (site.root / "mkdocs.yml").write_text(text.replace(old, new, 1), encoding="utf-8")


def test_check_fails_when_mkdocs_yml_lacks_a_language(site, capsys):
    text = (site.root / "mkdocs.yml").read_text(encoding="utf-8")
    start = text.index("        - locale: es")
    end = text.index("\n# --- Hooks")
    (site.root / "mkdocs.yml").write_text(text[:start] + text[end:], encoding="utf-8")
    code, output = site.check(capsys=capsys)
    assert code == 1
    assert (
        f"mkdocs.yml:{MKDOCS_LANGUAGES_LINE}: data/languages.yml lists the language 'es' but plugins: i18n: "
        "languages: in mkdocs.yml does not (en): add '- locale: es' there, with its name, site_name and the "
        "colour-scheme toggle names in that language (as for the other languages), or remove 'es' from "
        "data/languages.yml"
    ) in without_codes(output)


def test_check_fails_when_mkdocs_yml_has_a_language_the_data_lacks(site, capsys):
    _mkdocs(site, "        - locale: es\n", "        - locale: pt\n          build: true\n        - locale: es\n")
    code, output = site.check(capsys=capsys)
    assert code == 1
    assert (
        f"mkdocs.yml:{MKDOCS_LANGUAGES_LINE}: plugins: i18n: languages: in mkdocs.yml lists the language 'pt' but "
        "data/languages.yml does not (en, es): add 'pt:' to data/languages.yml (its name, months, date formats, "
        "plural rules and new-post comment), or remove it from mkdocs.yml"
    ) in without_codes(output)


def test_check_fails_when_the_default_languages_differ(site, capsys):
    _mkdocs(site, "          default: true\n", "")
    _mkdocs(site, "          name: Español\n", "          name: Español\n          default: true\n")
    code, output = site.check(capsys=capsys)
    assert code == 1
    assert (
        f"mkdocs.yml:{MKDOCS_LANGUAGES_LINE}: the default language of plugins: i18n: languages: in mkdocs.yml is "
        "'es' (default: true), but data/languages.yml lists 'en' first: the default language comes first in "
        "data/languages.yml, and only it has 'default: true' in mkdocs.yml; make both the same"
    ) in without_codes(output)


def test_a_checkout_whose_list_differs_from_the_running_one_is_told(tmp_path):
    project = _data_copy(tmp_path)
    _languages_file(project, (REPO / languages.FILE).read_text(encoding="utf-8") + PORTUGUESE)
    messages = [f.text() for f in languages.check(project)]
    assert messages[0].startswith(
        "data/languages.yml: this file lists en, es, pt, but the commands running now come from another checkout ("
    )
    assert any("lists the language 'pt' but plugins: i18n: languages: in mkdocs.yml does not" in m for m in messages)


def test_every_language_needs_its_name_in_the_labels(site, capsys):
    labels = site.root / registries.LABELS_FILE
    text = labels.read_text(encoding="utf-8")
    labels.write_text(re.sub(r"(?m)^language_name_es:.*\n", "", text), encoding="utf-8")
    code, output = site.check(capsys=capsys)
    assert code == 1
    assert (
        "data/labels.yml: the language 'es' (data/languages.yml) has no name: add "
        "'language_name_es: {en: ..., es: ...}' with its name in each language"
    ) in without_codes(output)


# --- new posts: a title per language ------------------------------------------------------------


def test_titles_per_language_are_lang_equals_text():
    assert scaffold.parse_titles(["es=Título = sí"], None) == {"es": "Título = sí"}
    assert scaffold.parse_titles(["es=Uno\npt=Dois\n"], None) == {"es": "Uno", "pt": "Dois"}
    assert scaffold.parse_titles([], {"es": "Alias"}) == {"es": "Alias"}
    with pytest.raises(scaffold.ScaffoldError, match=r"written LANG=TEXT, e\.g\. es=Título del artículo"):
        scaffold.parse_titles(["Título"])
    with pytest.raises(scaffold.ScaffoldError, match="two titles are given in 'es': give one"):
        scaffold.parse_titles(["es=Otro"], {"es": "Alias"})


NEW_POST = ["--author", "lab-editors", "--category", "practice", "--description", "A new post."]


def _new_post(site, capsys, *args: str) -> tuple[int, str]:
    code = cli.main(["--root", str(site.root), "new-post", "--title", "Buying well", *NEW_POST, *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.mark.parametrize("option", [["--title-in", "es=Comprar bien"], ["--title-es", "Comprar bien"]])
def test_new_post_takes_a_title_per_language_and_the_spanish_alias(site, capsys, option):
    code, output = _new_post(site, capsys, "--langs", "en,es", *option)
    assert code == 0, output
    spanish = (site.root / "content/es/blog/buying-well.md").read_text("utf-8")
    assert frontmatter.parse(spanish).meta.plain()["title"] == "Comprar bien"
    assert spanish.split("---\n\n", 1)[1] == languages.SITE.get("es").new_post


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--langs", "en", "--title-in", "es=Comprar bien"],
            "new-post: a title is given in 'es', but the post is written in en: add 'es' to the languages, "
            "or leave that title out",
        ),
        (
            ["--langs", "en,es", "--title-in", "pt=Comprar bem"],
            "new-post: a title is given in 'pt', which is not a language of the site (en, es)",
        ),
        (
            ["--langs", "en,es", "--title-in", "Comprar bien"],
            "new-post: a title in another language is written LANG=TEXT, e.g. es=Título del artículo "
            "(got 'Comprar bien')",
        ),
    ],
)
def test_new_post_refuses_a_title_it_cannot_use_and_writes_nothing(site, capsys, args, message):
    code, output = _new_post(site, capsys, *args)
    assert code == 1
    assert message in without_codes(output)
    assert not list((site.root / "content").rglob("buying-well.md"))


def test_make_new_post_title_in_is_text_never_code(tmp_path):
    from tests.test_hardening import make_new_post, planted

    root = copy_repository(tmp_path / "checkout", (*MAKE_FILES, "labkb", "data", "content"))
    title = "Título `touch pwned-backtick` $(touch pwned-dollar) $(shell touch pwned-make) '\" $$HOME"
    common = {"AUTHOR": "lab-editors", "LANGS": "en,es", "CATEGORY": "practice", "DESCRIPTION": "A post."}
    result = make_new_post(root, TITLE="Buying well", TITLE_IN=f"es={title}", **common)
    assert result.returncode == 0, result.stdout + result.stderr
    assert planted(root) == []
    spanish = frontmatter.parse((root / "content/es/blog/buying-well.md").read_text("utf-8")).meta.plain()
    assert spanish["title"] == title
    result = make_new_post(root, TITLE="Buying better", TITLE_ES="Comprar mejor", **common)
    assert result.returncode == 0, result.stdout + result.stderr
    spanish = frontmatter.parse((root / "content/es/blog/buying-better.md").read_text("utf-8")).meta.plain()
    assert spanish["title"] == "Comprar mejor"


# --- the survey's columns per language, and the 404 page ---------------------------------------


def test_survey_columns_per_language_are_derived_from_the_list():
    columns = [column for column, _ in survey_pages.CSV_COLUMNS]
    for name in ("jurisdiction", "question", "answer", "note"):
        assert [c for c in columns if c.startswith(name + "_")] == [f"{name}_{lang}" for lang in LANGUAGES]
    data, problems = survey.load(Project(REPO))
    assert problems == []
    regs = registries.load(Project(REPO))
    english = html.unescape(survey_pages.dictionary(data, regs, "en", lambda target: target))
    spanish = html.unescape(survey_pages.dictionary(data, regs, "es", lambda target: target))
    for text in ("Name of the jurisdiction in Spanish.", "The question in English.", "The answer's label in Spanish."):
        assert text in english
    assert "Nota que explica la respuesta, en inglés (puede estar vacía" in spanish


def _render_404(**context) -> str:
    stub = "<T>{% block htmltitle %}{% endblock %}</T><C>{% block content %}{% endblock %}</C>"
    loader = jinja2.DictLoader(
        {"main.html": stub, "404.html": (REPO / "overrides/404.html").read_text(encoding="utf-8")}
    )
    environment = jinja2.Environment(loader=loader)
    environment.filters["url"] = lambda value: value  # MkDocs' filter: the favicon's address
    page = environment.get_template("404.html")
    config = {"site_url": "https://learninglab.example/", "theme": {"favicon": "assets/images/favicon.png"}}
    text = page.render(config=config, **context)
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", text)).strip()


def test_404_page_text_is_data_and_reads_as_before():
    regs = registries.load(Project(REPO))
    entries = rendering.not_found(regs, "https://learninglab.example/")
    assert [(e["lang"], e["title"], e["link"]) for e in entries] == [
        ("en", "Page not found", "https://learninglab.example/"),
        ("es", "Página no encontrada", "https://learninglab.example/es/"),
    ]
    from_data = _render_404(kb_not_found=entries)
    english = (
        '<div lang="en"><h1>Page not found</h1><p>There is no page at this address. It may have moved, or the '
        'link may be mistyped.</p><p><a href="https://learninglab.example/">Go to the home page</a> or use the '
        "search.</p></div><hr>"
    )
    assert english in from_data  # the text the page had before it became data
    assert "<title>Page not found · Página no encontrada</title>" in from_data
    spanish_link = '<a href="https://learninglab.example/es/">Ir a la página de inicio en español</a>'
    assert f"<p>{spanish_link} o usar el buscador.</p>" in from_data
    escaped = _render_404(kb_not_found=[dict(entries[0], title="R&D <b>")])
    assert "<h1>R&amp;D &lt;b&gt;</h1>" in escaped


# --- Portuguese, with data and configuration only -------------------------------------------------

PORTUGUESE_LABELS = {
    "language_name_en": "inglês",
    "language_name_es": "espanhol",
    "notice_missing_title": "Ainda não traduzido",
    "notice_missing": "Esta página ainda não está disponível em português. A seguir, a versão original em {language}.",
    "notice_stale_title": "A tradução pode estar desatualizada",
    "notice_stale": "A versão original em {language} desta página mudou depois da tradução.",
    "notice_stale_link": "Ler o original",
    "notice_review_title": "Aguardando revisão editorial",
    "notice_review": "A equipe editorial do Learning Lab ainda não verificou os dados desta página com as suas fontes.",
    "not_found_title": "Página não encontrada",
    "not_found_text": "Não há nenhuma página neste endereço. Ela pode ter sido movida, ou o link pode estar errado.",
    "not_found_home": "Ir para a página inicial em português",
    "not_found_search": "ou usar a busca.",
    "workshop_date": "Data",
    "workshop_location": "Local",
    "event_when": "Quando",
    "search_in_language": "(em {language})",
    "blog_empty": "Ainda não há artigos em português nesta seção.",
    "section_about": "Sobre o Laboratório",
    "section_guidance": "Guias",
    "og_locale": "pt_BR",
    "dict_name": "Nome da jurisdição em {language}.",
    "dict_question": "A pergunta em {language}.",
    "dict_answer_label": "O rótulo da resposta em {language}.",
    "dict_note": "Nota que explica a resposta, em {language} (pode estar vazia enquanto a tradução está pendente).",
}

MKDOCS_PORTUGUESE = """\
        - locale: pt
          name: Português
          build: true
          site_name: Laboratório de Aprendizagem sobre Compras Públicas e Direitos Humanos
          site_description: >-
            Guias, casos, relatórios de oficinas e pesquisa para integrar os direitos humanos
            na contratação pública.
          copyright: Laboratório Internacional de Aprendizagem sobre Compras Públicas e Direitos Humanos
          theme:  # the colour-scheme toggle names, in Portuguese
            palette:
              - media: "(prefers-color-scheme: light)"
                scheme: default
                primary: indigo
                accent: indigo
                toggle: {icon: material/brightness-7, name: Mudar para o modo escuro}
              - media: "(prefers-color-scheme: dark)"
                scheme: slate
                primary: indigo
                accent: indigo
                toggle: {icon: material/brightness-4, name: Mudar para o modo claro}
"""

HOME_PT = """\
---
title: Laboratório Internacional de Aprendizagem sobre Compras Públicas e Direitos Humanos
description: >-
  Base de conhecimento para compradores públicos e seus aliados sobre como integrar o respeito
  aos direitos humanos na contratação pública.
hide: [toc]
translation_of: en
---

## Um ponto de encontro entre as compras públicas e os direitos humanos

Os Estados gastam todos os anos grandes somas na compra de bens, obras e serviços. O Laboratório parte de uma
ideia simples: esse gasto não deve contribuir para violações de direitos humanos e, bem orientado, pode ajudar a
preveni-las. Na contratação pública responsável, as licitações pedem aos fornecedores que conheçam os riscos das
suas cadeias de suprimento.
"""

ONLY_SPANISH = "---\ntitle: Solo en español\n---\n\nUna página escrita en español, sin traducción todavía.\n"


def _add_portuguese(value):
    """Every text given per language in a data file gets a Portuguese one (the Spanish text)."""
    if isinstance(value, dict):
        value = {key: _add_portuguese(item) for key, item in value.items()}
        if "es" in value and "pt" not in value:
            value["pt"] = copy.deepcopy(value["es"])
        return value
    if isinstance(value, list):
        return [_add_portuguese(item) for item in value]
    return value


def _portuguese_data(root: Path) -> None:
    data = root / "data"
    for path in sorted(data.rglob("*.yml")):
        if path.name in ("languages.yml", "redirects.yml", "style.yml"):  # style.yml: a list per language, optional
            continue
        node, errors = frontmatter.load_yaml(path.read_text(encoding="utf-8"))
        assert not errors, (path, errors)
        value = _add_portuguese(node.plain())
        if path.name == "labels.yml":
            value["language_name_pt"] = {"en": "Portuguese", "es": "portugués", "pt": "português"}
            for key, text in PORTUGUESE_LABELS.items():
                value[key]["pt"] = text
        path.write_text(yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")
    with (data / "languages.yml").open("a", encoding="utf-8") as handle:
        handle.write(PORTUGUESE)


def _portuguese_config(root: Path) -> None:
    path = root / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    spanish_end = "                toggle: {icon: material/brightness-4, name: Cambiar al modo claro}\n"
    assert text.count(spanish_end) == 1
    path.write_text(text.replace(spanish_end, spanish_end + MKDOCS_PORTUGUESE), encoding="utf-8")


ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
ENV.pop("BUILD_ONLY_LOCALE", None)


def _run(root: Path, *command: str) -> subprocess.CompletedProcess[str]:
    """A command in the copy, with the copy's own labkb (its data/languages.yml)."""
    return subprocess.run(
        [sys.executable, *command],
        cwd=root,
        env={**ENV, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=900,
    )


@pytest.fixture(scope="module")
def portuguese(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project with Portuguese added through data and configuration only, built."""
    root = copy_repository(tmp_path_factory.mktemp("three-languages") / "project", (*SITE_FILES, "content", "scripts"))
    _portuguese_data(root)
    _portuguese_config(root)
    (root / "content/pt").mkdir()
    (root / "content/pt/index.md").write_text(HOME_PT, encoding="utf-8")
    (root / "content/es/about/solo-es.md").write_text(ONLY_SPANISH, encoding="utf-8")
    # What an editor then runs: record the translation and the new addresses, check.
    where = _run(root, "-c", "import labkb; print(labkb.__file__)")
    assert where.stdout.strip() == str(root / "labkb" / "__init__.py"), where.stdout + where.stderr
    for command in (["translations", "refresh", "content/pt/index.md"], ["urls"], ["check"]):
        result = _run(root, "scripts/kb.py", *command)
        assert result.returncode == 0, (command, result.stdout + result.stderr)
    result = _run(root, "-m", "mkdocs", "build", "--strict", "--site-dir", str(root / "site"))
    assert result.returncode == 0, result.stdout + result.stderr
    return root


def _html(root: Path, path: str) -> str:
    return (root / "site" / path).read_text(encoding="utf-8")


def test_portuguese_home_page_is_in_portuguese(portuguese):
    html = _html(portuguese, "pt/index.html")
    assert '<html lang="pt"' in html
    site_name = "Laboratório de Aprendizagem sobre Compras Públicas e Direitos Humanos"
    assert f"<title>{site_name}</title>" in html  # a home page: the site's name alone (labkb.features.titles)
    assert "Um ponto de encontro entre as compras públicas e os direitos humanos" in html
    assert "Mudar para o modo escuro" in html and "Switch to dark mode" not in html
    switcher = re.findall(r'<a href="([^"]+)" hreflang="([\w-]+)" class="md-select__link"', html)
    assert [lang for _, lang in switcher] == ["en", "es", "pt"]


def test_an_untranslated_page_shows_english_with_the_notice_in_portuguese(portuguese):
    html = _html(portuguese, "pt/about/index.html")
    assert '<html lang="pt"' in html
    assert "Ainda não traduzido" in html
    assert "Esta página ainda não está disponível em português. A seguir, a versão original em inglês." in html
    assert '<div lang="en">' in html
    workshop = _html(portuguese, "pt/workshops/santiago-2017/index.html")
    assert "6 de outubro de 2017" in workshop  # the facts list, in the reader's language
    assert "Sobre o Laboratório" in workshop  # the section's name in the navigation


def test_portuguese_search_index_is_its_own_and_accent_insensitive(portuguese):
    index = json.loads(_html(portuguese, "pt/search/search_index.json"))
    assert index["config"]["lang"] == ["pt"]
    home = [d for d in index["docs"] if d["location"] == "" or d["location"].startswith("#")]
    folded = {word for d in home for word in d["text_folded"].split()}
    variants = {word for d in home for word in d["variants"].split()}
    assert {"contratacao", "licitacoes", "servicos"} <= folded  # "contratação", "licitações", "serviços"
    assert {"fornecedor", "licitacao"} <= variants  # Portuguese plural rules from data/languages.yml
    about = next(d for d in index["docs"] if d["location"] == "about/")
    assert about["title"].endswith("(em inglês)")
    english = json.loads(_html(portuguese, "search/search_index.json"))
    assert not [d for d in english["docs"] if d["location"].startswith("pt/")]


def test_portuguese_search_without_accents_finds_portuguese_pages(portuguese):
    from playwright.sync_api import sync_playwright

    from tests.browser import ARGS, CHROMIUM, serve
    from tests.browser import search as type_search

    with serve(portuguese / "site") as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        found = {}
        for query in ("contratacao", "fornecedor"):
            page.goto(base + "pt/")
            found[query] = [href.removeprefix(base) for href in type_search(page, query)]
        browser.close()
    for query, hrefs in found.items():
        assert hrefs and all(href.startswith("pt/") for href in hrefs), (query, hrefs)
        assert "pt/" in {re.sub(r"[?#].*", "", href) for href in hrefs}, (query, hrefs)  # the home page


def test_survey_downloads_and_editing_sheet_have_portuguese_columns(portuguese, tmp_path):
    sheet = tmp_path / "sheet.csv"
    result = _run(portuguese, "scripts/kb.py", "survey", "export", str(sheet))
    assert result.returncode == 0, result.stdout + result.stderr
    header = next(csv.reader(io.StringIO(sheet.read_text(encoding="utf-8-sig"))))
    assert [c for c in header if c.startswith("note_")] == ["note_en", "note_es", "note_pt", "note_pending"]
    public = next(csv.reader(io.StringIO(_html(portuguese, "survey/survey.csv").lstrip("\ufeff"))))
    for name in ("jurisdiction", "question", "answer", "note"):
        assert [c for c in public if c.startswith(name + "_")] == [f"{name}_en", f"{name}_es", f"{name}_pt"]
    dictionary = _html(portuguese, "pt/survey/data-dictionary/index.html")
    assert "Nome da jurisdição em português." in dictionary


def test_404_page_speaks_portuguese_too(portuguese):
    html = _html(portuguese, "404.html")
    assert '<div lang="pt">' in html and "Página não encontrada" in html
    assert "Ir para a página inicial em português" in html


def test_a_page_only_in_spanish_is_on_the_portuguese_site_too(portuguese):
    assert (portuguese / "site/about/solo-es/index.html").is_file()  # the default site has it already
    page = portuguese / "site/pt/about/solo-es/index.html"
    assert page.is_file(), "pt/about/solo-es/ is recorded in data/urls.txt and linked by the switcher"
    html = page.read_text(encoding="utf-8")
    assert "Ainda não traduzido" in html and "a versão original em espanhol" in html and '<div lang="es">' in html
