"""Helpers of the tests of the corpus graph (one preferred label per shared entity) on real stores: small
articles that write one organisation, one initiative and one person in two cases, and what the store
states of them."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from antq_kg.cli import app
from antq_kg.graph.corpus import LABELLED_CLASSES
from antq_kg.store import EmbeddedStore, StoreWriter

CORPUS = "https://w3id.org/antq/id/graph/corpus"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
ORG = "http://www.w3.org/ns/org#Organization"
PERSON = "http://xmlns.com/foaf/0.1/Person"

# An organisation whose head is in no lexicon, serving a unit of the gazetteer, a model named in the text,
# and a person of the provincial police (one person across articles: same folded name, same organisation).
TEXT = (
    "Sáng {day}, Ban chỉ đạo phong trào {movement} huyện Kim Động tổ chức lễ ra mắt mô hình "
    '"{model}" tại thôn {village}, xã Nghĩa Dân, huyện Kim Động, tỉnh Hưng Yên. Dự lễ có Đại tá {person}, '
    "Giám đốc Công an tỉnh Hưng Yên.\n\nPhương Thủy\n"
)
PERSON_UPPER = "TRẦN HUY NGẠN"
PERSON_LOWER = "Trần Huy Ngạn"
# the person in capitals (as a headline writes a name) where the movement is "Toàn dân"
UPPER = {"movement": "Toàn dân bảo vệ an ninh Tổ quốc", "model": "Camera an ninh", "person": PERSON_UPPER}
LOWER = {"movement": "toàn dân bảo vệ an ninh Tổ quốc", "model": "camera an ninh", "person": PERSON_LOWER}
BOARD_UPPER = "Ban chỉ đạo phong trào Toàn dân bảo vệ an ninh Tổ quốc huyện Kim Động"
BOARD_LOWER = "Ban chỉ đạo phong trào toàn dân bảo vệ an ninh Tổ quốc huyện Kim Động"


def article(folder: Path, name: str, spelling: dict[str, str], published: str, village: str = "Đông") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt"
    path.write_text(
        TEXT.format(day=published[8:] + "/" + published[5:7], village=village, **spelling), "utf-8"
    )
    meta = {"id": name, "language": "vi", "date": {"published": published}}
    (folder / f"{name}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return path


def two_spellings(folder: Path) -> Path:
    """Article a (2024-03-05) writes "Toàn dân", "Camera an ninh", "TRẦN HUY NGẠN"; article b (2024-04-09)
    "toàn dân", "camera an ninh", "Trần Huy Ngạn"."""
    article(folder, "a", UPPER, "2024-03-05")
    article(folder, "b", LOWER, "2024-04-09", village="Tây")
    return folder


def rows(store: EmbeddedStore | StoreWriter, query: str) -> list[tuple[str, ...]]:
    return sorted(tuple(t.value if t is not None else "" for t in row) for row in store.query(query).rows())


def preferred(store: EmbeddedStore | StoreWriter) -> dict[str, list[str]]:
    """Each labelled entity's (organisation, initiative, person) preferred labels over the union."""
    found: dict[str, list[str]] = {}
    classes = " ".join(f"<{c}>" for c in LABELLED_CLASSES)
    for e, label in rows(
        store, f"SELECT DISTINCT ?e ?l {{ VALUES ?c {{ {classes} }} ?e a ?c ; <{SKOS}prefLabel> ?l }}"
    ):
        found.setdefault(e, []).append(label)
    return found


def pref_of(store: EmbeddedStore | StoreWriter, label_like: str) -> str:
    """The one preferred label of the entity some article spells ``label_like`` (folded by case)."""
    spelled = {
        e
        for (e,) in rows(
            store,
            f'SELECT DISTINCT ?e {{ ?e <{RDFS}label> ?l FILTER (LCASE(STR(?l)) = LCASE("{label_like}")) }}',
        )
    }
    assert spelled, label_like
    labels = {tuple(v) for e, v in preferred(store).items() if e in spelled}
    assert len(labels) == 1, labels
    (only,) = labels
    assert len(only) == 1, only
    return only[0]


def corpus_graph(store: EmbeddedStore) -> list[str]:
    return sorted(map(str, store.quads(CORPUS)))


def cli(*args: str | Path) -> None:
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.stderr


def built_apart(tmp_path: Path) -> tuple[Path, Path, Path]:
    """Articles a ("Toàn dân", 2024-03-05) and b, c ("toàn dân", later), built into two files on their
    own: a.nq's corpus graph prefers "Toàn dân", bc.nq's "toàn dân"; over the three, "toàn dân" wins."""
    folder = two_spellings(tmp_path / "in")
    article(folder, "c", LOWER, "2024-05-01", village="Nam")
    files = []
    for name, paths in (("a", ["a"]), ("bc", ["b", "c"])):
        out = tmp_path / f"{name}.nq"
        cli(
            "--store",
            tmp_path / "unused",
            "build",
            "--no-reference",
            *(folder / f"{p}.txt" for p in paths),
            "-o",
            out,
        )
        files.append(out)
    return folder, files[0], files[1]
