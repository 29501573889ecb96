"""Competency queries: each ``queries/*.rq`` run on the seed graph with an exact answer.

The seed graph is built from the hand-checked fixture (``tests/data/seed_facts.json``) with the
gazetteer, plus the ontology graph and the gazetteer description of the article's units, then
loaded through N-Quads into a real in-memory ``pyoxigraph.Store`` (union default graph, as the
project's store serves it) and, for comparison, into an rdflib ``Dataset``. Both must give the
same rows, and the rows must be exactly the ones written here.
"""

from __future__ import annotations

import gc
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Literal, URIRef

from antq_kg.gazetteer import Gazetteer
from antq_kg.gazetteer_rdf import units_to_graph
from antq_kg.graph import add_ontology, build_graph
from antq_kg.model import facts_from_json
from antq_kg.text import read_document
from antq_kg.vocab import SCHEMA
from threads_support import collected_elsewhere

ROOT = Path(__file__).resolve().parents[2]
QUERIES = ROOT / "queries"
ID = "https://w3id.org/antq/id/"
C = ID + "concept/"
NUMERIC = {"integer", "decimal", "nonNegativeInteger", "double", "float", "int", "long"}

Row = tuple[Any, ...]


def plain(term: Any) -> Any:
    """A result term as a comparable Python value: numbers as Decimal, everything else as text."""
    if term is None:
        return None
    if isinstance(term, Literal | ox.Literal):
        datatype = str(term.datatype.value if isinstance(term, ox.Literal) else term.datatype or "")
        lexical = term.value if isinstance(term, ox.Literal) else str(term)
        if datatype.rsplit("#", 1)[-1] in NUMERIC:
            return Decimal(lexical)
        return lexical
    return term.value if isinstance(term, ox.NamedNode) else str(term)


@pytest.fixture(scope="module")
def nquads() -> str:
    doc = read_document(ROOT / "data" / "articles" / "hung-yen-antq.txt")
    facts = facts_from_json(
        json.loads((ROOT / "tests" / "data" / "seed_facts.json").read_text(encoding="utf-8")),
        text=doc.text,
        path=doc.path,
    )
    gaz = Gazetteer.load()
    ds = build_graph([facts], gazetteer=gaz)
    add_ontology(ds)
    keys = sorted(
        {
            str(s).removeprefix(ID + "place/")
            for s, _, _, _ in ds.quads((None, None, SCHEMA.AdministrativeArea, None))
        }
    )
    gaz_graph = ds.graph(URIRef(ID + "graph/gazetteer"))
    gaz_graph += units_to_graph(gaz, [gaz.get(k) for k in keys if k in gaz])
    return ds.serialize(format="nquads")


@pytest.fixture(scope="module")
def oxigraph(nquads: str) -> ox.Store:
    store = ox.Store()
    store.load(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    return store


@pytest.fixture(scope="module")
def rdflib_ds(nquads: str) -> Dataset:
    ds = Dataset(default_union=True)
    ds.parse(data=nquads, format="nquads")
    return ds


def oxigraph_rows(oxigraph: ox.Store, sparql: str) -> list[Row]:
    """The rows Oxigraph answers, its result read and dropped here: rdflib's evaluation, which
    :func:`run` calls next, leaves reference cycles that reach its caller's frame, and a
    ``QuerySolutions`` kept there would be dropped by whichever thread collects them (a later test's
    worker thread), which pyoxigraph refuses (``threads_support``)."""
    solutions = oxigraph.query(sparql, use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    return [tuple(plain(s[n]) for n in names) for s in solutions]


def run(name: str, oxigraph: ox.Store, rdflib_ds: Dataset) -> list[Row]:
    sparql = (QUERIES / name).read_text(encoding="utf-8")
    ox_rows = oxigraph_rows(oxigraph, sparql)
    rdflib_rows = [tuple(plain(v) for v in row) for row in rdflib_ds.query(sparql)]  # type: ignore[union-attr]
    assert ox_rows == rdflib_rows, f"{name}: Oxigraph and rdflib disagree"
    return ox_rows


HY = "Hưng Yên"
EXPECTED: dict[str, list[Row]] = {
    "01-provincial-police-leader.rq": [
        ("Trần Huy Ngạn", "Đại tá", "Bí thư Đảng ủy", "Đảng ủy Công an tỉnh Hưng Yên"),
        ("Trần Huy Ngạn", "Đại tá", "Giám đốc", "Công an tỉnh Hưng Yên"),
    ],
    # the seed's sidecar is not loaded here: undated, so every ?asOf is unbound
    "02-grassroots-unit-counts.rq": [
        (HY, None, 860, "tổ hòa giải"),
        (HY, None, 639, "hòm thư tố giác tội phạm"),
        (HY, None, 502, "tổ an ninh nhân dân"),
        (HY, None, 406, "tổ bảo vệ thôn, xóm"),
        (HY, None, 224, "câu lạc bộ phòng, chống tội phạm"),
        (HY, None, 189, "đội an ninh xung kích"),
        (HY, None, 161, "ban hoà giải"),
        (HY, None, 68, "tổ an ninh công nhân"),
        (HY, None, 61, "cụm liên kết an toàn về ANTT"),
        (HY, None, 7, "ban bảo vệ dân phố"),
    ],
    "03-mediation-total.rq": [(HY, None, 1021, 2)],
    "04-local-models-and-places.rq": [
        ("Câu lạc bộ đoàn kết", "thôn Lỗ Xá", "xã Nhân Hòa", "huyện Mỹ Hào", "tỉnh Hưng Yên"),
        ("Thôn xóm bình yên, gia đình hạnh phúc", None, "xã Quang Hưng", "huyện Phù Cừ", "tỉnh Hưng Yên"),
    ],
    "05-initiatives-by-kind.rq": [
        ("cuộc vận động", "Toàn dân đoàn kết xây dựng đời sống văn hoá ở khu dân cư"),
        ("danh hiệu", "Khu dân cư tiên tiến"),
        ("mô hình", "Câu lạc bộ đoàn kết"),
        ("mô hình", "Thôn xóm bình yên, gia đình hạnh phúc"),
        ("phong cách làm việc", "Nghe dân nói, nói dân hiểu và làm cho dân tin"),
        ("phong trào", "Toàn dân bảo vệ an ninh Tổ quốc"),
        ("phong trào thi đua", "Xã không có tệ nạn ma túy"),
        ("phong trào thi đua", "Đường phố văn minh, gia đình văn hoá"),
    ],
    "06-residential-areas-by-criterion.rq": [
        (
            966,
            'thực hiện có hiệu quả cuộc vận động "Toàn dân đoàn kết xây dựng đời sống văn hoá ở khu dân cư"',
            HY,
        ),
        (916, 'được Ủy ban MTQT tỉnh công nhận "Khu dân cư tiên tiến"', HY),
        (897, "có hương ước, quy ước", HY),
        (114, "không có tệ nạn xã hội", HY),
        (112, "được công nhận không có tội phạm", HY),
    ],
    "08-places-replaced-after-2025.rq": [
        # Res. 656/NQ-UBTVQH14: huyện Mỹ Hào and xã Nhân Hòa ended 2019-04-30 (thị xã, phường from 2019-05-01)
        ("huyện Mỹ Hào", "2019-04-30", "thị xã Mỹ Hào", "phường Mỹ Hào"),
        ("huyện Mỹ Hào", "2019-04-30", "thị xã Mỹ Hào", "phường Thượng Hồng"),
        ("huyện Mỹ Hào", "2019-04-30", "thị xã Mỹ Hào", "phường Đường Hào"),
        ("huyện Phù Cừ", "2025-06-30", "huyện Phù Cừ", "xã Quang Hưng"),
        ("huyện Phù Cừ", "2025-06-30", "huyện Phù Cừ", "xã Tiên Tiến"),
        ("huyện Phù Cừ", "2025-06-30", "huyện Phù Cừ", "xã Tống Trân"),
        ("huyện Phù Cừ", "2025-06-30", "huyện Phù Cừ", "xã Đoàn Đào"),
        ("tỉnh Hưng Yên", "2025-06-30", "tỉnh Hưng Yên", "tỉnh Hưng Yên"),
        ("xã Nhân Hòa", "2019-04-30", "phường Nhân Hòa", "phường Mỹ Hào"),
        ("xã Quang Hưng", "2025-06-30", "xã Quang Hưng", "xã Quang Hưng"),
    ],
    # the seed's sidecar is not loaded here: the date of the statement is unknown
    "10-persons-by-rank.rq": [("Trần Huy Ngạn", "Đại tá", 5, "hung-yen-antq.txt", None)],
    "11-organisations.rq": [
        ("Công an tỉnh Hưng Yên", "provincial police department", None, "Bộ Công an"),
        (
            "Đảng ủy Công an tỉnh Hưng Yên",
            "Party committee",
            "Công an tỉnh Hưng Yên",
            "Đảng ủy Công an Trung ương",
        ),
        # written "Ủy ban MTQT tỉnh" (MTTQ misspelt): the canonical name has "Việt Nam", as the official one
        ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Hưng Yên", "Fatherland Front Committee", None, None),
    ],
    # 26 facts: 2 memberships (one per post), 1 rank statement, 18 counts, 2 model sites, 3 abbreviation
    # uses; 29 distinct spans (the name, 2 posts, the rank "Đại tá", 18 counts, 5 for the sites, 3 uses)
    "12-articles.rq": [("hung-yen-antq.txt", "Phương Thủy", 3580, 26, 29)],
    "13-movement-mentions.rq": [
        (136, 156, "toàn dân bảo vệ ANTQ"),
        (431, 462, "Toàn dân bảo vệ an ninh Tổ quốc"),
        (1472, 1492, "toàn dân bảo vệ ANTQ"),
    ],
    # "trên 1.000": more than 1000, so at least 1001; "hàng trăm": no numeral, no stated value
    "14-approximate-quantities.rq": [
        ("cán bộ Công an xã", "more_than", 1000, 1001, None, "A"),
        ("vụ việc", "hundreds", None, 100, 999, "E"),
    ],
    # the article is undated: five years ending at its publication instant, days unknown
    "15-counts-with-period.rq": [
        (6518, "nguồn tin có giá trị", "5 năm qua", "recent past", None, None, "P5Y")
    ],
    "21-indicator-over-time.rq": [(HY, None, None, 502, "hung-yen-antq.txt")],
    "17-administrative-changes.rq": [
        (
            "huyện Mỹ Hào",
            "upgrade",
            "2019-05-01",
            "thị xã Mỹ Hào",
            None,
            "Res. 656/NQ-UBTVQH14 (in force 2019-05-01): huyện Mỹ Hào → thị xã Mỹ Hào",
        ),
        (
            "xã Nhân Hòa",
            "upgrade",
            "2019-05-01",
            "phường Nhân Hòa",
            None,
            "Res. 656/NQ-UBTVQH14: xã Nhân Hòa → phường Nhân Hòa",
        ),
        ("tỉnh Hưng Yên", "merge", "2025-07-01", "tỉnh Hưng Yên", None, "vietnamadminunits==1.0.4"),
        ("xã Quang Hưng", "merge", "2025-07-01", "xã Quang Hưng", None, "vietnamadminunits==1.0.4"),
    ],
    # one article names nothing another does (two articles: tests/graph/test_graph_identity.py)
    "16-shared-entities.rq": [],
    # one article gives one rank per person (the project's corpus: tests/queries/test_queries_served.py)
    "18-promotions.rq": [],
    "19-post-holders.rq": [  # the fixture has no sidecar: no date, no bound
        (f"Công an tỉnh {HY}", "Giám đốc", "Trần Huy Ngạn", None, None, "holding", "hung-yen-antq.txt"),
        (
            f"Đảng ủy Công an tỉnh {HY}",
            "Bí thư Đảng ủy",
            "Trần Huy Ngạn",
            None,
            None,
            "holding",
            "hung-yen-antq.txt",
        ),
    ],
    "20-organisation-hierarchy.rq": [  # the provincial police merged with Thái Bình's on 2025-07-01
        (f"Công an tỉnh {HY}", "Bộ Công an", None, "2025-07-01"),
        (f"Công an tỉnh {HY}", "Bộ Công an", "2025-07-01", None),  # the merged province's, from its first day
        ("Công an tỉnh Thái Bình", "Bộ Công an", None, "2025-07-01"),
        (f"Đảng ủy Công an tỉnh {HY}", "Đảng ủy Công an Trung ương", None, None),
    ],
}

LINE_7 = (
    "Duy trì hoạt động của 502 tổ an ninh nhân dân; 189 đội an ninh xung kích; 68 tổ an ninh công nhân; "
    "7 ban bảo vệ dân phố; 224 câu lạc bộ phòng, chống tội phạm; 406 tổ bảo vệ thôn, xóm; 161 ban hoà giải "
    "ở cấp xã; 860 tổ hòa giải ở thôn, xóm; 639 hòm thư tố giác tội phạm; 61 cụm liên kết an toàn về ANTT "
    "ở các địa bàn giáp ranh..."
)

#: 07: (value, begin, end, quote) of every count, in text order; the sentences are checked below.
COUNT_SPANS: list[tuple[int, int, int, str]] = [
    (6518, 622, 648, "6.518 nguồn tin có giá trị"),
    (None, 694, 711, "hàng trăm vụ việc"),
    (502, 1126, 1149, "502 tổ an ninh nhân dân"),
    (189, 1151, 1176, "189 đội an ninh xung kích"),
    (68, 1178, 1201, "68 tổ an ninh công nhân"),
    (7, 1203, 1223, "7 ban bảo vệ dân phố"),
    (224, 1225, 1261, "224 câu lạc bộ phòng, chống tội phạm"),
    (406, 1263, 1286, "406 tổ bảo vệ thôn, xóm"),
    (161, 1288, 1304, "161 ban hoà giải"),
    (860, 1315, 1330, "860 tổ hòa giải"),
    (639, 1344, 1372, "639 hòm thư tố giác tội phạm"),
    (61, 1374, 1405, "61 cụm liên kết an toàn về ANTT"),
    (966, 2627, 2641, "966 khu dân cư"),
    (897, 2738, 2752, "897 khu dân cư"),
    (112, 2776, 2790, "112 khu dân cư"),
    (114, 2825, 2839, "114 khu dân cư"),
    (916, 2864, 2878, "916 khu dân cư"),
    (1000, 3392, 3420, "trên 1.000 cán bộ Công an xã"),
]

TESTED = {
    *EXPECTED,
    "07-count-evidence.rq",
    "09-data-cube-table.rq",
    "federated-wikidata.rq",
}  # exact answer in tests/gazetteer/test_link.py (SERVICE to a local server)


def test_there_are_at_least_12_queries_each_with_an_exact_answer_test() -> None:
    files = {p.name for p in QUERIES.glob("*.rq")}
    assert len(files) >= 12
    assert files == TESTED


@pytest.mark.parametrize("name", sorted(p.name for p in QUERIES.glob("*.rq")))
def test_every_query_states_its_question_in_vietnamese_and_english(name: str) -> None:
    header = (QUERIES / name).read_text(encoding="utf-8").splitlines()[:3]
    assert header[0].startswith("# Câu hỏi: ")
    assert header[1].startswith("# Question: ")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_query_gives_the_exact_answer(name: str, oxigraph: ox.Store, rdflib_ds: Dataset) -> None:
    assert run(name, oxigraph, rdflib_ds) == EXPECTED[name]


def test_a_query_run_leaves_no_oxigraph_result_for_another_thread_to_drop(
    oxigraph: ox.Store, rdflib_ds: Dataset
) -> None:
    """What :func:`run` leaves to the garbage collector holds no result of this thread's queries: a
    later test's worker thread may be the one to collect it."""
    gc.collect()
    assert run("03-mediation-total.rq", oxigraph, rdflib_ds)
    assert collected_elsewhere() == []


def test_07_count_evidence_gives_span_quote_and_sentence(oxigraph: ox.Store, rdflib_ds: Dataset) -> None:
    rows = run("07-count-evidence.rq", oxigraph, rdflib_ds)
    assert [(r[1], r[3], r[4], r[5]) for r in rows] == COUNT_SPANS
    assert {r[0] for r in rows} == {"hung-yen-antq.txt"}
    by_value = {r[1]: r for r in rows}
    assert by_value[502][6] == LINE_7
    assert by_value[161][6] == LINE_7
    assert by_value[1000][6].startswith(
        "Tuy điều kiện kinh phí cho lực lượng Công an xã còn hạn chế, song trên"
    )
    assert by_value[966][6].startswith("Do vậy, đến nay toàn tỉnh có 966 khu dân cư")
    assert by_value[966][6].endswith('"Khu dân cư tiên tiến".')


def test_09_data_cube_table(oxigraph: ox.Store, rdflib_ds: Dataset) -> None:
    rows = run("09-data-cube-table.rq", oxigraph, rdflib_ds)
    assert len(rows) == 17  # 18 counts less "hàng trăm vụ việc", which has no numeral to measure
    assert {r[0] for r in rows} == {ID + "place/p33"}  # the place the gazetteer resolved: tỉnh Hưng Yên (33)
    article = ID + "article/3e659248f8117009"  # the article's SHA-256
    assert {r[6] for r in rows} == {article}
    residential = [r for r in rows if r[2] == C + "unit-type/khu-dan-cu"]
    assert len({r[3] for r in residential}) == 5  # IC-12: five criteria tell them apart
    assert sorted(r[7] for r in residential) == [112, 114, 897, 916, 966]
    named = {r[7]: r[3] for r in residential}
    assert named[966].startswith(ID + "initiative/")  # the cuộc vận động the criterion names
    assert named[916].startswith(ID + "initiative/")  # the title "Khu dân cư tiên tiến"
    assert (named[112], named[114]) == (
        C + "criterion/khong-co-toi-pham",
        C + "criterion/khong-co-te-nan-xa-hoi",
    )
    assert named[897] == C + "criterion/co-huong-uoc-quy-uoc"
    over = next(r for r in rows if r[8] == C + "qualifier/more-than")
    assert over[1:] == (
        article + "#publication",  # a stock as of writing
        C + "unit-type/can-bo-chien-si",  # "cán bộ Công an xã": the nearest curated broader unit type
        "https://w3id.org/antq/ontology#anyCriterion",
        "https://w3id.org/antq/ontology#wholeArea",
        "https://w3id.org/antq/ontology#notNested",
        article,
        1000,
        C + "qualifier/more-than",
        "http://purl.org/linked-data/sdmx/2009/code#obsStatus-A",
        1001,
        None,
    )
    period = next(r for r in rows if r[7] == 6518)
    assert period[1] == ID + "period/3e659248f8117009/5-nam-qua-68fba2"  # the undated article's five years
    assert next(r for r in rows if r[7] == 161)[4] == C + "scope/cap-xa"
