"""Synthetic articles of the genre, for the benchmarks: deterministic, seeded, streamed to disk.

Every article is a provincial or commune news report on the "Toàn dân bảo vệ an ninh Tổ quốc"
movement, like the seed article and the development corpus: a headline, a dated lead naming an event
at a place of the gazetteer, the officials who came (rank, name, posts and organisation), counts of
grassroots units, tips, cases and residential areas in vi-VN number formats with qualifiers and
reporting periods, quoted local models and national campaigns, a resident's quotation and a byline;
beside it a JSON sidecar (``<name>.meta.json``) with author, headline, publisher and a date between
2019 and 2026.

The words come from the project's own data, read once at start-up: ranks, posts, honorifics,
surnames, residential type words, qualifiers, reporting periods, campaign kinds, national campaigns
and the movement's written forms from ``src/antq_kg/lexicons/*.tsv``; grassroots unit types from the
ontology's unit-type scheme (``ontology/antq.ttl``); provinces, districts and communes from
``data/gazetteer/units.csv`` (the units in force before 1 July 2025 for articles dated before it, the
two-level units after it). Given names, village names and the sentence templates are written here.

Article ``i`` depends only on ``(seed, variant, i)`` (its own ``random.Random``), so the same seed gives
byte-identical files, the first 1,000 articles of a 10,000-article corpus are the 1,000-article corpus,
and ``--variant 1`` rewrites the same file names with other text (an edited corpus). Files go to
``OUT/<i // 1000:03d>/a<i:06d>.txt``, written one at a time: memory stays flat with ``--n``.

Run: ``python bench/synth.py --n 1000 --out DIR [--seed 1] [--variant 0] [--start 0]``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from _typeshed import SupportsLenAndGetItem

T = TypeVar("T")

ROOT = Path(__file__).resolve().parents[1]
LEXICONS = ROOT / "src" / "antq_kg" / "lexicons"
ONTOLOGY = ROOT / "ontology" / "antq.ttl"
UNITS = ROOT / "data" / "gazetteer" / "units.csv"

#: First and last publication day of the synthetic articles; the 2025 reform splits them in two eras.
FIRST_DAY, LAST_DAY, REFORM = date(2019, 1, 1), date(2026, 12, 31), date(2025, 7, 1)

# -- words not in the lexicons: given names, village names, publishers ---------------------------------

MIDDLE_MALE = (
    "Văn",
    "Đình",
    "Hữu",
    "Minh",
    "Quốc",
    "Đức",
    "Công",
    "Xuân",
    "Thanh",
    "Ngọc",
    "Trọng",
    "Quang",
    "Tiến",
    "Mạnh",
    "Duy",
    "Thế",
    "Bá",
    "Anh",
)
MIDDLE_FEMALE = ("Thị", "Thu", "Ngọc", "Thanh", "Thị Thu", "Hồng", "Kim", "Minh", "Thị Thanh", "Phương")
GIVEN_MALE = (
    "Hải",
    "Hùng",
    "Dũng",
    "Tuấn",
    "Lực",
    "Thuận",
    "Đạt",
    "Nam",
    "Long",
    "Sơn",
    "Cường",
    "Thắng",
    "Quân",
    "Phong",
    "Toàn",
    "Hiếu",
    "Khoa",
    "Tâm",
    "Kiên",
    "Huy",
    "Ngạn",
    "Thuyên",
    "Diệu",
    "Vinh",
    "Lợi",
    "Tùng",
    "Chiến",
    "Bảo",
    "Khánh",
    "Thịnh",
    "Quyết",
    "Trường",
    "Việt",
    "Hậu",
)
GIVEN_FEMALE = (
    "Lan",
    "Hương",
    "Hà",
    "Lài",
    "Thủy",
    "Linh",
    "Mai",
    "Hoa",
    "Hạnh",
    "Nga",
    "Yến",
    "Trang",
    "Phương",
    "Thảo",
    "Hằng",
    "Ngân",
    "Huyền",
    "Dung",
    "Loan",
    "Nhung",
    "Vân",
    "Oanh",
)
VILLAGE_PARTS = (
    "Đông",
    "Tây",
    "Nam",
    "Bắc",
    "Trung",
    "Tân",
    "Phú",
    "An",
    "Bình",
    "Hòa",
    "Hưng",
    "Thịnh",
    "Lộc",
    "Phúc",
    "Xuân",
    "Thượng",
    "Hạ",
    "Mỹ",
    "Long",
    "Thành",
    "Quang",
    "Vĩnh",
    "Hồng",
    "Minh",
    "Đức",
    "Tiến",
    "Lợi",
    "Khê",
    "Sơn",
    "Thủy",
    "Yên",
    "Cát",
)
PUBLISHERS = (
    "Báo Công an nhân dân",
    "Cổng thông tin điện tử Công an tỉnh {prov}",
    "Báo {prov}",
    "Đài Phát thanh và Truyền hình {prov}",
    "Báo Nhân dân",
    "Báo Pháp luật Việt Nam",
)
#: Local models: a head and what it keeps ("Thôn xóm bình yên, gia đình hạnh phúc", "Camera an ninh").
MODEL_HEADS = (
    "Thôn",
    "Xóm",
    "Tổ dân phố",
    "Khu dân cư",
    "Dòng họ",
    "Camera",
    "Zalo",
    "Tiếng kẻng",
    "Loa",
    "Chốt",
    "Ngõ",
    "Bến thuyền",
    "Chợ",
    "Cổng trường",
    "Gia đình",
)
MODEL_TAILS = (
    "bình yên, gia đình hạnh phúc",
    "an ninh",
    "tự quản về an ninh, trật tự",
    "văn minh, an toàn",
    "không có tội phạm và tệ nạn xã hội",
    "an toàn, không ma túy",
    "tự phòng, tự quản, tự bảo vệ",
    "sáng - xanh - sạch - đẹp",
    "an ninh xóm",
    "liên kết giữ bình yên",
    "đoàn kết",
    "phòng, chống lừa đảo qua mạng",
    "đảm bảo an ninh trật tự",
)
#: Club names: always after the kind word "câu lạc bộ" (a name seen with two kinds would be two initiatives).
CLUBS = (
    "Phụ nữ với pháp luật",
    "Cựu chiến binh giữ bình yên",
    "Thanh niên xung kích",
    "Nông dân với pháp luật",
    "Gia đình hạnh phúc",
    "Dòng họ tự quản",
)
QUOTES = (
    "Trước đây, đoạn đường ven đồng của thôn vắng vẻ, mất trộm là chuyện thường. Từ ngày có camera, kẻ gian không dám bén mảng",
    "Xã mới rộng hơn, dân đông hơn nên anh em trong tổ phải bám xóm, bám dân nhiều hơn",
    "Nhà nào có người lạ đến ở, có con em đi làm ăn xa về là chúng tôi nắm được ngay",
    "Người trong họ nói thì con cháu nghe, nhờ vậy mà tránh được nhiều chuyện đáng tiếc",
    "Bà con giờ ai cũng có ý thức, thấy gì bất thường là báo ngay cho Công an xã",
    "Mỗi tối anh em chia nhau đi tuần, vất vả nhưng ai cũng vui vì xóm làng yên ổn",
    "Từ khi có nhóm Zalo, thông tin được truyền đi rất nhanh, nhất là các thủ đoạn lừa đảo mới",
    "Chúng tôi luôn xác định giữ bình yên cho thôn xóm là việc của chính mình",
)
FILLERS = (
    "Lực lượng Công an đã chủ động phối hợp với các ngành, đoàn thể đẩy mạnh tuyên truyền, giáo dục truyền thống yêu nước, nâng cao tinh thần cảnh giác, ý thức chấp hành pháp luật của nhân dân.",
    "Công tác tuyên truyền được thực hiện bằng nhiều hình thức phong phú như qua hệ thống loa truyền thanh, mạng xã hội, các buổi sinh hoạt tại nhà văn hóa.",
    "Qua đó, tạo được sự gắn bó phối hợp giữa các ban, ngành, đoàn thể với Công an các cấp trong việc vận động các tầng lớp nhân dân tham gia giữ gìn an ninh, trật tự.",
    "Tình hình an ninh chính trị, trật tự an toàn xã hội trên địa bàn cơ bản ổn định, không để xảy ra đột xuất, bất ngờ.",
    "Bên cạnh kết quả đạt được, phong trào ở một số nơi còn hình thức, chưa thu hút được đông đảo người dân, nhất là thanh niên tham gia.",
    "Nhiều vụ việc phức tạp đã được giải quyết ngay từ cơ sở, không để phát sinh thành điểm nóng.",
    "Người dân tích cực tham gia tố giác tội phạm, cung cấp thông tin về các đối tượng có biểu hiện nghi vấn.",
    "Các lực lượng thường xuyên tuần tra, kiểm soát vào ban đêm, nhất là tại các tuyến đường liên thôn, khu vực giáp ranh.",
)
EVENTS = (
    "Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
    "hội nghị sơ kết phong trào toàn dân bảo vệ ANTQ",
    "hội nghị tổng kết công tác xây dựng phong trào toàn dân bảo vệ ANTQ",
    "lễ ra mắt mô hình tự quản",
    "buổi giao lưu điển hình tiên tiến trong phong trào toàn dân bảo vệ ANTQ",
)
SOUTH = 70  # GSO province codes from here on are in the south: hamlets are ấp and khóm


def lexicon(*names: str) -> list[dict[str, str]]:
    """The rows of the first of ``lexicons/<name>.tsv`` that exists, keyed by its header line.

    The format :mod:`antq_kg.lexicon` reads: TAB-separated fields, ``#`` comment lines, blank lines
    skipped, the first other line names the columns; a row may stop before the last columns (empty).
    """
    path = next((LEXICONS / f"{n}.tsv" for n in names if (LEXICONS / f"{n}.tsv").is_file()), None)
    if path is None:
        raise SystemExit(f"no lexicon {' or '.join(names)} in {LEXICONS}")
    lines = [
        ln
        for ln in path.read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.lstrip().startswith("#")
    ]
    header = [h.strip() for h in lines[0].split("\t")]
    rows = []
    for line in lines[1:]:
        fields = [unicodedata.normalize("NFC", f.strip()) for f in line.split("\t")]
        rows.append(dict(zip(header, fields + [""] * (len(header) - len(fields)), strict=True)))
    return rows


def unit_type_labels() -> list[str]:
    """Vietnamese labels of the ontology's grassroots unit types (``unit:…`` concepts with a broader one)."""
    text = ONTOLOGY.read_text(encoding="utf-8")
    blocks = re.findall(r"^unit:\S+ a skos:Concept ;(.*?)\.\n", text, flags=re.M | re.S)
    return [
        m.group(1)
        for b in blocks
        if "skos:broader" in b
        if (m := re.search(r'skos:prefLabel "([^"]+)"@vi', b))
    ]


@dataclass(frozen=True, slots=True)
class Unit:
    """An administrative unit of the gazetteer: type word, name, GSO code, parent key."""

    key: str
    type: str
    name: str
    code: str
    parent: str

    @property
    def label(self) -> str:
        return f"{self.type} {self.name}"


class Words:
    """Everything the generator draws from, read once from the lexicons, ontology and gazetteer."""

    def __init__(self) -> None:
        self.ranks = [r["rank"] for r in lexicon("people_ranks")]
        senior = self.ranks.index("Thiếu tướng")
        self.leader_ranks = self.ranks[senior : senior + 4]  # Thiếu tướng … Thượng tá
        self.local_ranks = self.ranks[senior + 3 : senior + 8]  # Thượng tá … Thượng úy
        surnames = [r["surname"] for r in lexicon("people_surnames")]
        self.surnames = surnames[:14] * 6 + surnames  # the first ~14 cover ~90% of Vietnamese
        posts = {r["post"] for r in lexicon("people_posts")}
        heads = {r["surface"] for r in lexicon("people_org_heads")}
        for word in ("Giám đốc", "Trưởng", "Chủ tịch", "Bí thư Đảng ủy", "Trưởng thôn", "Trưởng ấp"):
            assert word in posts, f"people_posts.tsv lost {word!r}"
        for word in ("Công an", "UBND", "Ủy ban MTTQ", "Hội Phụ nữ", "Hội Nông dân", "Đoàn Thanh niên"):
            assert word in heads, f"people_org_heads.tsv lost {word!r}"
        self.mass_orgs = (
            "Ủy ban MTTQ",
            "Hội Phụ nữ",
            "Hội Nông dân",
            "Hội Cựu chiến binh",
            "Đoàn Thanh niên",
        )
        # residential type words that stand before a name and have a level in the ontology's scheme
        # (khóm, khối phố, tiểu khu, làng have none there yet: their places would violate the shapes)
        self.residential = [
            r["surface"]
            for r in lexicon("admin_types", "places_types")
            if r["kind"] == "residential"
            and r["surface"] in ("thôn", "xóm", "ấp", "bản", "tổ dân phố", "khu phố")
        ]
        cues = lexicon("counts_cues")
        self.qualifiers = [r["phrase"] for r in cues if r["role"] == "qualifier"]
        self.vague = [r["phrase"] for r in cues if r["role"] == "vague" and len(r["phrase"].split()) == 2]
        self.periods = [r["template"] for r in lexicon("counts_periods")]
        kinds = {r["word"] for r in lexicon("campaigns_kinds")}
        assert {"mô hình", "câu lạc bộ", "cuộc vận động", "phong trào"} <= kinds, (
            "campaigns_kinds.tsv lost a kind"
        )
        # national campaigns written after "cuộc vận động"; the titles and standards of the list
        # ("Khu dân cư tiên tiến", "An toàn về an ninh, trật tự") come with their own kind in the templates:
        # one name under two kinds in two articles is one initiative with two kinds, which the shapes refuse
        self.known = [
            r["name"]
            for r in lexicon("campaigns_known")
            if r["name"].startswith(("Toàn dân", "Nghe dân nói", "Vì an ninh", "Ngày thứ bảy"))
        ]
        self.movement = [r["form"] for r in lexicon("campaigns_antq")]
        self.units = unit_type_labels()
        closed = [r["phrase"] for r in lexicon("counts_units") if r["role"] == "closed"]
        self.tips = [u for u in closed if u.endswith("có giá trị")]
        self.grassroots = sorted(
            {*self.units, *(u for u in closed if u.startswith(("tổ", "đội", "ban", "câu")))}
        )
        self.eras = self._gazetteer()

    def _gazetteer(self) -> dict[bool, tuple[list[Unit], dict[str, list[Unit]]]]:
        """``{after_reform: (provinces, children by parent key)}`` from ``units.csv``."""
        eras: dict[bool, tuple[list[Unit], dict[str, list[Unit]]]] = {False: ([], {}), True: ([], {})}
        with UNITS.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                if row["level"] == "0":
                    continue
                after = row["valid_from"] == REFORM.isoformat()
                unit = Unit(row["key"], row["type"], row["name"], row["code"], row["parent_key"])
                provinces, children = eras[after]
                if row["level"] == "1":
                    provinces.append(unit)
                else:
                    children.setdefault(unit.parent, []).append(unit)
        return eras


# -- numbers and names ---------------------------------------------------------------------------------


def vi_number(n: int) -> str:
    """An integer as vi-VN writes it: dots between thousands.

    >>> vi_number(6518), vi_number(410000), vi_number(61)
    ('6.518', '410.000', '61')
    """
    return f"{n:,}".replace(",", ".")


class Draw(random.Random):
    """``random.Random`` whose ``choice`` and ``randint`` take one ``random()`` call each: about three times
    faster than the standard rejection sampling, and the tiny bias does not matter for a synthetic corpus."""

    def choice(self, seq: SupportsLenAndGetItem[T]) -> T:
        return seq[int(self.random() * len(seq))]

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))


class Article:
    """One synthetic article: its facts drawn once (place, date, people), its text assembled on demand."""

    def __init__(self, words: Words, seed: int, variant: int, index: int) -> None:
        self.w = words
        self.r = Draw(f"antq-synth:{seed}:{variant}:{index}")
        r = self.r
        self.index = index
        self.day = FIRST_DAY + timedelta(days=r.randint(0, (LAST_DAY - FIRST_DAY).days))
        self.after = self.day >= REFORM
        provinces, children = words.eras[self.after]
        self.province = r.choice(provinces)
        below = children[self.province.key]
        if self.after:
            self.district, self.commune = None, r.choice(below)
            self.neighbour = r.choice(below)
        else:
            self.district = r.choice(below)
            communes = children.get(self.district.key) or [self.district]
            self.commune, self.neighbour = r.choice(communes), r.choice(communes)
        south = int(self.province.code) >= SOUTH
        res_types = [t for t in words.residential if (t == "ấp") == south]
        self.villages = [f"{r.choice(res_types)} {self._village()}" for _ in range(3)]
        self.movement = r.choice(words.movement)
        self.models = [self._model() for _ in range(3)]
        self.leader = self._person(r.choice(words.leader_ranks))
        self.chief = self._person(r.choice(words.local_ranks))
        self.chair = self._person(None)
        self.elder = self._person(None)
        self.resident = self._person(None)
        self.author = r.choice(
            [
                f"{self._given(False)} {self._given(r.random() < 0.5)}",
                f"{r.choice(words.surnames)} {self._given(r.random() < 0.5)}",
            ]
        )

    # the facts of the article, drawn once

    def _village(self) -> str:
        if self.r.random() < 0.15:
            return str(self.r.randint(1, 15))
        a, b = self.r.sample(VILLAGE_PARTS, 2)
        return f"{a} {b}"

    def _model(self) -> str:
        name = f"{self.r.choice(MODEL_HEADS)} {self.r.choice(MODEL_TAILS)}"
        return f"“{name}”" if self.r.random() < 0.8 else f'"{name}"'

    def _given(self, female: bool) -> str:
        return self.r.choice(GIVEN_FEMALE if female else GIVEN_MALE)

    def _person(self, rank: str | None) -> tuple[str, str, str]:
        """``(how the text first names the person, short name, honorific)``."""
        female = self.r.random() < (0.15 if rank else 0.4)
        surname = self.r.choice(self.w.surnames)
        middle = self.r.choice(MIDDLE_FEMALE if female else MIDDLE_MALE)
        given = self._given(female)
        full = f"{surname} {middle} {given}"
        if rank:
            return f"{rank} {full}", f"{rank} {given}", rank
        honorific = "bà" if female else "ông"
        return f"{honorific} {full}", f"{honorific} {given}", honorific

    @cached_property
    def local(self) -> Unit:
        """The unit whose police and people's committee report (district before 2025, commune after)."""
        return self.district or self.commune

    @property
    def chain(self) -> str:
        """Where the lead happens: "xã X (huyện Y, tỉnh Z)" or, after 2025, "xã X, tỉnh Z"."""
        c, p = self.commune.label, self.province.label
        if self.district is None:
            return f"{c}, {p}"
        return (
            f"{c} ({self.district.label}, {p})"
            if self.r.random() < 0.6
            else f"{c}, {self.district.label}, {p}"
        )

    # counts

    def number(self, low: int, high: int) -> str:
        """A count: vi-VN digits, sometimes after a qualifier ("hơn 1.200") or as a round magnitude."""
        n = self.r.randint(low, high)
        roll = self.r.random()
        if roll < 0.25:
            return f"{self.r.choice(self.w.qualifiers)} {vi_number(n)}"
        if roll < 0.3 and n >= 1500:
            return f"{self.r.choice(('khoảng', 'gần', 'hơn'))} {n / 1000:.1f} nghìn".replace(".", ",")
        return vi_number(n)

    def count(self, unit: str, low: int, high: int) -> str:
        if self.r.random() < 0.06:
            return f"{self.r.choice(self.w.vague)} {unit}"
        return f"{self.number(low, high)} {unit}"

    def grassroots_list(self) -> str:
        units = self.r.sample(self.w.grassroots, self.r.randint(3, min(8, len(self.w.grassroots))))
        return "; ".join(self.count(u, 5, 900) for u in units)

    def period(self) -> str:
        """A reporting period of the lexicon, its years at or before the article's ("giai đoạn 2020 - 2024").

        A period of the article's own year (its year written, or none, which a reader takes as the
        publication year) never begins after the article: its day and month numbers are at most the
        publication day's, so "từ tháng 5 đến nay" is not written in April."""
        year, template = self.day.year, self.r.choice(self.w.periods)
        drawn = sorted(self.r.choice((year, year - 1, year - 5)) for _ in range(template.count("{YEAR}")))
        years = iter(drawn)
        text = re.sub(r"\{YEAR\}", lambda _: str(next(years)), template)
        highest = 12 if drawn and drawn[0] < year else max(1, min(self.day.month, self.day.day))
        return text.replace("{N}", str(self.r.randint(1, highest))).replace(
            "{Q}", self.r.choice(("I", "II", "III"))
        )

    def ratio(self) -> str:
        total = self.r.randint(20, 220)
        return f"{vi_number(self.r.randint(total // 2, total))}/{vi_number(total)}"

    # text

    def slots(self) -> tuple[dict[str, str], dict[str, Callable[[], str]]]:
        """The slots of the sentence templates: those drawn once for the article, those drawn at each use."""
        r, w = self.r, self.w
        police = "Công an " + (self.local.label if r.random() < 0.7 else self.local.type)
        fixed = {
            "prov": self.province.name,
            "prov_t": self.province.label,
            "comm": self.commune.name,
            "comm_t": self.commune.label,
            "local_t": self.local.label,
            "local_type": self.local.type,
            "chain": self.chain,
            "neighbour_t": self.neighbour.label,
            "village": self.villages[0],
            "village2": self.villages[1],
            "village3": self.villages[2],
            "d": str(self.day.day),
            "m": str(self.day.month),
            "year": str(self.day.year),
            "y0": str(self.day.year - r.choice((3, 5))),
            "movement": self.movement,
            "model": self.models[0],
            "model2": self.models[1],
            "model3": self.models[2],
            "known": r.choice(w.known),
            "leader": self.leader[0],
            "leader_short": self.leader[1],
            "leader_posts": r.choice(
                (
                    f"Phó Giám đốc Công an {self.province.label}",
                    f"Bí thư Đảng ủy, Giám đốc Công an {self.province.label}",
                    f"Phó Bí thư Đảng ủy, Phó Giám đốc Công an {self.province.label}",
                )
            ),
            "chief": self.chief[0],
            "chief_short": self.chief[1],
            "chief_post": r.choice(("Trưởng", "Phó Trưởng")) + f" Công an {self.local.label}",
            "chair": self.chair[0],
            "chair_post": f"{r.choice(('Chủ tịch', 'Phó Chủ tịch'))} UBND {self.commune.label}",
            "mass_org": f"{r.choice(w.mass_orgs)} {self.commune.label}",
            "police": police,
            "elder": self.elder[0],
            "elder_post": "Trưởng " + self.villages[0],
            "resident": self.resident[0],
            "resident_short": self.resident[1],
            "age": str(r.randint(45, 78)),
            "quote": r.choice(QUOTES),
            "quote2": r.choice(QUOTES),
            "event": r.choice(EVENTS),
            "daypart": r.choice(("Sáng", "Chiều", "Ngày", "Tối")),
            "pct": str(r.randint(85, 99)),
            "club": f"“{r.choice(CLUBS)}”",
        }
        fresh: dict[str, Callable[[], str]] = {
            "period": self.period,
            "grassroots": self.grassroots_list,
            "ratio": self.ratio,
            "tips": lambda: self.count(r.choice(w.tips), 12, 7000),
            "cases": lambda: self.count("vụ việc", 3, 400),
            "suspects": lambda: self.count("đối tượng", 2, 300),
            "people": lambda: self.number(120, 2000),
            "areas": lambda: self.number(40, 1200),
            "cameras": lambda: self.count("mắt camera", 20, 900),
            "teams": lambda: self.count("tổ bảo vệ an ninh, trật tự ở cơ sở", 8, 400),
            "members": lambda: self.number(30, 2400),
            "small": lambda: str(r.randint(2, 19)),
            "mediation": lambda: self.count("vụ việc", 10, 300),
            "meetings": lambda: self.count("buổi tuyên truyền", 5, 600),
            "visits": lambda: self.number(500, 90000),
        }
        return fixed, fresh

    def text(self) -> tuple[str, str]:
        """``(headline, article text)``: sections in order, then more templates until 2–5 KB; no
        template twice (a template's fixed slots would repeat the sentence word for word)."""
        r = self.r
        fill = Filler(*self.slots())
        target = r.randint(2300, 4700)
        unused = {pool: list(pool) for pool, _, _ in SECTIONS}

        def pick(pool: tuple[str, ...]) -> str:
            return fill(unused[pool].pop(r.randint(0, len(unused[pool]) - 1)))

        headline = fill(r.choice(HEADLINES))
        paragraphs = [headline]
        for pool, chance, most in SECTIONS:
            if r.random() < chance:
                paragraphs.append(" ".join(pick(pool) for _ in range(r.randint(1, most))))
        closing = fill(r.choice(CLOSINGS))
        extras = [(pool, t) for pool, _, most in SECTIONS if most > 1 for t in unused[pool]]
        r.shuffle(extras)
        size = sum(len(p.encode()) for p in paragraphs) + len(closing.encode())
        while size < target - 150 and extras:
            pool, template = extras.pop()
            unused[pool].remove(template)
            paragraph = fill(template)
            paragraphs.insert(r.randint(min(3, len(paragraphs)), len(paragraphs)), paragraph)
            size += len(paragraph.encode()) + 2
        paragraphs += [closing, self.author]
        return headline, "\n\n".join(paragraphs) + "\n"

    def sidecar(self, headline: str) -> dict[str, object]:
        """The sidecar of the article: author, headline, publisher, language and the date known of it."""
        day = self.day.isoformat()
        when: dict[str, object] = {"published": day, "stated": False, "confidence": "high"}
        if self.r.random() < 0.1:  # some sources give no date: only a bound the text supports
            bound = self.day + timedelta(days=self.r.randint(1, 60))
            when = {
                "published": None,
                "stated": False,
                "before": bound.isoformat(),
                "confidence": "medium",
                "reason": "The archive lists the article in the issue dated " + bound.isoformat() + ".",
            }
        return {
            "language": "vi",
            "author": self.author,
            "title": headline,
            "publisher": self.r.choice(PUBLISHERS).format(prov=self.province.name),
            "date": when,
        }


class Filler(dict[str, str]):
    """``template.format_map(Filler(fixed, fresh))``: ``{slot}`` is the article's value or, for a slot of
    ``fresh``, a value drawn at each use; ``{Slot}`` has its first letter capitalised (a sentence start)."""

    def __init__(self, fixed: dict[str, str], fresh: dict[str, Callable[[], str]]) -> None:
        super().__init__(fixed)
        self.fresh = fresh

    def __missing__(self, key: str) -> str:
        if key[0].isupper():
            low = key[0].lower() + key[1:]
            value = self[low] if low in self or low not in self.fresh else self.fresh[low]()
            return value[:1].upper() + value[1:]
        return self.fresh[key]()

    def __call__(self, template: str) -> str:
        return template.format_map(self)


HEADLINES = (
    "{Prov}: {Event} ở {comm_t}",
    "{Comm_t} ra mắt mô hình {model}",
    "Sôi nổi {event} tại {comm_t}",
    "{Prov_t} nhân rộng các mô hình tự quản về an ninh, trật tự",
    "Phát huy vai trò quần chúng trong phong trào {movement}",
    "Công an {local_t} tổng kết phong trào toàn dân bảo vệ ANTQ năm {year}",
    "{Comm}: giữ bình yên từ thôn, xóm",
    "Hiệu quả từ mô hình {model} ở {comm_t}",
)
LEADS = (
    "{Daypart} {d}/{m}, tại nhà văn hóa {village}, {chain}, UBND {comm_t} phối hợp với {police} tổ chức {event} năm {year}.",
    "Ngày {d}/{m}, Công an {prov_t} tổ chức hội nghị tổng kết phong trào “Toàn dân bảo vệ an ninh Tổ quốc” giai đoạn {y0} - {year}.",
    "{Period}, phong trào {movement} trên địa bàn {local_t} tiếp tục được triển khai sâu rộng, thu hút đông đảo quần chúng tham gia.",
    "Những năm qua, Đảng ủy, Công an {prov_t} luôn xác định xây dựng phong trào toàn dân bảo vệ ANTQ là nhiệm vụ trọng tâm, thường xuyên.",
    "{Daypart} {d}/{m}, Ban chỉ đạo phong trào {movement} {local_t} tổ chức lễ ra mắt mô hình {model} tại {village}, {chain}.",
    "Ngày {d}/{m}, tại {chain}, {mass_org} phối hợp với Công an xã tổ chức {event}.",
)
ATTENDANCE = (
    "Dự có {leader}, {leader_posts}; {chair}, {chair_post} cùng {people} đại biểu và người dân trong xã.",
    "Đến dự có {leader}, {leader_posts}. Về phía địa phương có {chair}, {chair_post}.",
    "Tham dự có lãnh đạo Công an {prov_t}, đại diện các ban, ngành, đoàn thể và {people} người dân trên địa bàn.",
    "Dự ngày hội có {leader_posts}, {leader}; {chair}, {chair_post} cùng đông đảo người dân.",
)
REPORTS = (
    "Báo cáo tại hội nghị, {chief}, {chief_post} cho biết, {period}, nhân dân đã cung cấp cho lực lượng Công an {tips}, giúp phát hiện, xử lý {cases}.",
    "Theo {chief_post}, {period}, lực lượng chức năng đã tiếp nhận {tips}; qua đó điều tra, làm rõ {cases}, bắt giữ {suspects}.",
    "{Period}, {police} đã phối hợp tổ chức {meetings} với {visits} lượt người tham dự.",
    "Theo {chief}, {period}, các tổ hòa giải ở cơ sở đã hòa giải thành {mediation}, góp phần giữ gìn đoàn kết trong cộng đồng dân cư.",
    "{Period}, quần chúng đã cung cấp {tips} giúp lực lượng Công an phát hiện và khám phá {cases}.",
)
INVENTORY = (
    "Toàn {local_type} hiện duy trì hoạt động của {grassroots}.",
    "Đến nay, {local_t} đã xây dựng, củng cố {grassroots}...",
    "Ngay khi đi vào hoạt động, Công an xã đã tham mưu Đảng ủy, UBND xã kiện toàn {teams} với {members} thành viên.",
)
AREAS = (
    "Toàn {local_type} có {areas} khu dân cư thực hiện có hiệu quả cuộc vận động “{known}”, {areas} khu dân cư có hương ước, quy ước, {areas} khu dân cư được công nhận “Khu dân cư tiên tiến”.",
    "Qua bình xét, {ratio} khu dân cư được đề nghị công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự”; tỷ lệ hộ gia đình ký cam kết chấp hành pháp luật đạt {pct}%.",
    "Dịp này, {ratio} xã, phường trên địa bàn tỉnh đã tổ chức ngày hội điểm; {areas} khu dân cư tổ chức ngày hội với {visits} lượt người tham gia.",
)
MODELS = (
    "Nhiều mô hình hay được duy trì và nhân rộng như: {model} ở {village}, {comm_t}; {model2} ở {neighbour_t}…",
    "Xã duy trì hiệu quả mô hình {model} với {cameras} lắp đặt tại các trục đường liên thôn, ngã ba, ngã tư và khu vực chợ.",
    "Ở {village2}, mô hình {model3} thu hút đông đảo bà con tham gia.",
    "Câu lạc bộ {club} của {mass_org} duy trì sinh hoạt hằng tháng, lồng ghép tuyên truyền pháp luật cho hội viên.",
    "{Police} đã tham mưu xây dựng {small} mô hình tự quản, trong đó tiêu biểu là mô hình {model2} ở {village3}.",
)
QUOTES_SECTION = (
    "Chia sẻ tại ngày hội, {elder}, Bí thư Chi bộ, {elder_post} nói: “{quote}”.",
    "{Resident} ({age} tuổi, trú {village}) kể, mỗi tháng dòng họ họp một lần để nhắc nhở con cháu. “{quote2}”, {resident_short} nói.",
    "{Elder}, {elder_post}, chia sẻ: “{quote}”.",
)
CLOSINGS = (
    "Phát biểu tại hội nghị, {leader_short} biểu dương những kết quả mà cấp ủy, chính quyền và nhân dân {comm_t} đạt được; đề nghị địa phương tiếp tục đưa phong trào {movement} đi vào chiều sâu.",
    "Dịp này, UBND {local_t} tặng giấy khen cho {small} tập thể và {small} cá nhân có thành tích xuất sắc trong phong trào toàn dân bảo vệ ANTQ giai đoạn {y0} - {year}.",
    "Thời gian tới, Công an {prov_t} sẽ tiếp tục tham mưu cấp ủy, chính quyền các cấp nhân rộng các mô hình hiệu quả, giữ vững bình yên từ cơ sở.",
    "Theo {chief_short}, sau ngày hội, Công an xã sẽ phối hợp với các thôn rà soát, bổ sung hương ước, quy ước, gắn nội dung bảo vệ an ninh, trật tự với xây dựng nông thôn mới.",
)
#: The body's sections in order: (templates, chance that an article has the section, most templates in it).
SECTIONS: tuple[tuple[tuple[str, ...], float, int], ...] = (
    (LEADS, 1.0, 1),
    (ATTENDANCE, 0.8, 1),
    (REPORTS, 0.9, 2),
    (INVENTORY, 0.7, 2),
    (AREAS, 0.6, 2),
    (MODELS, 0.8, 2),
    (QUOTES_SECTION, 0.6, 1),
    (FILLERS, 0.5, 2),
)


def article_path(out: Path, index: int) -> Path:
    """Where article ``index`` goes: 1,000 articles a folder."""
    return out / f"{index // 1000:03d}" / f"a{index:06d}.txt"


def generate(
    words: Words, *, n: int, seed: int = 1, variant: int = 0, start: int = 0
) -> Iterator[tuple[int, str, str]]:
    """``(index, text, sidecar JSON)`` of articles ``start … start + n - 1``, one at a time."""
    for i in range(start, start + n):
        article = Article(words, seed, variant, i)
        headline, text = article.text()
        sidecar = json.dumps(article.sidecar(headline), ensure_ascii=False) + "\n"
        yield i, text, sidecar


def write_corpus(out: Path, *, n: int, seed: int = 1, variant: int = 0, start: int = 0) -> int:
    """Write ``n`` articles and their sidecars under ``out``; returns the bytes of text written."""
    words = Words()
    size = 0
    folder = None
    for i, text, sidecar in generate(words, n=n, seed=seed, variant=variant, start=start):
        path = article_path(out, i)
        if path.parent != folder:
            folder = path.parent
            folder.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        for target, content in (
            (path, data),
            (path.with_name(path.stem + ".meta.json"), sidecar.encode("utf-8")),
        ):
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            try:
                os.write(fd, content)
            finally:
                os.close(fd)
        size += len(data)
    return size


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="articles to write")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--variant", type=int, default=0, help="another text for the same file names")
    parser.add_argument("--start", type=int, default=0, help="index of the first article")
    args = parser.parse_args(argv)
    t = time.perf_counter()
    size = write_corpus(args.out, n=args.n, seed=args.seed, variant=args.variant, start=args.start)
    secs = time.perf_counter() - t
    print(
        f"wrote {args.n:,} articles ({size / 1e6:.1f} MB, mean {size / max(args.n, 1) / 1000:.1f} KB) "
        f"to {args.out} in {secs:.1f} s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
