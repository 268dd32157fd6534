"""Hostile uploads are refused by a named limit before they cost time or memory; the
reproductions of issue 12 (item 12) and properties that generalise them."""

from __future__ import annotations

import pickle

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.services.roadmaps import table_import
from bot.services.roadmaps.table_import import (
    MAX_COLUMNS,
    MAX_ROWS,
    RoadmapImportError,
    import_roadmap,
)
from bot.services.upload_limits import MAX_YAML_DEPTH, BoundedSafeLoader, UploadLimitError
from tests import hostile_files
from tests.hypothesis_profiles import examples
from tests.roadmap_support import ROWS, make_csv, make_yaml


def error_of(data: bytes, filename: str) -> RoadmapImportError:
    with pytest.raises(RoadmapImportError) as caught:
        import_roadmap(data, filename)
    return caught.value


# --- the reproductions -------------------------------------------------------------------


def test_deeply_nested_yaml_is_refused_not_a_recursion_error() -> None:
    data = hostile_files.nested_yaml()
    assert len(data) > 6000
    error = error_of(data, "r.yaml")
    assert (error.code, error.value, error.row) == ("yaml_depth", MAX_YAML_DEPTH, 1)


def test_a_yaml_alias_bomb_is_refused_before_it_expands() -> None:
    data = hostile_files.alias_bomb()
    assert len(data) < 700
    error = error_of(data, "r.yaml")
    assert (error.code, error.row) == ("yaml_alias", 2)


@pytest.mark.parametrize(
    "data", [hostile_files.far_cell_xlsx(), hostile_files.far_cell_xlsx(6000, 3)]
)
def test_a_far_cell_is_refused_by_the_declared_size(data: bytes) -> None:
    assert len(data) < 10_000
    assert error_of(data, "r.xlsx").code == "too_big_sheet"


def test_a_huge_merged_range_costs_only_what_is_read() -> None:
    # A1..ALL2000 merged beyond the table: clipped to the rows read, the table imports.
    parsed = import_roadmap(hostile_files.merged_xlsx(), "r.xlsx")
    assert len(list(parsed.items())) == 5


def test_too_many_merged_ranges_are_refused() -> None:
    data = hostile_files.many_merges_xlsx(table_import.MAX_MERGED_RANGES + 1)
    assert error_of(data, "r.xlsx").code == "too_many_merged"


def test_merged_ranges_covering_too_much_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(table_import, "MAX_MERGED_CELLS", 20)
    data = hostile_files.merged_xlsx("A1:E9")  # all the table's cells: 5 columns, 9 rows
    assert error_of(data, "r.xlsx").code == "too_many_merged"


def test_a_sheet_that_understates_its_size_is_counted_while_read() -> None:
    data = hostile_files.lying_dimension_xlsx(MAX_ROWS)
    error = error_of(data, "r.xlsx")
    assert (error.code, error.value) == ("too_large", MAX_ROWS + 1)


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_a_zip_bomb_is_refused_before_it_unpacks(kind: str) -> None:
    data = hostile_files.zip_bomb(kind)
    assert len(data) < 300_000
    error = error_of(data, f"r.{kind}")
    assert error.code == "unpacked" and float(str(error.value)) >= 200


def test_docx_tables_are_bounded() -> None:
    assert error_of(hostile_files.wide_docx(), "r.docx").code == "too_big_sheet"
    assert error_of(hostile_files.many_tables_docx(), "r.docx").code == "too_many_tables"


def test_a_yaml_integer_of_thousands_of_digits_is_malformed() -> None:
    data = make_yaml().replace(b'number: "1"', b"number: " + b"9" * 5000)
    assert error_of(data, "r.yaml").code == "malformed"


@pytest.mark.parametrize("code", ["yaml_alias", "too_big_sheet", "unpacked", "malformed"])
def test_import_errors_survive_the_trip_from_the_worker(code: str) -> None:
    error = RoadmapImportError(code, row=3, column="Срок", value="2000 × 1000")
    again = pickle.loads(pickle.dumps(error))
    assert (again.code, again.key, again.row, again.column, again.value, again.params) == (
        error.code,
        error.key,
        error.row,
        error.column,
        error.value,
        error.params,
    )


# --- properties --------------------------------------------------------------------------

_leaf = st.sampled_from(["1", "x", '"текст"', "null", "2026-01-01"])


def _nested(depth: int, kinds: list[bool], leaf: str) -> str:
    """Flow YAML nested `depth` levels deep; each level a list or a mapping."""
    text = leaf
    for is_list in kinds[:depth]:
        text = f"[{text}]" if is_list else f"{{k: {text}}}"
    return text


@settings(max_examples=examples(60), deadline=None)
@given(
    depth=st.integers(min_value=1, max_value=4000),
    kinds=st.lists(st.booleans(), min_size=4000, max_size=4000),
    leaf=_leaf,
)
def test_any_nesting_loads_or_is_refused_by_the_depth_limit(
    depth: int, kinds: list[bool], leaf: str
) -> None:
    text = _nested(depth, kinds, leaf)
    try:
        yaml.load(text, Loader=BoundedSafeLoader)
    except UploadLimitError as error:
        assert error.code == "yaml_depth" and depth >= MAX_YAML_DEPTH
    else:
        assert depth < MAX_YAML_DEPTH


@settings(max_examples=examples(60), deadline=None)
@given(
    anchored=st.integers(min_value=0, max_value=5),
    used_at=st.integers(min_value=0, max_value=5),
    fanout=st.integers(min_value=1, max_value=50),
)
def test_any_alias_is_refused(anchored: int, used_at: int, fanout: int) -> None:
    items = [f"item{n}: {n}" for n in range(6)]
    items[anchored] = f"item{anchored}: &a [1, 2, 3]"
    target = max(used_at, anchored) + 1
    lines = [*items[:target], f"alias: [{', '.join(['*a'] * fanout)}]", *items[target:]]
    with pytest.raises(UploadLimitError) as caught:
        yaml.load("\n".join(lines), Loader=BoundedSafeLoader)
    assert (caught.value.code, caught.value.row) == ("yaml_alias", target + 1)


@settings(max_examples=examples(150), deadline=None)
@given(text=st.text(alphabet=st.sampled_from("[]{}:,-&*!|>'\"#\n  ab1"), max_size=400))
def test_any_yaml_file_is_read_or_refused_politely(text: str) -> None:
    try:
        import_roadmap(text.encode() or b"x", "r.yaml")
    except RoadmapImportError:
        pass


@settings(max_examples=examples(25), deadline=None)
@given(
    # Below the table's own rows: a stray cell beside a stage heading makes that row a
    # numberless item (refused as such), which is not what this test is about.
    row=st.integers(min_value=len(ROWS) + 3, max_value=3 * MAX_ROWS),
    column=st.integers(min_value=6, max_value=3 * MAX_COLUMNS),
)
def test_any_far_cell_is_refused_exactly_past_the_limits(row: int, column: int) -> None:
    data = hostile_files.far_cell_xlsx(row, column)
    try:
        import_roadmap(data, "r.xlsx")
    except RoadmapImportError as error:
        if row > MAX_ROWS or column > MAX_COLUMNS:
            assert error.code == "too_big_sheet"
            return
        raise
    assert row <= MAX_ROWS and column <= MAX_COLUMNS


@settings(max_examples=examples(25), deadline=None)
@given(width=st.integers(min_value=1, max_value=3 * MAX_COLUMNS))
def test_csv_width_is_bounded(width: int) -> None:
    rows = [["1", "Приказ", "Приказ", "Май 2027 г.", "ОО", *["x"] * (width - 5)]]
    data = make_csv(rows)
    try:
        import_roadmap(data, "r.csv")
    except RoadmapImportError as error:
        assert width > MAX_COLUMNS and error.code == "too_big_sheet"
    else:
        assert width <= MAX_COLUMNS
