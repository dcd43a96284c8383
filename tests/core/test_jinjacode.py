"""Compiled templates kept in memory between the builds of one process (`core/jinjacode.py`):
reused only for the same source under the same compiler settings."""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2
import pytest
from dangjian.core import jinjacode
from dangjian.core.jinjacode import CompiledTemplates, keep_compiled
from dangjian.site import build_site

TEMPLATES = {"page.html": "<p>{{ title|shout }}</p>{% if x %}x{% endif %}"}


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the templates Jinja compiles from their source from now on."""
    names: list[str] = []
    compile_source = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        names.append(name)
        return compile_source(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return names


def environment(cache: CompiledTemplates, templates=TEMPLATES, **settings) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.DictLoader(templates), **settings)
    env.filters["shout"] = lambda text: text + "！"
    env.bytecode_cache = cache
    return env


def test_the_next_environment_reuses_the_code_and_renders_the_same(compiled: list) -> None:
    cache = CompiledTemplates()
    first = environment(cache).get_template("page.html").render(title="学习", x=1)
    second = environment(cache).get_template("page.html").render(title="学习", x=1)
    assert first == second == "<p>学习！</p>x"
    assert compiled == ["page.html"]


def test_a_changed_source_is_compiled_again(compiled: list) -> None:
    cache = CompiledTemplates()
    environment(cache).get_template("page.html")
    changed = {"page.html": "<b>{{ title }}</b>"}
    assert environment(cache, changed).get_template("page.html").render(title="新") == "<b>新</b>"
    assert compiled == ["page.html", "page.html"]


@pytest.mark.parametrize(
    "settings",
    [
        {"variable_start_string": "[[", "variable_end_string": "]]"},
        {"trim_blocks": True},
        {"autoescape": True},
        {"extensions": ["jinja2.ext.i18n"]},
    ],
)
def test_other_compiler_settings_compile_their_own(compiled: list, settings: dict) -> None:
    cache = CompiledTemplates()
    environment(cache).get_template("page.html")
    environment(cache, **settings).get_template("page.html")
    assert compiled == ["page.html", "page.html"]


def test_an_environment_without_a_filter_fails_as_it_would_without_the_cache() -> None:
    cache = CompiledTemplates()
    environment(cache).get_template("page.html")
    bare = jinja2.Environment(loader=jinja2.DictLoader(TEMPLATES), bytecode_cache=cache)
    with pytest.raises(jinja2.TemplateAssertionError, match="shout"):
        bare.get_template("page.html")


def test_only_the_latest_templates_are_kept(compiled: list) -> None:
    cache = CompiledTemplates(limit=2)
    templates = {name: f"<p>{name}</p>" for name in ("a", "b", "c")}
    for name in ("a", "b", "c"):
        environment(cache, templates).get_template(name)
    assert len(cache.codes) == 2
    env = environment(cache, templates)
    env.get_template("c")
    env.get_template("a")
    assert compiled == ["a", "b", "c", "a"]  # "c" was kept, "a" was the oldest and let go


def test_keep_compiled_leaves_a_cache_of_the_site_alone() -> None:
    own = jinja2.FileSystemBytecodeCache()
    env = jinja2.Environment(bytecode_cache=own)
    keep_compiled(env)
    assert env.bytecode_cache is own
    plain = jinja2.Environment()
    keep_compiled(plain)
    assert plain.bytecode_cache is jinjacode.COMPILED


def test_a_second_build_in_the_process_compiles_no_template_and_builds_the_same(
    tmp_path: Path, compiled: list, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = Path(__file__).resolve().parents[2]
    shutil.copytree(root / "tests" / "content" / "fixtures" / "site", tmp_path / "site")
    shutil.copytree(root / "theme", tmp_path / "site" / "theme")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780459200")
    monkeypatch.setattr(jinjacode, "COMPILED", CompiledTemplates())  # none from other tests
    config = tmp_path / "site" / "mkdocs.yml"
    first = build_site(config, tmp_path / "first").site_dir
    assert compiled  # Material's templates and ours
    compiled.clear()
    second = build_site(config, tmp_path / "second").site_dir
    assert compiled == []
    for page in first.rglob("*.html"):
        assert page.read_bytes() == (second / page.relative_to(first)).read_bytes()
