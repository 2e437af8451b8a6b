"""Checks for the built-in national diagnosis reference table (诊断项目参考表).

The data is transcribed from appendix 2 (附 2) of the Luzhou implementation plan; these
tests pin the structure (5 诊断项目 / 15 诊断要素 / 37 诊断点, as the table's own note
says) and a handful of cells copied from the source.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

DATA_FILE = Path(__file__).parents[1] / "zhengai/data/reference/national_diagnosis.yaml"

CJK = r"[\u3400-\u9fff\uf900-\ufaff]"
CODE_RE = re.compile(r"^\d+(\.\d+)?$")


@pytest.fixture(scope="module")
def data() -> dict:
    with DATA_FILE.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _elements(data: dict) -> list[dict]:
    return [el for item in data["items"] for el in item["elements"]]


def _points(data: dict) -> list[dict]:
    return [p for el in _elements(data) for p in el["points"]]


def _point(data: dict, point_id: str) -> dict:
    matches = [p for p in _points(data) if p["id"] == point_id]
    assert len(matches) == 1, point_id
    return matches[0]


def test_header(data: dict) -> None:
    assert data["schema_version"] == 1
    assert data["kind"] == "reference"
    assert data["id"] == "REF-NATIONAL"
    assert data["title"] == "高等职业院校内部质量保证体系诊断项目参考表"
    assert data["notes"] == [
        "本表设 5 个诊断项目，15 个诊断要素，37 个诊断点。",
        "“数据管理平台相应编号”所列的各指标编号，起引导作用，不是规定或标准。",
    ]


def test_counts(data: dict) -> None:
    assert len(data["items"]) == 5
    assert len(_elements(data)) == 15
    assert len(_points(data)) == 37


def test_points_per_item(data: dict) -> None:
    per_item = {
        item["id"]: sum(len(el["points"]) for el in item["elements"]) for item in data["items"]
    }
    assert per_item == {"1": 9, "2": 9, "3": 4, "4": 5, "5": 10}


def test_elements_per_item(data: dict) -> None:
    per_item = {item["id"]: len(item["elements"]) for item in data["items"]}
    assert per_item == {"1": 4, "2": 3, "3": 2, "4": 2, "5": 4}


def test_item_names(data: dict) -> None:
    assert [item["name"] for item in data["items"]] == [
        "体系总体构架",
        "专业质量保证",
        "师资质量保证",
        "学生全面发展保证",
        "体系运行效果",
    ]


def test_ids_are_strings_and_nest(data: dict) -> None:
    for n, item in enumerate(data["items"], start=1):
        assert isinstance(item["id"], str)
        assert item["id"] == str(n)
        for m, el in enumerate(item["elements"], start=1):
            assert isinstance(el["id"], str)
            assert el["id"] == f"{item['id']}.{m}"
            for k, point in enumerate(el["points"], start=1):
                assert isinstance(point["id"], str)
                assert point["id"] == f"{el['id']}.{k}"


def test_point_2_3_1_nesting(data: dict) -> None:
    item = next(i for i in data["items"] if i["id"] == "2")
    el = next(e for e in item["elements"] if e["id"] == "2.3")
    assert "2.3.1" in [p["id"] for p in el["points"]]


def test_ids_unique(data: dict) -> None:
    ids = (
        [item["id"] for item in data["items"]]
        + [el["id"] for el in _elements(data)]
        + [p["id"] for p in _points(data)]
    )
    assert len(ids) == len(set(ids))


def test_every_point_has_fields(data: dict) -> None:
    for point in _points(data):
        assert isinstance(point["name"], str) and point["name"]
        assert isinstance(point["hints"], list) and point["hints"]
        assert all(isinstance(h, str) and h == h.strip() and h for h in point["hints"])
        assert isinstance(point["platform"], list)


def test_platform_codes_are_strings(data: dict) -> None:
    for point in _points(data):
        for code in point["platform"]:
            assert isinstance(code, str), (point["id"], code)
            assert CODE_RE.match(code), (point["id"], code)


def test_no_pdf_spaces_in_text(data: dict) -> None:
    between_cjk = re.compile(f"{CJK} +{CJK}")
    texts = [item["name"] for item in data["items"]]
    texts += [el["name"] for el in _elements(data)]
    for point in _points(data):
        texts.append(point["name"])
        texts.extend(point["hints"])
    for text in texts:
        assert not between_cjk.search(text), text
        assert ";" not in text and "；" not in text, text


def test_spot_checks(data: dict) -> None:
    p = _point(data, "1.1.1")
    assert p["name"] == "质量目标与定位"
    assert p["hints"][0] == "学院发展目标定位是否科学明确"
    assert p["platform"] == ["1.3", "7"]

    p = _point(data, "2.1.1")
    assert p["name"] == "规划制定与实施"
    assert p["hints"] == [
        "专业建设规划是否符合学院发展实际，是否可行",
        "规划实施情况如何，专业结构是否不断优化",
    ]
    assert p["platform"] == ["9.2"]

    p = _point(data, "2.1.3")
    assert p["hints"][1] == "专业建设条件（经费、师资、实验实训条件）是否有明确的保障措施"
    assert p["platform"] == ["3.4", "4", "5.1", "5.2", "6", "7.4", "7.5"]

    p = _point(data, "2.2.1")
    assert p["platform"] == ["3.4", "8.1", "8.7", "9.1", "9.2"]

    p = _point(data, "2.2.3")
    assert p["name"] == "外部诊断（评估）结论应用"

    p = _point(data, "2.3.3")
    assert p["name"] == "诊改制度实施与效果"
    assert p["platform"] == ["3.4", "7.2", "8.1", "8.2", "8.5", "8.6", "8.7"]

    p = _point(data, "3.1.1")
    assert p["name"] == "规划制定"
    assert p["platform"] == []

    p = _point(data, "3.1.2")
    assert p["platform"] == ["5.2", "7.1", "7.2", "8.1"]

    p = _point(data, "4.1.3")
    assert p["platform"] == ["2.2", "3", "7.2", "9.2"]

    p = _point(data, "4.2.2")
    assert p["name"] == "特殊学生群体服务与资助"
    assert p["platform"] == ["5.2", "8.8"]
    assert p["hints"][2] == "能否为特殊学生群体提供必要的设施、人员、资金、文化等保障"

    p = _point(data, "5.4.1")
    assert p["name"] == "学院质量保证体系特色"
    assert p["platform"] == []


def test_element_names(data: dict) -> None:
    names = {el["id"]: el["name"] for el in _elements(data)}
    assert names["2.1"] == "专业建设规划"
    assert names["2.3"] == "课程质量保证"
    assert names["3.1"] == "师资队伍建设规划"
    assert names["3.2"] == "师资建设诊改工作"
    assert names["5.2"] == "质量事故管控"
